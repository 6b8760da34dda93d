import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputOptionsProperty } from '../../descriptions/parameters';
import { getRecordType } from '../../objects';
import { insightlyRequest } from '../../transport';
import { parseRecordId } from '../../utils/validation';
import { recordResources, wordsFor, type Operation, type OperationInput } from '../operation';
import { recordIdOf, recordProperty } from '../record/parameters';
import { resolveTarget } from '../target';
import { stageProperty } from './parameters';
import { readBack } from './readBack';

const resources = recordResources('setPipelineStage');

/** PUT /{path}/{id}/PipelineStage: another stage of the record's pipeline. */
export const setPipelineStage: Operation = {
	value: 'setPipelineStage',
	resources,
	option(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return {
			name: 'Set Pipeline Stage',
			value: 'setPipelineStage',
			description: `Move the ${one} to another stage of its pipeline`,
			action: `Set the pipeline stage of ${a} ${one}`,
		};
	},
	properties: [
		...recordProperty(resources, 'setPipelineStage'),
		stageProperty(
			resources,
			'setPipelineStage',
			"The stage to move to. The list shows every stage; pick one of the record's pipeline.",
		),
		outputOptionsProperty(resources, 'setPipelineStage'),
	],
	async execute(this: IExecuteFunctions, input: OperationInput): Promise<INodeExecutionData[]> {
		const { resource, itemIndex } = input;
		const target = resolveTarget.call(this, resource, itemIndex);
		const id = recordIdOf.call(this, target, itemIndex);
		const stageId = parseRecordId(this.getNodeParameter('stageId', itemIndex), 'Stage', itemIndex);
		await insightlyRequest.call(this, {
			method: 'PUT',
			path: `/${target.path}/${id}/PipelineStage`,
			body: { STAGE_ID: stageId },
			itemIndex,
			record: { typeName: target.label, id },
		});
		return await readBack.call(this, input, target, id, `stage ${stageId}`);
	},
};
