import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { paginationProperties } from '../../descriptions/parameters';
import { insightlyRequestAllItems } from '../../transport';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';
import { limitOf } from '../target';

/** GET /{path}/{id}/FileAttachments, paged (a record can carry many files). */
export const getManyFiles: Operation = {
	value: 'getAll',
	resources: ['fileAttachment'],
	option: () => ({
		name: 'Get Many',
		value: 'getAll',
		description: 'List the files attached to a record',
		action: 'Get the file attachments of a record',
	}),
	properties: [
		...attachedRecordProperties('fileAttachment', 'getAll'),
		...paginationProperties(['fileAttachment'], 'getAll'),
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const { target, id, base } = attachedRecord.call(this, 'fileAttachment', itemIndex);
		const { items } = await insightlyRequestAllItems.call(
			this,
			`${base}/FileAttachments`,
			{},
			{
				limit: limitOf.call(this, itemIndex),
				itemIndex,
				record: { typeName: `${target.label} ${id}` },
			},
		);
		return toItems(items);
	},
};
