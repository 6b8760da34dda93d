import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ATTACHED_RESOURCES } from '../descriptions/resources';
import { CUSTOM_OBJECT_RECORD, getRecordType } from '../objects';
import { insightlyRequestAllItems } from '../transport';
import { filterCustomFieldsFor } from '../actions/target';
import type { CustomFieldMetadata } from '../utils/customFields';
import { getRecordFields } from '../utils/fieldSpec';

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

function currentResource(this: ILoadOptionsFunctions): string {
	const resource = this.getCurrentNodeParameter('resource') as string | undefined;
	if (resource && (ATTACHED_RESOURCES as readonly string[]).includes(resource)) {
		return (this.getCurrentNodeParameter('recordType') as string) ?? 'contact';
	}
	return resource ?? 'contact';
}

/** The object name for /CustomFields/{name} of the resource being edited. */
function customFieldsObjectOf(this: ILoadOptionsFunctions): string | undefined {
	const resource = currentResource.call(this);
	if (resource === CUSTOM_OBJECT_RECORD)
		return (this.getCurrentNodeParameter('customObjectName') as string) || undefined;
	return getRecordType(resource).customFieldsObject;
}

async function customFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const objectName = customFieldsObjectOf.call(this);
	if (!objectName) return [];
	const fields = filterCustomFieldsFor(
		(await list.call(this, `/CustomFields/${objectName}`)) as unknown as CustomFieldMetadata[],
		objectName,
	);
	return fields
		.map((field) => ({
			name: String(field.FIELD_LABEL ?? field.FIELD_NAME),
			value: String(field.FIELD_NAME),
			description: `${String(field.FIELD_NAME)} (${String(field.FIELD_TYPE ?? 'TEXT').toLowerCase()})`,
		}))
		.sort(byName);
}

const CATEGORY_PATHS: Record<string, string> = {
	opportunity: '/OpportunityCategories',
	project: '/ProjectCategories',
	task: '/TaskCategories',
};

export const loadOptions = {
	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await options.call(
			this,
			'/Users',
			'USER_ID',
			(row) =>
				`${String(row.FIRST_NAME ?? '')} ${String(row.LAST_NAME ?? '')}`.trim() ||
				String(row.EMAIL_ADDRESS),
		);
	},
	async getOrganisations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const rows = (
			await insightlyRequestAllItems.call(this, '/Organisations', { brief: true }, { limit: 2000 })
		).items;
		return rows
			.map((row) => ({ name: String(row.ORGANISATION_NAME), value: row.ORGANISATION_ID as number }))
			.sort(byName);
	},
	async getPipelines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const resource = currentResource.call(this);
		const rows = await list.call(this, '/Pipelines');
		return rows
			.filter((row) =>
				resource === 'project'
					? row.FOR_PROJECTS !== false
					: resource === 'opportunity'
						? row.FOR_OPPORTUNITIES !== false
						: true,
			)
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
		const path = CATEGORY_PATHS[currentResource.call(this)];
		if (!path) return [];
		return await options.call(this, path, 'CATEGORY_ID', (row) => String(row.CATEGORY_NAME));
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
		const resource = currentResource.call(this);
		const type = getRecordType(resource);
		const standard = [type.idField, ...getRecordFields(resource).map((spec) => spec.name)]
			.filter((name, index, all) => all.indexOf(name) === index)
			.map((name) => ({ name, value: name }));
		const custom = type.key === 'user' ? [] : await customFieldOptions.call(this);
		return [
			...standard.sort(byName),
			...custom.map((option) => ({ ...option, name: `${option.name} (custom)` })),
		];
	},
};
