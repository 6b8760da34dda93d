import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { nodeProperties, nodeSubtitle } from './actions';
import { insightlyApiTest } from './methods/credentialTest';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';

export class Insightly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insightly',
		name: 'insightly',
		icon: { light: 'file:insightly.svg', dark: 'file:insightly.dark.svg' },
		group: ['transform'],
		// 2: Output option (Compact by default); 1 keeps Simplify, so saved workflows keep their output.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: nodeSubtitle,
		description:
			'Create, read, update, search and delete Insightly CRM records, with custom fields, tags, links, notes, files and pipelines',
		defaults: { name: 'Insightly' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insightlyApi', required: true, testedBy: 'insightlyApiTest' }],
		properties: nodeProperties,
	};

	methods = { loadOptions, listSearch, credentialTest: { insightlyApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
