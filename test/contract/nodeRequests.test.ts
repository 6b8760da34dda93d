/**
 * Every request the Insightly node can emit, checked against Insightly's swagger. The walk is
 * driven by the node's own description (resources × operations × record types) and by the
 * generated field table (every writable field, filled with a valid value), so a new resource,
 * operation or field is exercised without touching this file. Each variant runs through the
 * node's real execute path against the sandbox; the sandbox's request log is then checked:
 * the path exists for the method, every query parameter is documented, and every body key
 * exists in the body schema and is writable with the documented type.
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { Insightly } from '../../nodes/Insightly/Insightly.node';
import {
	CUSTOM_OBJECT_RECORD,
	getRecordType,
	RECORD_TYPES,
	supports,
	type RecordType,
} from '../../nodes/Insightly/objects';
import { RECORD_FIELDS } from '../../nodes/Insightly/schema/fields.generated';
import { getUpdatableFields } from '../../nodes/Insightly/schema';
import { byId, sentRequests, useNodeSandbox, type SentRequest } from '../integration/node/helpers';
import {
	optionalFieldValues,
	requiredParameters,
	samplePipeline,
} from '../integration/node/samples';
import {
	assertBodyWritable,
	assertPathExists,
	assertQueryAllowed,
	type HttpMethod,
} from './swagger';

const FRUIT = 'Fruit__c';
const properties = new Insightly().description.properties;

/** Option values of the parameter `name` shown for this resource. */
function optionsShownFor(name: string, resource: string): string[] {
	return properties
		.filter(
			(property) =>
				property.name === name &&
				(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
		)
		.flatMap((property: INodeProperties) =>
			(property.options as INodePropertyOptions[]).map((option) => String(option.value)),
		);
}

const RESOURCES = (
	properties.find((property) => property.name === 'resource')?.options as INodePropertyOptions[]
).map((option) => String(option.value));

const { sandbox, run } = useNodeSandbox({ beforeEach: false });
const sentFieldsByResource = new Map<string, Set<string>>();
const exercised = new Set<string>();

const pathOf = (type: RecordType) => (type.key === CUSTOM_OBJECT_RECORD ? FRUIT : type.path);
const typeBase = (type: RecordType): IDataObject =>
	type.key === CUSTOM_OBJECT_RECORD ? { customObjectName: FRUIT } : {};

/** A fresh record of this type, made directly in the sandbox (not logged). */
function freshRecord(type: RecordType): number {
	// Read-only types (line items, price book entries, milestones, teams) come from the seed.
	if (!supports(type, 'create'))
		return sandbox.records.list(pathOf(type))[0][type.idField] as number;
	const required = requiredParameters(sandbox, type.key);
	const body = Object.fromEntries(
		Object.entries(required).map(([name, value]) => [
			name,
			typeof value === 'string' && /T\d\d:/.test(value)
				? value.replace('T', ' ').replace('Z', '')
				: value,
		]),
	);
	return sandbox.records.create(pathOf(type), body)[type.idField] as number;
}

/** A valid text value for each editable custom field of the type, by FIELD_TYPE. */
function customFieldValues(type: RecordType): IDataObject {
	const fieldFor =
		type.key === CUSTOM_OBJECT_RECORD ? FRUIT : sandbox.state.type(type.path)?.fieldFor;
	const rows: IDataObject[] = [];
	for (const field of sandbox.state.customFields.filter(
		(candidate) => candidate.FIELD_FOR === fieldFor && candidate.EDITABLE,
	)) {
		const options = field.CUSTOM_FIELD_OPTIONS.map((option) => option.OPTION_VALUE);
		const value: Record<string, string> = {
			DROPDOWN: options[0],
			MULTISELECT: options.slice(0, 2).join(';'),
			BIT: 'true',
			NUMERIC: '12',
			CURRENCY: '12.5',
			PERCENT: '40',
			DATE: '2025-04-22',
			DATETIME: '2025-04-22T10:00:00Z',
			LOOKUP: String(sandbox.records.list('Organisations')[0].ORGANISATION_ID),
		};
		rows.push({
			fieldName: field.FIELD_NAME,
			value: value[field.FIELD_TYPE] ?? `${field.FIELD_LABEL} text`,
		});
	}
	return { field: rows };
}

type Variant = { name: string; parameters: IDataObject; items?: INodeExecutionData[] };

/** Parameter sets for one record-type operation that between them use every field and filter. */
function recordVariants(type: RecordType, operation: string): Variant[] {
	const base = { resource: type.key, operation, ...typeBase(type) };
	const existing = () => byId(freshRecord(type));
	const parent = type.createdThroughParent
		? { parentType: 'contact', parentId: byId(sandbox.records.list('Contacts')[0].CONTACT_ID) }
		: {};
	const custom = type.customFields || type.custom ? { customFields: customFieldValues(type) } : {};
	switch (operation) {
		case 'create':
			return [
				{
					name: 'every field',
					parameters: {
						...base,
						...parent,
						...requiredParameters(sandbox, type.key),
						additionalFields: optionalFieldValues(sandbox, type.key),
						...custom,
					},
				},
			];
		case 'upsert': {
			const matchField = type.nameFields[0];
			const fields = {
				...requiredParameters(sandbox, type.key),
				additionalFields: optionalFieldValues(sandbox, type.key),
				...custom,
			};
			const value = `Upsert ${type.key} ${Date.now()}`;
			return [
				{ name: 'creates', parameters: { ...base, ...fields, matchField, matchValue: value } },
				{ name: 'updates', parameters: { ...base, ...fields, matchField, matchValue: value } },
			];
		}
		case 'update': {
			const updatable = new Set(getUpdatableFields(type.key).map((spec) => spec.name));
			const all = Object.fromEntries(
				Object.entries({
					...requiredParameters(sandbox, type.key),
					...optionalFieldValues(sandbox, type.key),
				}).filter(([name]) => updatable.has(name)),
			);
			const clearable = getUpdatableFields(type.key)
				.filter((spec) => !spec.required)
				.map((spec) => spec.name);
			return [
				{
					name: 'every field',
					parameters: { ...base, recordId: existing(), updateFields: all, ...custom },
				},
				{
					name: 'clear every field',
					parameters: { ...base, recordId: existing(), clearFields: clearable },
				},
			];
		}
		case 'get':
		case 'delete':
			return [
				{
					name: 'by id',
					parameters: {
						...base,
						recordId: type.key === 'user' ? byId(sandbox.state.meUserId) : existing(),
					},
				},
			];
		case 'getCurrent':
			return [{ name: 'me', parameters: base }];
		case 'getAll': {
			const variants: Variant[] = [
				{ name: 'plain', parameters: { ...base, limit: 3 } },
				{
					name: 'brief, return all',
					parameters: { ...base, returnAll: true, options: { brief: true } },
				},
				{
					name: 'updated after',
					parameters: { ...base, limit: 3, filters: { updatedAfter: '2025-01-01T00:00:00Z' } },
				},
				{
					name: 'field equals',
					parameters: {
						...base,
						limit: 3,
						filters: { fieldName: type.nameFields[0], fieldValue: 'x' },
					},
				},
			];
			if (type.searchByTag)
				variants.push({ name: 'tag', parameters: { ...base, limit: 3, filters: { tag: 'VIP' } } });
			if (type.createdThroughParent)
				variants.push({
					name: 'of record',
					parameters: {
						...base,
						limit: 3,
						filters: {
							parentRecord: `contact:${sandbox.records.list('Contacts')[0].CONTACT_ID}`,
							updatedAfter: '2025-01-01T00:00:00Z',
						},
					},
				});
			return variants;
		}
		case 'search':
			return [
				{
					name: 'field',
					parameters: {
						...base,
						searchField: type.nameFields[0],
						searchValue: 'x',
						options: { brief: true },
					},
				},
			];
		case 'setPipeline':
		case 'setPipelineStage': {
			// A stage change needs the record in a pipeline: set one first (also a node request).
			const { pipelineId, stageIds } = samplePipeline(sandbox, type.key);
			const recordId = existing();
			const variants = [
				{
					name: 'pipeline',
					parameters: {
						...base,
						operation: 'setPipeline',
						recordId,
						pipelineId,
						stageId: stageIds[0],
					},
				},
			];
			if (operation === 'setPipelineStage')
				variants.push({
					name: 'stage',
					parameters: { ...base, recordId, pipelineId, stageId: stageIds[1] },
				});
			return variants;
		}
		case 'changeState':
			return optionsShownFor('state', type.key).map((state) => {
				const reason = sandbox.state.stateReasons.rows.find(
					(row) => row.FOR_OPPORTUNITY_STATE === state,
				);
				return {
					name: state,
					parameters: {
						...base,
						recordId: existing(),
						state,
						...(reason ? { stateReason: reason.STATE_REASON_ID } : {}),
					},
				};
			});
		default:
			throw new Error(`No variants for ${type.key}.${operation}: add them here`);
	}
}

/** Parameter sets for an attached resource on one record type. */
function attachedVariants(resource: string, type: RecordType, operation: string): Variant[] {
	const id = freshRecord(type);
	const base = { resource, operation, recordType: type.key, recordId: byId(id), ...typeBase(type) };
	const other = sandbox.records.list('Organisations')[0].ORGANISATION_ID as number;
	switch (`${resource}.${operation}`) {
		case 'tag.add':
		case 'tag.remove':
			if (operation === 'remove')
				sandbox.records.update(pathOf(type), { [type.idField]: id, TAGS: [{ TAG_NAME: 'Old' }] });
			return [{ name: 'tag', parameters: { ...base, tagName: 'Old' } }];
		case 'link.add':
			return [
				{
					name: 'role and details',
					parameters: {
						...base,
						linkObjectName: 'Organisation',
						linkObjectId: String(other),
						linkFields: { role: 'Partner', details: 'x' },
					},
				},
			];
		case 'link.remove': {
			const link = sandbox.records.update(pathOf(type), {
				[type.idField]: id,
				LINKS: [{ LINK_OBJECT_NAME: 'Organisation', LINK_OBJECT_ID: other }],
			}).LINKS[0];
			return [{ name: 'by id', parameters: { ...base, linkId: String(link.LINK_ID) } }];
		}
		case 'fileAttachment.upload':
			return [
				{
					name: 'with category',
					parameters: {
						...base,
						uploadOptions: {
							fileName: 'a.txt',
							fileCategoryId: sandbox.state.categories.FileCategories.rows[0].CATEGORY_ID,
						},
					},
					items: [
						{
							json: {},
							binary: {
								data: {
									data: Buffer.from('abc').toString('base64'),
									mimeType: 'text/plain',
									fileName: 'a.txt',
								},
							},
						},
					],
				},
			];
		case 'fileAttachment.download':
		case 'fileAttachment.delete': {
			const fileId = [...sandbox.state.files.keys()].pop();
			return [{ name: 'by id', parameters: { resource, operation, fileId: String(fileId) } }];
		}
		case 'follow.unfollow':
			sandbox.state.follows.add(`${pathOf(type)}:${id}`);
			return [{ name: 'followed', parameters: base }];
		default:
			return [{ name: 'plain', parameters: { ...base, returnAll: true } }];
	}
}

function checkAgainstSwagger(request: SentRequest): void {
	const method = request.method as HttpMethod;
	assertPathExists(method, request.path);
	assertQueryAllowed(method, request.path, request.query);
	const multipart = (request.body as IDataObject | undefined)?.multipart === true;
	if (!multipart && request.body !== undefined)
		assertBodyWritable(method, request.path, request.body);
}

function rememberFields(resource: string, request: SentRequest): void {
	if (request.method === 'GET' || !request.body || typeof request.body !== 'object') return;
	const seen = sentFieldsByResource.get(resource) ?? new Set<string>();
	for (const key of Object.keys(request.body as IDataObject)) seen.add(key);
	sentFieldsByResource.set(resource, seen);
}

async function runVariant(label: string, variant: Variant, resource: string): Promise<void> {
	sandbox.clearLog();
	const out = await run(variant.parameters, { items: variant.items, continueOnFail: true });
	const requests = sentRequests(sandbox);
	expect(requests.length).toBeGreaterThan(0);
	for (const request of requests) {
		try {
			checkAgainstSwagger(request);
		} catch (error) {
			throw new Error(`${label}: ${(error as Error).message}`);
		}
		rememberFields(resource, request);
	}
	const failures = out
		.filter((item) => item.json.error)
		.map((item) => `${String(item.json.error)} ${String(item.json.description ?? '')}`);
	expect({ label, failures }).toEqual({ label, failures: [] });
}

const ATTACHED = ['tag', 'link', 'fileAttachment', 'follow'];
/** Attached operations that depend on an earlier one (download after upload...) run in this order. */
const ORDER = [
	'upload',
	'add',
	'follow',
	'getAll',
	'get',
	'download',
	'remove',
	'unfollow',
	'delete',
];

describe.each(
	RESOURCES.filter((resource) => !ATTACHED.includes(resource) && resource !== 'apiCall'),
)('record resource %s', (resource) => {
	const type = getRecordType(resource);
	it.each(optionsShownFor('operation', resource))('%s', async (operation) => {
		for (const variant of recordVariants(type, operation))
			await runVariant(`${resource}.${operation} (${variant.name})`, variant, resource);
		exercised.add(`${resource}.${operation}`);
	});
});

describe.each(ATTACHED)('attached resource %s', (resource) => {
	const operations = optionsShownFor('operation', resource).sort(
		(a, b) => ORDER.indexOf(a) - ORDER.indexOf(b),
	);
	it.each(optionsShownFor('recordType', resource))('on %s', async (typeKey) => {
		for (const operation of operations) {
			for (const variant of attachedVariants(resource, getRecordType(typeKey), operation))
				await runVariant(
					`${resource}.${operation} on ${typeKey} (${variant.name})`,
					variant,
					resource,
				);
			exercised.add(`${resource}.${operation}`);
		}
	});
});

describe('resource apiCall', () => {
	it('request: documented calls of every method go out as given', async () => {
		const contact = sandbox.records.list('Contacts')[0];
		const variants: Variant[] = [
			{
				name: 'GET with query',
				parameters: {
					resource: 'apiCall',
					operation: 'request',
					method: 'GET',
					path: '/Contacts/Search',
					query: {
						parameter: [
							{ name: 'field_name', value: 'FIRST_NAME' },
							{ name: 'field_value', value: 'x' },
						],
					},
				},
			},
			{
				name: 'POST',
				parameters: {
					resource: 'apiCall',
					operation: 'request',
					method: 'POST',
					path: `/Contacts/${contact.CONTACT_ID}/Tags`,
					body: '{"TAG_NAME": "Via API call"}',
				},
			},
			{
				name: 'PUT',
				parameters: {
					resource: 'apiCall',
					operation: 'request',
					method: 'PUT',
					path: '/Contacts',
					body: JSON.stringify({ CONTACT_ID: contact.CONTACT_ID, TITLE: 'Dr' }),
				},
			},
			{
				name: 'DELETE',
				parameters: {
					resource: 'apiCall',
					operation: 'request',
					method: 'DELETE',
					path: `/Contacts/${contact.CONTACT_ID}`,
				},
			},
		];
		for (const variant of variants)
			await runVariant(`apiCall.request (${variant.name})`, variant, 'apiCall');
		exercised.add('apiCall.request');
	});
});

describe('coverage', () => {
	it('walked every resource and operation of the description', () => {
		const expected = RESOURCES.flatMap((resource) =>
			optionsShownFor('operation', resource).map((operation) => `${resource}.${operation}`),
		);
		expect([...exercised].sort()).toEqual(expected.sort());
	});

	it('sent every field of the generated field table at least once', () => {
		const missing = Object.entries(RECORD_FIELDS).flatMap(([resource, { fields }]) =>
			RECORD_TYPES.some((type) => type.key === resource && supports(type, 'create'))
				? fields
						.filter((field) => !sentFieldsByResource.get(resource)?.has(field.name))
						.map((field) => `${resource}.${field.name}`)
				: [],
		);
		expect(missing).toEqual([]);
	});
});
