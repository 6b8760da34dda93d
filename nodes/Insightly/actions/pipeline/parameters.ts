import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';

/** The stage to move to, listed for the chosen pipeline (Set Pipeline) or the record's. */
export function stageProperty(
	resources: readonly string[],
	operation: string,
	description: string,
): INodeProperties {
	return {
		displayName: 'Stage Name or ID',
		name: 'stageId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getPipelineStages',
			loadOptionsDependsOn: ['resource', 'pipelineId'],
		},
		required: true,
		default: '',
		description: `${description} Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		displayOptions: showFor(resources, [operation]),
	};
}
