import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { insightlyRequest } from '../../transport';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';

/** POST /{path}/{id}/Follow: the credential's user follows the record. */
export const follow: Operation = {
	value: 'follow',
	resources: ['follow'],
	option: () => ({
		name: 'Follow',
		value: 'follow',
		description: 'Follow a record',
		action: 'Follow a record',
	}),
	properties: attachedRecordProperties('follow', 'follow'),
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const { target, id, base } = attachedRecord.call(this, 'follow', itemIndex);
		await insightlyRequest.call(this, {
			method: 'POST',
			path: `${base}/Follow`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems({ [target.type.idField]: id, FOLLOWING: true });
	},
};
