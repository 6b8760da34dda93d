import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';
import { insightlyRequest } from '../../transport';
import { parseRecordId } from '../../utils/validation';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';

/** DELETE /{path}/{id}/Links/{linkId}. */
export const removeLink: Operation = {
	value: 'remove',
	resources: ['link'],
	option: () => ({
		name: 'Remove',
		value: 'remove',
		description: 'Remove a link from a record',
		action: 'Remove a link',
	}),
	properties: [
		...attachedRecordProperties('link', 'remove'),
		{
			displayName: 'Link ID',
			name: 'linkId',
			type: 'string',
			required: true,
			default: '',
			description: 'LINK_ID of the link to remove (see Link → Get Many)',
			displayOptions: showFor(['link'], ['remove']),
		},
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const linkId = parseRecordId(this.getNodeParameter('linkId', itemIndex), 'Link ID', itemIndex);
		const { target, id, base } = attachedRecord.call(this, 'link', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `${base}/Links/${linkId}`,
			itemIndex,
			record: { typeName: `Link ${linkId} of ${target.label}`, id },
		});
		return toItems({ [target.type.idField]: id, LINK_ID: linkId, removed: true });
	},
};
