import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { paginationProperties } from '../../descriptions/parameters';
import { insightlyRequestAllItems } from '../../transport';
import { attachedRecord, attachedRecordProperties } from '../attached';
import type { Operation, OperationInput } from '../operation';
import { listItems, readLimit } from '../output';
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
		const limit = limitOf.call(this, itemIndex);
		const { items } = await insightlyRequestAllItems.call(
			this,
			`${base}/FileAttachments`,
			{},
			{
				// One beyond the Limit for a model, so it can be told there are more.
				limit: readLimit.call(this, limit),
				itemIndex,
				record: { typeName: `${target.label} ${id}` },
			},
		);
		const records = limit === undefined ? items : items.slice(0, limit);
		return listItems.call(this, {
			records,
			limit,
			more: records.length < items.length,
			noneMessage: `${target.label} ${id} has no file attachments`,
			plural: 'file attachments',
		});
	},
};
