import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';
import { LINK_TARGETS } from '../../objects';
import { insightlyRequest } from '../../transport';
import { parseRecordId } from '../../utils/validation';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';
import { asDataObjects } from '../target';

const show = showFor(['link'], ['add']);

/** POST /{path}/{id}/Links: a link to another record, with an optional role and details. */
export const addLink: Operation = {
	value: 'add',
	resources: ['link'],
	option: () => ({
		name: 'Add',
		value: 'add',
		description: 'Link a record to another record',
		action: 'Link two records',
	}),
	properties: [
		...attachedRecordProperties('link', 'add'),
		{
			displayName: 'Link To',
			name: 'linkObjectName',
			type: 'options',
			required: true,
			default: 'Organisation',
			description: 'Type of the record to link to',
			options: LINK_TARGETS.map((type) => ({
				name: type.displayName,
				value: type.linkObjectName ?? type.displayName,
			})),
			displayOptions: show,
		},
		{
			displayName: 'Linked Record ID',
			name: 'linkObjectId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '123456',
			displayOptions: show,
		},
		{
			displayName: 'Link Fields',
			name: 'linkFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Details',
					name: 'details',
					type: 'string',
					default: '',
					description: 'Free text about the link',
				},
				{
					displayName: 'Role',
					name: 'role',
					type: 'string',
					default: '',
					description: 'The role, e.g. CEO or Champion',
				},
			],
		},
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const linkObjectName = String(this.getNodeParameter('linkObjectName', itemIndex));
		const linkObjectId = parseRecordId(
			this.getNodeParameter('linkObjectId', itemIndex),
			'Linked Record ID',
			itemIndex,
		);
		const fields = this.getNodeParameter('linkFields', itemIndex, {}) as IDataObject;
		const { target, id, base } = attachedRecord.call(this, 'link', itemIndex);
		const body: IDataObject = { LINK_OBJECT_NAME: linkObjectName, LINK_OBJECT_ID: linkObjectId };
		if (fields.role) body.ROLE = fields.role;
		if (fields.details) body.DETAILS = fields.details;
		const response = await insightlyRequest.call(this, {
			method: 'POST',
			path: `${base}/Links`,
			body,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems(asDataObjects(response.body));
	},
};
