import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputOptionsProperty, showFor } from '../../descriptions/parameters';
import { getRecordType } from '../../objects';
import { insightlyRequest } from '../../transport';
import { parseRecordId } from '../../utils/validation';
import { recordResources, wordsFor, type Operation, type OperationInput } from '../operation';
import { recordIdOf, recordProperty } from '../record/parameters';
import { resolveTarget } from '../target';
import { stageProperty } from './parameters';
import { readBack } from './readBack';

const resources = recordResources('setPipeline');

/** PUT /{path}/{id}/Pipeline: into a pipeline at a stage. */
export const setPipeline: Operation = {
	value: 'setPipeline',
	resources,
	option(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return {
			name: 'Set Pipeline',
			value: 'setPipeline',
			description: `Put the ${one} in a pipeline at a stage`,
			action: `Set the pipeline of ${a} ${one}`,
		};
	},
	properties: [
		...recordProperty(resources, 'setPipeline'),
		{
			displayName: 'Pipeline Name or ID',
			name: 'pipelineId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPipelines', loadOptionsDependsOn: ['resource'] },
			required: true,
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			displayOptions: showFor(resources, ['setPipeline']),
		},
		stageProperty(resources, 'setPipeline', 'The stage of that pipeline to start at.'),
		outputOptionsProperty(resources, 'setPipeline'),
	],
	async execute(this: IExecuteFunctions, input: OperationInput): Promise<INodeExecutionData[]> {
		const { resource, itemIndex } = input;
		const target = resolveTarget.call(this, resource, itemIndex);
		const id = recordIdOf.call(this, target, itemIndex);
		const pipelineId = parseRecordId(
			this.getNodeParameter('pipelineId', itemIndex),
			'Pipeline',
			itemIndex,
		);
		const stageId = parseRecordId(this.getNodeParameter('stageId', itemIndex), 'Stage', itemIndex);
		await insightlyRequest.call(this, {
			method: 'PUT',
			path: `/${target.path}/${id}/Pipeline`,
			body: { PIPELINE_ID: pipelineId, PIPELINE_STAGE_CHANGE: { STAGE_ID: stageId } },
			itemIndex,
			record: { typeName: target.label, id },
		});
		return await readBack.call(this, input, target, id, `pipeline ${pipelineId}, stage ${stageId}`);
	},
};
