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
import { insightlyRequestAllItems } from '../transport';
import type { CustomFieldMetadata } from '../utils/customFields';
import { parseCustomObjectName } from '../utils/validation';

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

async function list(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
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

async function customFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const source = customFieldSourceOf.call(this);
	if (!source) return [];
	const fields = filterCustomFieldsFor(
		(await list.call(this, `/CustomFields/${source.object}`)) as unknown as CustomFieldMetadata[],
		source.fieldFor,
	);
	return fields
		.map((field) => ({
			name: String(field.FIELD_LABEL ?? field.FIELD_NAME),
			value: String(field.FIELD_NAME),
			description: `${String(field.FIELD_NAME)} (${String(field.FIELD_TYPE ?? 'TEXT').toLowerCase()})`,
		}))
		.sort(byName);
}

export const loadOptions = {
	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await options.call(
			this,
			`/${USERS.path}`,
			'USER_ID',
			(row) =>
				`${String(row.FIRST_NAME ?? '')} ${String(row.LAST_NAME ?? '')}`.trim() ||
				String(row.EMAIL_ADDRESS),
		);
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
	async getPipelineStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const pipelineId = this.getCurrentNodeParameter('pipelineId');
		const rows = await list.call(this, '/PipelineStages');
		return rows
			.filter((row) => !pipelineId || String(row.PIPELINE_ID) === String(pipelineId))
			.sort((a, b) => Number(a.STAGE_ORDER ?? 0) - Number(b.STAGE_ORDER ?? 0))
			.map((row) => ({
				name: `${String(row.STAGE_NAME)}${pipelineId ? '' : ` (pipeline ${String(row.PIPELINE_ID)})`}`,
				value: row.STAGE_ID as number,
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
	async getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await customFieldOptions.call(this);
	},
	/** Standard fields of the resource (from the swagger) plus its custom fields: what /Search accepts. */
	async getSearchableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const type = currentType.call(this);
		const standard = [type.idField, ...getRecordFields(type.key).map((spec) => spec.name)]
			.filter((name, index, all) => all.indexOf(name) === index)
			.map((name) => ({ name, value: name }));
		const custom = await customFieldOptions.call(this);
		return [
			...standard.sort(byName),
			...custom.map((option) => ({ ...option, name: `${option.name} (custom)` })),
		];
	},
};
