import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { insightlyRequest } from '../../transport';
import { parseRecordId } from '../../utils/validation';
import { toItems, type Operation, type OperationInput } from '../operation';
import { fileIdProperty } from './parameters';

/** DELETE /FileAttachments/{id}. */
export const deleteFile: Operation = {
	value: 'delete',
	resources: ['fileAttachment'],
	option: () => ({
		name: 'Delete',
		value: 'delete',
		description: 'Delete a file attachment',
		action: 'Delete a file attachment',
	}),
	properties: [fileIdProperty('delete')],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const fileId = parseRecordId(this.getNodeParameter('fileId', itemIndex), 'File ID', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `/FileAttachments/${fileId}`,
			itemIndex,
			record: { typeName: 'File attachment', id: fileId },
		});
		return toItems({ FILE_ID: fileId, deleted: true });
	},
};
