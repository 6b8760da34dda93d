import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { insightlyRequest } from '../../transport';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';
import { tagNameOf, tagNameProperty } from './parameters';

/** DELETE /{path}/{id}/Tags with the tag in the body (Insightly's own shape). */
export const removeTag: Operation = {
	value: 'remove',
	resources: ['tag'],
	option: () => ({
		name: 'Remove',
		value: 'remove',
		description: 'Remove a tag from a record',
		action: 'Remove a tag from a record',
	}),
	properties: [...attachedRecordProperties('tag', 'remove'), tagNameProperty('remove')],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const tagName = tagNameOf.call(this, itemIndex);
		const { target, id, base } = attachedRecord.call(this, 'tag', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `${base}/Tags`,
			body: { TAG_NAME: tagName },
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems({ [target.type.idField]: id, TAG_NAME: tagName, removed: true });
	},
};
