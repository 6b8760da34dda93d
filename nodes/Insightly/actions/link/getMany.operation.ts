import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { paginationProperties } from '../../descriptions/parameters';
import { attachedList, attachedRecord, attachedRecordProperties } from '../attached';
import type { Operation, OperationInput } from '../operation';

export const getManyLinks: Operation = {
	value: 'getAll',
	resources: ['link'],
	option: () => ({
		name: 'Get Many',
		value: 'getAll',
		description: 'List the links of a record',
		action: 'Get the links of a record',
	}),
	properties: [
		...attachedRecordProperties('link', 'getAll'),
		...paginationProperties(['link'], 'getAll'),
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const { target, id, base } = attachedRecord.call(this, 'link', itemIndex);
		return await attachedList.call(this, `${base}/Links`, itemIndex, target, id, 'links');
	},
};
