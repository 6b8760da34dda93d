import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { insightlyRequest } from '../../transport';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';
import { tagNameOf, tagNameProperty } from './parameters';

/** POST /{path}/{id}/Tags: one tag more; the others stay. */
export const addTag: Operation = {
	value: 'add',
	resources: ['tag'],
	option: () => ({
		name: 'Add',
		value: 'add',
		description: 'Add a tag to a record',
		action: 'Add a tag to a record',
	}),
	properties: [...attachedRecordProperties('tag', 'add'), tagNameProperty('add')],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const tagName = tagNameOf.call(this, itemIndex);
		const { target, id, base } = attachedRecord.call(this, 'tag', itemIndex);
		await insightlyRequest.call(this, {
			method: 'POST',
			path: `${base}/Tags`,
			body: { TAG_NAME: tagName },
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems({ [target.type.idField]: id, TAG_NAME: tagName, added: true });
	},
};
