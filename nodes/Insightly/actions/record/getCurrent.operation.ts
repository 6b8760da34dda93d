import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputOptionsProperty } from '../../descriptions/parameters';
import { insightlyRequest } from '../../transport';
import { recordResources, toItems, type Operation, type OperationInput } from '../operation';
import { shapeRecords } from '../output';
import { asDataObjects, resolveTarget } from '../target';

const resources = recordResources('getCurrent');

/** The user whose API key the credential holds (GET /Users/Me). */
export const getCurrent: Operation = {
	value: 'getCurrent',
	resources,
	option: () => ({
		name: 'Get Current',
		value: 'getCurrent',
		description: 'Get the user whose API key is used',
		action: 'Get the current user',
	}),
	properties: [outputOptionsProperty(resources, 'getCurrent')],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex, cache }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `/${target.path}/Me`,
			itemIndex,
		});
		return toItems(
			await shapeRecords.call(this, asDataObjects(response.body), target, cache, itemIndex),
		);
	},
};
