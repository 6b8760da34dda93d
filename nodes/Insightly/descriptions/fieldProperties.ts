/**
 * Turns the generated field specs into n8n parameters: required fields at the top level
 * (create/upsert), the others in 'Additional Fields', all of them in 'Update Fields', plus
 * 'Custom Fields' and 'Clear Fields'. Parameter and collection option names are the API names
 * (FIRST_NAME...), so `buildRecordBody` can take the merged values as they are.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { getRecordType } from '../objects';
import { getRecordFields, getUpdatableFields, type FieldSpec, type ReferenceKind } from '../schema';
import { DYNAMIC_OPTIONS_DESCRIPTION } from './parameters';

/**
 * loadOptions method names the node must implement (in `methods.loadOptions`). Each returns
 * `{ name, value }` with the record/setting ID as value, except getCustomFields (FIELD_NAME)
 * and getCustomObjects (OBJECT_NAME). getCategories reads the current `resource` to pick
 * OpportunityCategories / ProjectCategories / TaskCategories; getCustomFields reads `resource`
 * (and the custom object for custom object records).
 */
export const LOAD_OPTIONS_METHODS: Record<ReferenceKind | 'customFields', string> = {
	users: 'getUsers',
	organisations: 'getOrganisations',
	pipelines: 'getPipelines',
	pipelineStages: 'getPipelineStages',
	categories: 'getCategories',
	leadSources: 'getLeadSources',
	leadStatuses: 'getLeadStatuses',
	customObjects: 'getCustomObjects',
	customFields: 'getCustomFields',
};

/** Names of the collection parameters, for `getNodeParameter`. */
export const FIELD_PARAMETERS = {
	additionalFields: 'additionalFields',
	updateFields: 'updateFields',
	customFields: 'customFields',
	clearFields: 'clearFields',
} as const;

function show(resource: string, operations: string[]): INodeProperties['displayOptions'] {
	return { show: { resource: [resource], operation: operations } };
}

function byDisplayName<T extends { displayName: string }>(a: T, b: T): number {
	return a.displayName.localeCompare(b.displayName);
}

/** One field spec → one n8n parameter (top-level or a collection option). */
export function fieldToProperty(spec: FieldSpec, inCollection = false): INodeProperties {
	const property: INodeProperties = {
		displayName: spec.label,
		name: spec.name,
		type: 'string',
		default: '',
	};

	if (spec.reference) {
		property.type = 'options';
		// Optional references (in a collection) offer "- None -" first (methods/loadOptions.ts).
		property.typeOptions = {
			loadOptionsMethod: `${LOAD_OPTIONS_METHODS[spec.reference]}${inCollection ? 'OrNone' : ''}`,
		};
		property.description = DYNAMIC_OPTIONS_DESCRIPTION;
	} else if (spec.kind === 'options') {
		property.type = 'options';
		property.options = (spec.options ?? []).map((option): INodePropertyOptions => ({
			name: option.label,
			value: option.value,
		}));
		property.default = spec.default ?? spec.options?.[0]?.value ?? '';
	} else if (spec.kind === 'number') {
		property.type = 'number';
		property.default = 0;
		if (spec.integer) property.typeOptions = { numberPrecision: 0 };
	} else if (spec.kind === 'boolean') {
		property.type = 'boolean';
		property.default = spec.default === true;
	} else if (spec.kind === 'dateTime') {
		property.type = 'dateTime';
		property.description =
			spec.dateKind === 'date'
				? 'A calendar day; any time of day is ignored'
				: 'Converted to UTC, as Insightly stores it';
		// n8n has no date-only picker: a hint under the box says what happens to the time.
		if (spec.dateKind === 'date') property.hint = 'Date only: the time of day is ignored';
	} else {
		if (spec.maxLength && spec.maxLength >= 1000) property.typeOptions = { rows: 4 };
		if (/(^|_)EMAIL($|_ADDRESS$)/.test(spec.name)) property.placeholder = 'name@email.com';
	}

	if (spec.required && !inCollection) property.required = true;
	return property;
}

/** Required fields, top level, for the operations that create records (create, upsert). */
export function requiredFieldProperties(resource: string, operations: string[]): INodeProperties[] {
	return getRecordFields(resource)
		.filter((spec) => spec.required)
		.map((spec) => ({ ...fieldToProperty(spec), displayOptions: show(resource, operations) }));
}

function fieldCollection(
	displayName: string,
	name: string,
	specs: FieldSpec[],
	resource: string,
	operations: string[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(resource, operations),
		options: specs.map((spec) => fieldToProperty(spec, true)).sort(byDisplayName),
	};
}

/** The optional fields of a create/upsert; undefined when every field is required. */
export function additionalFieldsProperty(
	resource: string,
	operations: string[],
): INodeProperties | undefined {
	const optional = getRecordFields(resource).filter((spec) => !spec.required);
	if (optional.length === 0) return undefined;
	return fieldCollection(
		'Additional Fields',
		FIELD_PARAMETERS.additionalFields,
		optional,
		resource,
		operations,
	);
}

/** Every writable field, for update. */
export function updateFieldsProperty(resource: string, operations: string[]): INodeProperties {
	return fieldCollection(
		'Update Fields',
		FIELD_PARAMETERS.updateFields,
		getUpdatableFields(resource),
		resource,
		operations,
	);
}

/** Fields to set to null on update (required fields cannot be cleared). */
export function clearFieldsProperty(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Clear Fields',
		name: FIELD_PARAMETERS.clearFields,
		type: 'multiOptions',
		default: [],
		description:
			'Fields to empty on the record (sent as null). To empty a custom field, add it under Custom Fields with an empty value.',
		displayOptions: show(resource, operations),
		options: getUpdatableFields(resource)
			.filter((spec) => !spec.required)
			.map((spec): INodePropertyOptions => ({
				name: spec.label.replace(/ Name or ID$/, ''),
				value: spec.name,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/**
 * Custom field values: the field is picked by label from the instance (value = FIELD_NAME).
 * Dropdown and multi-select fields get their allowed values as a picklist (loaded for the field
 * chosen in the same entry, `&fieldName`); every other type is typed as text and converted by
 * the field's type (see utils/customFields). n8n cannot change a parameter's type with the
 * chosen field, so an entry has both boxes, and the picklist wins when something is picked.
 */
export function customFieldsProperty(
	resource: string,
	operations: string[],
	loadOptionsDependsOn: string[] = [],
): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: FIELD_PARAMETERS.customFields,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		displayOptions: show(resource, operations),
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'fieldName',
						type: 'options',
						typeOptions: loadOptionsDependsOn.length
							? { loadOptionsMethod: LOAD_OPTIONS_METHODS.customFields, loadOptionsDependsOn }
							: { loadOptionsMethod: LOAD_OPTIONS_METHODS.customFields },
						default: '',
						description: DYNAMIC_OPTIONS_DESCRIPTION,
					},
					{
						displayName: 'Value From List Names or IDs',
						name: 'choices',
						type: 'multiOptions',
						typeOptions: {
							loadOptionsMethod: CUSTOM_FIELD_CHOICES_METHOD,
							loadOptionsDependsOn: ['&fieldName', ...loadOptionsDependsOn],
						},
						default: [],
						description:
							'The allowed values of the chosen dropdown or multi-select field (a dropdown takes one). When set, Value below is not used. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							"For the other field types, converted by the field's type: true/false for checkboxes, numbers for number/currency/percent fields, dates as 2025-04-22 or ISO date-times, multi-select values separated by ; (or a list from an expression). Leave both empty to clear the field.",
					},
				],
			},
		],
	};
}

/** The loadOptions method listing a custom field's allowed values (methods/loadOptions.ts). */
export const CUSTOM_FIELD_CHOICES_METHOD = 'getCustomFieldChoices';

/**
 * Reads the Custom Fields parameter value into the entries `buildCustomFieldsBody` takes: the
 * values picked from the list when there are any (one for a dropdown), else the typed Value.
 */
export function readCustomFieldEntries(
	parameterValue: unknown,
): Array<{ fieldName: string; value: unknown }> {
	const rows = (parameterValue as IDataObject | undefined)?.field;
	if (!Array.isArray(rows)) return [];
	return (rows as IDataObject[])
		.filter((row) => typeof row.fieldName === 'string' && row.fieldName !== '')
		.map((row) => {
			const choices = Array.isArray(row.choices)
				? (row.choices as unknown[]).filter((choice) => choice !== '' && choice !== null)
				: [];
			if (choices.length === 0) return { fieldName: row.fieldName as string, value: row.value };
			return {
				fieldName: row.fieldName as string,
				value: choices.length === 1 ? choices[0] : choices,
			};
		});
}

/** Custom Fields of one resource, when its records carry them (custom objects: per object). */
function customFieldsFor(resource: string, operations: string[]): INodeProperties[] {
	const type = getRecordType(resource);
	if (type.custom) return [customFieldsProperty(resource, operations, ['customObjectName'])];
	return type.customFields ? [customFieldsProperty(resource, operations)] : [];
}

/** The field parameters of a create (or the create half of Create or Update), one resource. */
export function createFieldProperties(resource: string, operation: string): INodeProperties[] {
	const additional = additionalFieldsProperty(resource, [operation]);
	return [
		...requiredFieldProperties(resource, [operation]),
		...(additional ? [additional] : []),
		...customFieldsFor(resource, [operation]),
	];
}

/** The field parameters of an update, one resource. */
export function updateFieldProperties(resource: string, operation: string): INodeProperties[] {
	return [
		updateFieldsProperty(resource, [operation]),
		clearFieldsProperty(resource, [operation]),
		...customFieldsFor(resource, [operation]),
	];
}

/** Fields (JSON): more fields at once, e.g. a whole input item mapped to API names. */
export function jsonFieldsProperty(
	resources: readonly string[],
	operation: string,
): INodeProperties {
	return {
		displayName: 'Fields (JSON)',
		name: 'jsonFields',
		type: 'json',
		// '{}' rather than '': n8n's JSON editor marks an empty box as invalid JSON, and an empty
		// object adds nothing, exactly like an empty box (actions/body.ts reads both as no fields).
		default: '{}',
		placeholder: '{ "TITLE": "CEO", "CUSTOMFIELDS": { "Industry__c": "Retail" } }',
		description:
			'Optional: more fields as a JSON object of API names and values (custom fields under CUSTOMFIELDS), e.g. to map a whole input item. Checked and converted like the fields above; a field may not be given twice.',
		displayOptions: { show: { resource: [...resources], operation: [operation] } },
	};
}
