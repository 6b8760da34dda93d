import type { INodeProperties } from 'n8n-workflow';

import {
	FIELD_PARAMETERS,
	LOAD_OPTIONS_METHODS,
	createFieldProperties,
	customFieldsProperty,
	fieldToProperty,
	readCustomFieldEntries,
	updateFieldProperties,
} from '../../../nodes/Insightly/descriptions/fieldProperties';
import { DYNAMIC_OPTIONS_DESCRIPTION } from '../../../nodes/Insightly/descriptions/parameters';
import { loadOptions } from '../../../nodes/Insightly/methods/loadOptions';
import { getRecordType, WRITABLE_TYPES } from '../../../nodes/Insightly/objects';
import { getRecordFields, getUpdatableFields } from '../../../nodes/Insightly/schema';
import { create } from '../../../nodes/Insightly/actions/record/create.operation';
import { update } from '../../../nodes/Insightly/actions/record/update.operation';
import { upsert } from '../../../nodes/Insightly/actions/record/upsert.operation';

const WRITABLE = WRITABLE_TYPES.map((type) => type.key);
const CREATE = ['create'];
const UPDATE = ['update'];

function propertiesOf(resource: string): INodeProperties[] {
	return [
		...createFieldProperties(resource, 'create'),
		...updateFieldProperties(resource, 'update'),
	];
}
const hasCustomFields = (resource: string) =>
	getRecordType(resource).custom || getRecordType(resource).customFields !== undefined;
function named(properties: INodeProperties[], name: string): INodeProperties | undefined {
	return properties.find((property) => property.name === name);
}
/** Every parameter, including collection options, flattened. */
function flatten(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) =>
		property.type === 'collection'
			? [property, ...((property.options ?? []) as INodeProperties[])]
			: [property],
	);
}

describe.each(WRITABLE)('%s field parameters', (resource) => {
	const properties = propertiesOf(resource);
	const specs = getRecordFields(resource);
	const updatable = getUpdatableFields(resource);

	it('puts exactly the required fields at the top level, shown for create and upsert', () => {
		const topLevel = properties.filter(
			(property) => !Object.values(FIELD_PARAMETERS).includes(property.name as never),
		);
		expect(topLevel.map((property) => property.name)).toEqual(
			specs.filter((spec) => spec.required).map((spec) => spec.name),
		);
		for (const property of topLevel) {
			expect(property.required).toBe(true);
			expect(property.displayOptions).toEqual({
				show: { resource: [resource], operation: CREATE },
			});
		}
	});

	it('Additional Fields holds the optional fields, Update Fields all of them, sorted by display name', () => {
		const additional = named(properties, 'additionalFields');
		const update = named(properties, 'updateFields')!;
		const optional = specs
			.filter((spec) => !spec.required)
			.map((spec) => spec.name)
			.sort();
		if (optional.length) {
			expect(additional?.displayName).toBe('Additional Fields');
			expect(additional?.default).toEqual({});
			expect(additional?.displayOptions).toEqual({
				show: { resource: [resource], operation: CREATE },
			});
			expect(
				((additional!.options ?? []) as INodeProperties[]).map((option) => option.name).sort(),
			).toEqual(optional);
		} else {
			expect(additional).toBeUndefined();
		}
		expect(update.displayName).toBe('Update Fields');
		expect(update.displayOptions).toEqual({ show: { resource: [resource], operation: UPDATE } });
		const updateOptions = (update.options ?? []) as INodeProperties[];
		expect(updateOptions.map((option) => option.name).sort()).toEqual(
			updatable.map((spec) => spec.name).sort(),
		);
		for (const collection of [additional, update].filter(Boolean) as INodeProperties[]) {
			const names = ((collection.options ?? []) as INodeProperties[]).map(
				(option) => option.displayName,
			);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(
				((collection.options ?? []) as INodeProperties[]).some((option) => option.required),
			).toBe(false);
		}
	});

	it('follows n8n conventions for dynamic options, options and defaults', () => {
		const methods = Object.values(LOAD_OPTIONS_METHODS);
		const topLevel = new Set(properties.map((property) => property.name));
		for (const property of flatten(properties)) {
			const method = property.typeOptions?.loadOptionsMethod;
			if (method) {
				// A required (top-level) reference lists the instance's values; an optional one (in
				// a collection) offers "- None -" first.
				const optional = !topLevel.has(property.name) || !property.required;
				expect(methods.map((name) => (optional ? `${name}OrNone` : name))).toContain(method);
				expect(loadOptions).toHaveProperty(method);
				expect(property.displayName).toMatch(/ Name or ID$/);
				expect(property.description).toBe(DYNAMIC_OPTIONS_DESCRIPTION);
				expect(property.default).toBe('');
			} else if (property.type === 'options') {
				const values = (property.options ?? []).map(
					(option) => (option as { value: unknown }).value,
				);
				expect(values).toContain(property.default);
				const names = (property.options ?? []).map((option) => option.name);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
			if (property.type === 'boolean') expect(typeof property.default).toBe('boolean');
			if (property.type === 'number') expect(property.default).toBe(0);
			if (property.type === 'string' || property.type === 'dateTime')
				expect(property.default).toBe('');
			if (property.description) expect(property.description).not.toBe(property.displayName);
		}
	});

	it('Clear Fields offers the optional fields for update', () => {
		const clear = named(properties, 'clearFields')!;
		expect(clear.type).toBe('multiOptions');
		expect(clear.default).toEqual([]);
		expect(clear.displayOptions).toEqual({ show: { resource: [resource], operation: UPDATE } });
		expect(
			(clear.options ?? []).map((option) => (option as { value: string }).value).sort(),
		).toEqual(
			updatable
				.filter((spec) => !spec.required)
				.map((spec) => spec.name)
				.sort(),
		);
		for (const option of clear.options ?? []) expect(option.name).not.toMatch(/Name or ID/);
	});

	it('offers Custom Fields exactly when the record type has them, once per operation', () => {
		const custom = properties.filter((property) => property.name === 'customFields');
		expect(custom.length).toBe(hasCustomFields(resource) ? 2 : 0);
		expect(custom.map((property) => property.displayOptions)).toEqual(
			hasCustomFields(resource)
				? [
						{ show: { resource: [resource], operation: CREATE } },
						{ show: { resource: [resource], operation: UPDATE } },
					]
				: [],
		);
	});
});

describe('field parameter details', () => {
	it('maps kinds to n8n types', () => {
		const byName = (resource: string, name: string) =>
			fieldToProperty(getRecordFields(resource).find((spec) => spec.name === name)!);
		expect(byName('contact', 'OWNER_USER_ID')).toMatchObject({
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
		});
		// Insightly fills a lead's status when a create leaves it out: optional.
		expect(byName('lead', 'LEAD_STATUS_ID')).toMatchObject({
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getLeadStatuses' },
		});
		expect(byName('lead', 'LEAD_STATUS_ID').required).toBeUndefined();
		expect(byName('opportunity', 'CATEGORY_ID')).toMatchObject({
			typeOptions: { loadOptionsMethod: 'getCategories' },
		});
		expect(byName('contact', 'DATE_OF_BIRTH')).toMatchObject({
			type: 'dateTime',
			description: expect.stringMatching(/calendar day/),
		});
		expect(byName('event', 'START_DATE_UTC')).toMatchObject({
			type: 'dateTime',
			description: expect.stringMatching(/UTC/),
		});
		expect(byName('lead', 'EMPLOYEE_COUNT')).toMatchObject({
			type: 'number',
			typeOptions: { numberPrecision: 0 },
		});
		expect(byName('product', 'DEFAULT_PRICE').typeOptions).toBeUndefined();
		expect(byName('product', 'ACTIVE')).toMatchObject({ type: 'boolean', default: true });
		expect(byName('task', 'PRIORITY')).toMatchObject({ type: 'options', default: 2 });
		expect(byName('contact', 'EMAIL_ADDRESS').placeholder).toBe('name@email.com');
		expect(byName('contact', 'BACKGROUND').typeOptions).toEqual({ rows: 4 });
		// Inside a collection, required is dropped (n8n lint: collection items are never required).
		expect(fieldToProperty(getRecordFields('contact')[1], true).required).toBeUndefined();
	});

	it('the custom fields picker can depend on other parameters', () => {
		const values = (
			customFieldsProperty('customObjectRecord', ['create'], ['customObjectName'])
				.options as Array<{ values: INodeProperties[] }>
		)[0].values;
		expect(values[0].typeOptions).toEqual({
			loadOptionsMethod: 'getCustomFields',
			loadOptionsDependsOn: ['customObjectName'],
		});
		const plain = (
			customFieldsProperty('contact', ['create']).options as Array<{ values: INodeProperties[] }>
		)[0].values;
		expect(plain[0].typeOptions).toEqual({ loadOptionsMethod: 'getCustomFields' });
	});

	it('readCustomFieldEntries reads the fixedCollection value and skips rows without a field', () => {
		expect(
			readCustomFieldEntries({
				field: [{ fieldName: 'A__c', value: '1' }, { fieldName: '', value: 'x' }, { value: 'y' }],
			}),
		).toEqual([{ fieldName: 'A__c', value: '1' }]);
		expect(readCustomFieldEntries(undefined)).toEqual([]);
		expect(readCustomFieldEntries({})).toEqual([]);
	});

	it("a custom field entry offers the chosen field's allowed values as a picklist", () => {
		const values = (
			customFieldsProperty('customObjectRecord', ['create'], ['customObjectName'])
				.options as Array<{ values: INodeProperties[] }>
		)[0].values;
		expect(values.map((value) => value.name)).toEqual(['fieldName', 'choices', 'value']);
		expect(values[1]).toMatchObject({
			type: 'multiOptions',
			default: [],
			typeOptions: {
				loadOptionsMethod: 'getCustomFieldChoices',
				// `&fieldName`: the field chosen in the same entry, not a top-level parameter.
				loadOptionsDependsOn: ['&fieldName', 'customObjectName'],
			},
		});
		expect(typeof loadOptions.getCustomFieldChoices).toBe('function');
	});

	it('values picked from the list win over the typed value; one pick is a single value', () => {
		expect(
			readCustomFieldEntries({
				field: [
					{ fieldName: 'Tier__c', choices: ['Gold'], value: 'ignored' },
					{ fieldName: 'Interests__c', choices: ['Music', 'Travel'], value: '' },
					{ fieldName: 'Hobby__c', choices: [], value: 'Chess' },
					{ fieldName: 'Bio__c', value: '' },
				],
			}),
		).toEqual([
			{ fieldName: 'Tier__c', value: 'Gold' },
			{ fieldName: 'Interests__c', value: ['Music', 'Travel'] },
			{ fieldName: 'Hobby__c', value: 'Chess' },
			// Nothing picked and nothing typed still clears the field.
			{ fieldName: 'Bio__c', value: '' },
		]);
	});

	it('Fields (JSON) comes after the typed fields and is a valid empty object by default', () => {
		for (const operation of [create, upsert, update]) {
			const names = operation.properties
				.filter((property) => property.displayOptions?.show?.resource?.includes('contact'))
				.map((property) => property.name);
			expect(names.indexOf('jsonFields')).toBe(
				names.length - 1 - names.slice().reverse().indexOf('jsonFields'),
			);
			expect(names.indexOf('jsonFields')).toBeGreaterThan(names.indexOf('customFields'));
		}
		const json = create.properties.find((property) => property.name === 'jsonFields');
		// n8n's JSON editor marks '' as invalid; '{}' adds nothing, like an empty box.
		expect(json?.default).toBe('{}');
		expect(JSON.parse(json?.default as string)).toEqual({});
	});

	it('date-only fields say under the box that the time is ignored', () => {
		expect(
			fieldToProperty(getRecordFields('contact').find((spec) => spec.name === 'DATE_OF_BIRTH')!),
		).toMatchObject({
			type: 'dateTime',
			hint: expect.stringMatching(/time of day is ignored/),
		});
		const moment = getRecordFields('event').find((spec) => spec.name === 'START_DATE_UTC');
		expect(fieldToProperty(moment!).hint).toBeUndefined();
	});

	it('an update gets Update Fields, Clear Fields and Custom Fields, nothing of a create', () => {
		const onlyUpdate = updateFieldProperties('contact', 'update');
		expect(onlyUpdate.map((property) => property.name)).toEqual([
			'updateFields',
			'clearFields',
			'customFields',
		]);
	});
});
