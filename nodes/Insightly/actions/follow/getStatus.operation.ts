import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { insightlyRequest } from '../../transport';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';
import { asDataObjects } from '../target';

/** GET /{path}/{id}/Follow: whether the credential's user follows the record. */
export const getFollowStatus: Operation = {
	value: 'get',
	resources: ['follow'],
	option: () => ({
		name: 'Get Status',
		value: 'get',
		description: 'Whether you follow a record',
		action: 'Get the follow status of a record',
	}),
	properties: attachedRecordProperties('follow', 'get'),
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const { target, id, base } = attachedRecord.call(this, 'follow', itemIndex);
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `${base}/Follow`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems({ [target.type.idField]: id, ...(asDataObjects(response.body)[0] ?? {}) });
	},
};
