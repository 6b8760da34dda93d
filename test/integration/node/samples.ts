/**
 * Valid sample values for every writable field, read from the sandbox's seeded configuration so
 * references (owners, lead sources, pipelines, categories, parent records) point at real rows.
 * Used by the integration tests and by the contract test that fills in every field.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import type { FieldSpec } from '../../../nodes/Insightly/schema';
import { getRecordFields } from '../../../nodes/Insightly/schema';

const CATEGORY_TABLE: Record<string, string> = {
	opportunity: 'OpportunityCategories',
	project: 'ProjectCategories',
	task: 'TaskCategories',
};

/** Integer fields that hold the ID of another record, and the collection it lives in. */
const ID_FIELDS: Record<string, string> = {
	OPPORTUNITY_ID: 'Opportunities',
	PROJECT_ID: 'Projects',
	MILESTONE_ID: 'Milestones',
	CONTACT_ID: 'Contacts',
	ORGANISATION_ID: 'Organisations',
};

function firstIdOf(sandbox: Sandbox, path: string): number {
	const type = sandbox.state.type(path);
	if (!type) throw new Error(`Sandbox has no ${path}`);
	const first = sandbox.state.collection(type).keys().next();
	if (first.done) throw new Error(`The seed has no ${path} record`);
	return first.value;
}

function pipelineFor(sandbox: Sandbox, resource: string): IDataObject {
	const rows = sandbox.state.pipelines.rows;
	const wanted = rows.find((row) =>
		resource === 'project' ? row.FOR_PROJECTS : row.FOR_OPPORTUNITIES,
	);
	return wanted ?? rows[0];
}

export function samplePipeline(
	sandbox: Sandbox,
	resource: string,
): { pipelineId: number; stageIds: number[] } {
	const pipeline = pipelineFor(sandbox, resource);
	const stageIds = sandbox.state.pipelineStages.rows
		.filter((stage) => stage.PIPELINE_ID === pipeline.PIPELINE_ID)
		.map((stage) => stage.STAGE_ID as number);
	return { pipelineId: pipeline.PIPELINE_ID as number, stageIds };
}

/** A value the node accepts and Insightly (the sandbox) stores for this field of `resource`. */
function sampleFieldValue(
	sandbox: Sandbox,
	resource: string,
	spec: FieldSpec,
): string | number | boolean {
	const state = sandbox.state;
	switch (spec.reference) {
		case 'users':
			return state.meUserId;
		case 'organisations':
			return firstIdOf(sandbox, 'Organisations');
		case 'pipelines':
			return samplePipeline(sandbox, resource).pipelineId;
		case 'pipelineStages':
			return samplePipeline(sandbox, resource).stageIds[0];
		case 'categories':
			return state.categories[CATEGORY_TABLE[resource] ?? 'TaskCategories'].rows[0]
				.CATEGORY_ID as number;
		case 'leadSources':
			return state.leadSources.rows[0].LEAD_SOURCE_ID as number;
		case 'leadStatuses':
			return state.leadStatuses.rows[0].LEAD_STATUS_ID as number;
		case 'customObjects':
			return String(state.customObjects[0].OBJECT_NAME);
		default:
			break;
	}
	if (spec.kind === 'options') return spec.default ?? spec.options?.[0]?.value ?? 'x';
	if (spec.kind === 'boolean') return true;
	if (spec.kind === 'dateTime')
		return spec.dateKind === 'date' ? '2025-04-22' : '2025-04-22T09:30:00Z';
	if (spec.kind === 'number') {
		if (ID_FIELDS[spec.name]) return firstIdOf(sandbox, ID_FIELDS[spec.name]);
		return spec.integer ? 3 : 12.5;
	}
	if (/EMAIL/.test(spec.name)) return 'sample@example.com';
	const text = `${spec.label} sample`;
	return spec.maxLength ? text.slice(0, spec.maxLength) : text;
}

/** Top-level parameters for the required fields of a create / upsert. */
export function requiredParameters(sandbox: Sandbox, resource: string): IDataObject {
	const parameters: IDataObject = {};
	for (const spec of getRecordFields(resource).filter((field) => field.required))
		parameters[spec.name] = sampleFieldValue(sandbox, resource, spec);
	return parameters;
}

/** Every optional field with a sample value (the Additional Fields of a create). */
export function optionalFieldValues(sandbox: Sandbox, resource: string): IDataObject {
	const values: IDataObject = {};
	for (const spec of getRecordFields(resource).filter((field) => !field.required))
		values[spec.name] = sampleFieldValue(sandbox, resource, spec);
	return values;
}

/** What the node sends for a sample value: dates in Insightly's body format. */
export function sentValue(spec: FieldSpec, value: unknown): unknown {
	if (spec.kind !== 'dateTime') return value;
	return spec.dateKind === 'date'
		? `${String(value)} 00:00:00`
		: String(value).replace('T', ' ').replace('Z', '');
}
