import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { paginationProperties } from '../../descriptions/parameters';
import { attachedList, attachedRecord, attachedRecordProperties } from '../attached';
import type { Operation, OperationInput } from '../operation';

export const getManyTags: Operation = {
	value: 'getAll',
	resources: ['tag'],
	option: () => ({
		name: 'Get Many',
		value: 'getAll',
		description: 'List the tags of a record',
		action: 'Get the tags of a record',
	}),
	properties: [
		...attachedRecordProperties('tag', 'getAll'),
		...paginationProperties(['tag'], 'getAll'),
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const { target, id, base } = attachedRecord.call(this, 'tag', itemIndex);
		return await attachedList.call(this, `${base}/Tags`, itemIndex, target, id, 'tags');
	},
};
