import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { insightlyRequest } from '../../transport';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';

/** DELETE /{path}/{id}/Follow. */
export const unfollow: Operation = {
	value: 'unfollow',
	resources: ['follow'],
	option: () => ({
		name: 'Unfollow',
		value: 'unfollow',
		description: 'Stop following a record',
		action: 'Unfollow a record',
	}),
	properties: attachedRecordProperties('follow', 'unfollow'),
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const { target, id, base } = attachedRecord.call(this, 'follow', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `${base}/Follow`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems({ [target.type.idField]: id, FOLLOWING: false });
	},
};
