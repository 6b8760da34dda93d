import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createFieldProperties, jsonFieldsProperty } from '../../descriptions/fieldProperties';
import { outputOptionsProperty, showFor } from '../../descriptions/parameters';
import { getRecordType } from '../../objects';
import { getRecordFields } from '../../schema';
import { insightlyRequest } from '../../transport';
import { InputError, requireNonEmpty } from '../../utils/validation';
import { buildWriteBody, isCustomFieldName, keepOtherCustomFields } from '../body';
import {
	recordResources,
	toItems,
	wordsFor,
	type Operation,
	type OperationInput,
} from '../operation';
import { shapeWritten } from '../output';
import { runStep } from '../steps';
import { asDataObjects, resolveTarget } from '../target';
import { targetProperties } from './parameters';

const resources = recordResources('upsert');

/** Writes the match value into the body (standard field, or CUSTOMFIELDS for a custom one). */
function setMatchValue(body: IDataObject, field: string, value: string): void {
	if (!isCustomFieldName(field)) {
		if (body[field] === undefined) body[field] = value;
		return;
	}
	const customFields = (body.CUSTOMFIELDS as IDataObject[] | undefined) ?? [];
	if (!customFields.some((entry) => entry.FIELD_NAME === field))
		customFields.push({ FIELD_NAME: field, FIELD_VALUE: value });
	body.CUSTOMFIELDS = customFields;
}

/**
 * Create or Update: one search by the match field, then an update of the single match or a
 * create. Several matches stop with a list of their IDs rather than guessing.
 */
export const upsert: Operation = {
	value: 'upsert',
	resources,
	option(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return {
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: `Create or update ${a} ${one} matched on one field`,
		};
	},
	toolDescription(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return (
			`Looks for ${a} Insightly ${one} whose match field exactly equals the match value: updates it when one exists, creates one otherwise. ` +
			'Returns the record with upsertAction "created" or "updated".'
		);
	},
	properties: [
		...targetProperties(resources, 'upsert'),
		{
			displayName: 'Match On Field Name or ID',
			name: 'matchField',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getSearchableFields',
				loadOptionsDependsOn: ['resource', 'customObjectName'],
			},
			required: true,
			default: '',
			description:
				'The field (standard or custom) whose value identifies the record, e.g. EMAIL_ADDRESS. Its value is taken from the fields below. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: showFor(resources, ['upsert']),
		},
		{
			displayName: 'Match Value',
			name: 'matchValue',
			type: 'string',
			required: true,
			default: '',
			description:
				'The value the match field must equal. It is also written to that field when the record is created.',
			displayOptions: showFor(resources, ['upsert']),
		},
		...resources.flatMap((resource) => createFieldProperties(resource, 'upsert')),
		jsonFieldsProperty(resources, 'upsert'),
		outputOptionsProperty(resources, 'upsert'),
	],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex, cache }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const matchField = requireNonEmpty(
			String(this.getNodeParameter('matchField', itemIndex, '')),
			'Match On Field',
			itemIndex,
		).trim();
		const matchValue = requireNonEmpty(
			String(this.getNodeParameter('matchValue', itemIndex, '')),
			'Match Value',
			itemIndex,
		);
		// Build (and so validate) the body before the first request: bad input never half-runs.
		const body = await buildWriteBody.call(this, target, 'upsert', itemIndex, cache);
		setMatchValue(body, matchField, matchValue);

		const matchText = `${matchField} = "${matchValue}"`;
		const search = await runStep(
			{
				step: `Create or Update: searching ${target.pluralLabel} with ${matchText}`,
				alreadyDone: 'Nothing was changed.',
			},
			async () =>
				await insightlyRequest.call(this, {
					method: 'GET',
					path: `/${target.path}/Search`,
					qs: { field_name: matchField, field_value: matchValue, brief: true, top: 2 },
					itemIndex,
				}),
		);
		const matches = asDataObjects(search.body);
		const idField = target.type.idField;
		if (matches.length > 1) {
			const ids = matches.map((match) => match[idField]).join(', ');
			throw new InputError(
				`Several ${target.pluralLabel} have ${matchField} = "${matchValue}" (IDs ${ids}${matches.length === 2 ? ', maybe more' : ''}): nothing was changed`,
				{
					field: 'Match On Field',
					itemIndex,
					description:
						'Create or Update needs a field whose value is unique, such as an email address or an external ID custom field.',
				},
			);
		}
		if (matches.length === 1) {
			const id = matches[0][idField] as number;
			// Fields only a create takes (Ticket's first comment) cannot go into the update: they
			// are left out and named in the output rather than failing the whole update.
			const createOnly = getRecordFields(target.type.key)
				.filter((spec) => spec.createOnly && body[spec.name] !== undefined)
				.map((spec) => spec.name);
			for (const name of createOnly) delete body[name];
			const updateBody = { ...body };
			await runStep(
				{
					step: `Create or Update: reading ${target.label} ${id}'s other custom fields`,
					alreadyDone: 'Nothing was changed (the search and this read only read).',
				},
				async () =>
					await keepOtherCustomFields.call(this, target, id, updateBody, cache, itemIndex),
			);
			const response = await runStep(
				{
					step: `Create or Update: updating ${target.label} ${id} (the one with ${matchText})`,
					alreadyDone: 'Nothing was changed before this step (the search only reads).',
				},
				async () =>
					await insightlyRequest.call(this, {
						method: 'PUT',
						path: `/${target.path}`,
						body: { ...updateBody, [idField]: id },
						itemIndex,
						record: { typeName: target.label, id },
					}),
			);
			const records = asDataObjects(response.body);
			const shaped = await shapeWritten.call(this, records, target, cache, itemIndex, 'updated');
			return toItems(
				// upsertAction first: the first column in Table view, the first thing a model reads.
				shaped.map((record) => ({
					upsertAction: 'updated',
					...record,
					...(createOnly.length ? { notUpdated: createOnly } : {}),
				})),
			);
		}
		const missing = getRecordFields(target.type.key).filter(
			(spec) => spec.required && (body[spec.name] === undefined || body[spec.name] === ''),
		);
		if (missing.length) {
			throw new InputError(
				`No ${target.label} has ${matchField} = "${matchValue}", and creating one needs ${missing.map((spec) => spec.name).join(', ')}: nothing was changed`,
				{ field: missing[0].name, itemIndex },
			);
		}
		const response = await runStep(
			{
				step: `Create or Update: creating a ${target.label} (none has ${matchText})`,
				alreadyDone: 'Nothing was changed before this step (the search only reads).',
			},
			async () =>
				await insightlyRequest.call(this, {
					method: 'POST',
					path: `/${target.path}`,
					body,
					itemIndex,
					record: { typeName: target.label },
				}),
		);
		const records = asDataObjects(response.body);
		const shaped = await shapeWritten.call(this, records, target, cache, itemIndex, 'created');
		return toItems(shaped.map((record) => ({ upsertAction: 'created', ...record })));
	},
};
