import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { filterCustomFieldsFor, type CustomFieldSource } from '../actions/target';
import {
	getRecordType,
	isAttachedResource,
	ORGANISATIONS,
	RECORD_TYPES,
	USERS,
	type RecordType,
} from '../objects';
import { getRecordFields } from '../schema';
import { insightlyRequest, insightlyRequestAllItems } from '../transport';
import { customFieldKind, type CustomFieldMetadata } from '../utils/customFields';
import { parseCustomObjectName } from '../utils/validation';

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** Endpoints the spec gives no paging (no top/skip): one request, whatever it returns. */
const UNPAGED = /^\/(CustomFields\/[^/]+|CustomObjects)$/;

async function list(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	if (UNPAGED.test(path)) {
		const response = await insightlyRequest.call(this, { method: 'GET', path, qs });
		return Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	}
	const { items } = await insightlyRequestAllItems.call(this, path, qs);
	return items;
}

async function options(
	this: ILoadOptionsFunctions,
	path: string,
	value: string,
	label: (row: IDataObject) => string,
): Promise<INodePropertyOptions[]> {
	const rows = await list.call(this, path);
	return rows
		.map((row) => ({ name: label(row), value: row[value] as number | string }))
		.sort(byName);
}

/** The record type being edited: the resource, or the Record Type of an attached resource. */
function currentType(this: ILoadOptionsFunctions): RecordType {
	const resource = this.getCurrentNodeParameter('resource') as string | undefined;
	if (resource && isAttachedResource(resource)) {
		const recordType = this.getCurrentNodeParameter('recordType') as string | undefined;
		return recordType ? getRecordType(recordType) : RECORD_TYPES[0];
	}
	return resource ? getRecordType(resource) : RECORD_TYPES[0];
}

/** Where the custom fields of the record type being edited are defined. */
function customFieldSourceOf(this: ILoadOptionsFunctions): CustomFieldSource | undefined {
	const type = currentType.call(this);
	if (!type.custom) return type.customFields;
	const chosen = this.getCurrentNodeParameter('customObjectName');
	if (!chosen) return undefined;
	// A custom object name becomes a path segment: checked like everywhere else.
	const objectName = parseCustomObjectName(chosen, 'Custom Object');
	return { object: objectName, fieldFor: [objectName] };
}

/** FIELD_TYPE values as a person reads them. */
const TYPE_NAMES: Record<string, string> = {
	TEXT: 'text',
	MULTILINETEXT: 'multi-line text',
	DROPDOWN: 'dropdown',
	MULTISELECT: 'multi-select',
	BIT: 'checkbox',
	NUMERIC: 'number',
	NUMBER: 'number',
	CURRENCY: 'currency',
	PERCENT: 'percent',
	DATE: 'date',
	DATETIME: 'date and time',
	URL: 'URL',
	LOOKUP: 'link to a record (ID)',
	AUTONUMBER: 'autonumber',
	FORMULA: 'formula',
	CALCULATED: 'calculated',
};

/** "FIELD_NAME · dropdown: Gold, Silver, Bronze": the API name, the type, the allowed values. */
function describeCustomField(field: CustomFieldMetadata): string {
	const type = String(field.FIELD_TYPE ?? 'TEXT').toUpperCase();
	const values = (field.CUSTOM_FIELD_OPTIONS ?? []).map((option) => String(option.OPTION_VALUE));
	const allowed = values.length
		? `: ${values.slice(0, 12).join(', ')}${values.length > 12 ? ', …' : ''}`
		: '';
	return `${field.FIELD_NAME} · ${TYPE_NAMES[type] ?? type.toLowerCase()}${allowed}`;
}

async function customFieldsOfCurrentType(
	this: ILoadOptionsFunctions,
): Promise<CustomFieldMetadata[]> {
	const source = customFieldSourceOf.call(this);
	if (!source) return [];
	return filterCustomFieldsFor(
		(await list.call(this, `/CustomFields/${source.object}`)) as unknown as CustomFieldMetadata[],
		source.fieldFor,
	);
}

/** Custom fields as options; `writableOnly` leaves out what Insightly computes or locks. */
function customFieldOptionsOf(
	fields: CustomFieldMetadata[],
	{ writableOnly }: { writableOnly: boolean },
): INodePropertyOptions[] {
	return fields
		.filter(
			(field) =>
				!writableOnly ||
				(field.EDITABLE !== false && customFieldKind(field.FIELD_TYPE) !== 'computed'),
		)
		.map((field) => ({
			name: String(field.FIELD_LABEL ?? field.FIELD_NAME),
			value: String(field.FIELD_NAME),
			description: describeCustomField(field),
		}))
		.sort(byName);
}

const lookups = {
	/** Active users by name; deactivated ones after them, marked (they still own records). */
	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const rows = await list.call(this, `/${USERS.path}`);
		const named = (row: IDataObject) =>
			`${String(row.FIRST_NAME ?? '')} ${String(row.LAST_NAME ?? '')}`.trim() ||
			String(row.EMAIL_ADDRESS);
		const active = rows.filter((row) => row.ACTIVE !== false);
		const inactive = rows.filter((row) => row.ACTIVE === false);
		return [
			...active
				.map((row) => ({
					name: named(row),
					value: row.USER_ID as number,
					description: String(row.EMAIL_ADDRESS ?? ''),
				}))
				.sort(byName),
			...inactive
				.map((row) => ({
					name: `${named(row)} (deactivated)`,
					value: row.USER_ID as number,
					description: String(row.EMAIL_ADDRESS ?? ''),
				}))
				.sort(byName),
		];
	},
	async getOrganisations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const rows = (
			await insightlyRequestAllItems.call(
				this,
				`/${ORGANISATIONS.path}`,
				{ brief: true },
				{ limit: 2000 },
			)
		).items;
		return rows
			.map((row) => ({ name: String(row.ORGANISATION_NAME), value: row.ORGANISATION_ID as number }))
			.sort(byName);
	},
	async getPipelines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const flag = currentType.call(this).pipelineFlag;
		const rows = await list.call(this, '/Pipelines');
		return rows
			.filter((row) => !flag || row[flag] !== false)
			.map((row) => ({ name: String(row.PIPELINE_NAME), value: row.PIPELINE_ID as number }))
			.sort(byName);
	},
	/**
	 * The stages of the chosen pipeline (Set Pipeline), or, when none is chosen (Set Pipeline
	 * Stage), of every pipeline of the record type, under the pipeline's name.
	 */
	async getPipelineStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const pipelineId = this.getCurrentNodeParameter('pipelineId');
		const flag = currentType.call(this).pipelineFlag;
		const pipelines = (await list.call(this, '/Pipelines')).filter((pipeline) =>
			pipelineId
				? String(pipeline.PIPELINE_ID) === String(pipelineId)
				: !flag || pipeline[flag] !== false,
		);
		const names = new Map(
			pipelines.map((pipeline) => [String(pipeline.PIPELINE_ID), String(pipeline.PIPELINE_NAME)]),
		);
		const stages = (await list.call(this, '/PipelineStages')).filter((stage) =>
			names.has(String(stage.PIPELINE_ID)),
		);
		return stages
			.sort(
				(a, b) =>
					String(names.get(String(a.PIPELINE_ID))).localeCompare(
						String(names.get(String(b.PIPELINE_ID))),
					) || Number(a.STAGE_ORDER ?? 0) - Number(b.STAGE_ORDER ?? 0),
			)
			.map((stage) => ({
				name: pipelineId
					? String(stage.STAGE_NAME)
					: `${names.get(String(stage.PIPELINE_ID))} → ${String(stage.STAGE_NAME)}`,
				value: stage.STAGE_ID as number,
			}));
	},
	async getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const path = currentType.call(this).categoryPath;
		if (!path) return [];
		return await options.call(this, `/${path}`, 'CATEGORY_ID', (row) => String(row.CATEGORY_NAME));
	},
	async getFileCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await options.call(this, '/FileCategories', 'CATEGORY_ID', (row) =>
			String(row.CATEGORY_NAME),
		);
	},
	async getLeadSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await options.call(this, '/LeadSources', 'LEAD_SOURCE_ID', (row) =>
			String(row.LEAD_SOURCE),
		);
	},
	async getLeadStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await options.call(this, '/LeadStatuses', 'LEAD_STATUS_ID', (row) =>
			String(row.LEAD_STATUS),
		);
	},
	async getStateReasons(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const state = String(this.getCurrentNodeParameter('state') ?? '');
		const rows = await list.call(this, '/OpportunityStateReasons');
		return rows
			.filter(
				(row) =>
					!state || String(row.FOR_OPPORTUNITY_STATE ?? '').toUpperCase() === state.toUpperCase(),
			)
			.map((row) => ({ name: String(row.STATE_REASON), value: row.STATE_REASON_ID as number }))
			.sort(byName);
	},
	async getCustomObjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await options.call(this, '/CustomObjects', 'OBJECT_NAME', (row) =>
			String(row.PLURAL_LABEL ?? row.SINGULAR_LABEL ?? row.OBJECT_NAME),
		);
	},
	/** Custom fields a write can set: the computed and locked ones are left out. */
	async getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return customFieldOptionsOf(await customFieldsOfCurrentType.call(this), {
			writableOnly: true,
		});
	},
	/**
	 * The allowed values of the custom field chosen in the same Custom Fields entry (`&fieldName`),
	 * for dropdown and multi-select fields; other types have none (their value is typed).
	 */
	async getCustomFieldChoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const fieldName = this.getCurrentNodeParameter('&fieldName');
		if (typeof fieldName !== 'string' || fieldName === '') return [];
		const field = (await customFieldsOfCurrentType.call(this)).find(
			(candidate) => candidate.FIELD_NAME === fieldName,
		);
		const kind = customFieldKind(field?.FIELD_TYPE);
		if (!field || (kind !== 'dropdown' && kind !== 'multiselect')) return [];
		// In Insightly's order (the order its own form shows), not sorted.
		return (field.CUSTOM_FIELD_OPTIONS ?? []).map((option) => ({
			name: String(option.OPTION_VALUE),
			value: String(option.OPTION_VALUE),
		}));
	},
	/** Standard fields of the resource (from the swagger) plus its custom fields: what /Search accepts. */
	async getSearchableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		// By label with the API name as hint; yes/no fields are left out (nothing to match on).
		const type = currentType.call(this);
		const specs = getRecordFields(type.key);
		const standard = specs.length
			? specs
					.filter((spec) => spec.kind !== 'boolean')
					.map((spec) => ({
						name: spec.label.replace(/ Name or ID$/, ' (ID)'),
						value: spec.name,
						description: spec.name,
					}))
			: (type.searchFields ?? []).map((name) => ({ name, value: name, description: name }));
		const custom = customFieldOptionsOf(await customFieldsOfCurrentType.call(this), {
			writableOnly: false,
		}).filter((option) => !/· (checkbox|autonumber)\b/.test(String(option.description)));
		return [
			...standard.sort(byName),
			...custom.map((option) => ({ ...option, name: `${option.name} (custom)` })),
		];
	},
};

type LoadOptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** The first choice of an optional dropdown: leaving it empty is a valid answer, not an error. */
const NONE_OPTION: INodePropertyOptions = { name: '- None -', value: '' };

function withNone(method: LoadOptionsMethod): LoadOptionsMethod {
	return async function (this: ILoadOptionsFunctions) {
		return [NONE_OPTION, ...(await method.call(this))];
	};
}

/**
 * Every lookup, plus an `…OrNone` twin of those optional parameters use (Additional Fields and
 * Update Fields references, the state reason, the file category): n8n shows an empty value that
 * is not among a dropdown's options as an error, although leaving it empty is fine.
 */
export const loadOptions = {
	...lookups,
	getUsersOrNone: withNone(lookups.getUsers),
	getOrganisationsOrNone: withNone(lookups.getOrganisations),
	getPipelinesOrNone: withNone(lookups.getPipelines),
	getPipelineStagesOrNone: withNone(lookups.getPipelineStages),
	getCategoriesOrNone: withNone(lookups.getCategories),
	getFileCategoriesOrNone: withNone(lookups.getFileCategories),
	getLeadSourcesOrNone: withNone(lookups.getLeadSources),
	getLeadStatusesOrNone: withNone(lookups.getLeadStatuses),
	getStateReasonsOrNone: withNone(lookups.getStateReasons),
	getCustomObjectsOrNone: withNone(lookups.getCustomObjects),
};
