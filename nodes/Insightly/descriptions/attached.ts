import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_OBJECT_RECORD, LINK_TARGETS, RECORD_TYPES, type RecordFeatures } from '../objects';
import { customObjectProperty, recordLocator } from './common';
import { ATTACHED_RESOURCES } from './resources';

/** Which record feature each attached resource needs. */
export const FEATURE_OF_RESOURCE: Record<string, keyof RecordFeatures> = {
	tag: 'tags',
	link: 'links',
	fileAttachment: 'files',
	follow: 'follow',
};

function recordTypeProperty(resource: string): INodeProperties {
	const feature = FEATURE_OF_RESOURCE[resource];
	// Custom object records carry files too, but their object is picked separately; keep the
	// list to fixed types plus custom objects where supported.
	const types = RECORD_TYPES.filter((type) => type.features[feature]);
	return {
		displayName: 'Record Type',
		name: 'recordType',
		type: 'options',
		required: true,
		// Contacts support every attached resource.
		default: 'contact',
		options: types.map((type) => ({ name: type.displayName, value: type.key })),
		displayOptions: { show: { resource: [resource] } },
	};
}

const ATTACHED = [...ATTACHED_RESOURCES];

export const attachedProperties: INodeProperties[] = [
	...ATTACHED.map(recordTypeProperty),
	customObjectProperty(
		{ resource: ['fileAttachment'], recordType: [CUSTOM_OBJECT_RECORD] },
		'The custom object of the record.',
	),
	recordLocator('recordId', 'Record', {
		resource: ATTACHED,
		operation: ['add', 'remove', 'getAll', 'upload', 'follow', 'unfollow', 'get'],
	}),
	// Tags.
	{
		displayName: 'Tag Name',
		name: 'tagName',
		type: 'string',
		required: true,
		default: '',
		description: 'The tag; Insightly creates it when it does not exist yet',
		displayOptions: { show: { resource: ['tag'], operation: ['add', 'remove'] } },
	},
	// Links.
	{
		displayName: 'Link To',
		name: 'linkObjectName',
		type: 'options',
		required: true,
		default: 'Organisation',
		description: 'Type of the record to link to',
		options: LINK_TARGETS.map((type) => ({
			name: type.displayName,
			value: type.linkObjectName as string,
		})),
		displayOptions: { show: { resource: ['link'], operation: ['add'] } },
	},
	{
		displayName: 'Linked Record ID',
		name: 'linkObjectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456',
		displayOptions: { show: { resource: ['link'], operation: ['add'] } },
	},
	{
		displayName: 'Link Fields',
		name: 'linkFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['link'], operation: ['add'] } },
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
	{
		displayName: 'Link ID',
		name: 'linkId',
		type: 'string',
		required: true,
		default: '',
		description: 'LINK_ID of the link to remove (see Link → Get Many)',
		displayOptions: { show: { resource: ['link'], operation: ['remove'] } },
	},
	// Files.
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
		displayOptions: { show: { resource: ['fileAttachment'], operation: ['upload'] } },
	},
	{
		displayName: 'Upload Options',
		name: 'uploadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['fileAttachment'], operation: ['upload'] } },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "Overrides the binary data's file name",
			},
			{
				displayName: 'File Category Name or ID',
				name: 'fileCategoryId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getFileCategories' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		description: 'FILE_ID of the attachment (see File Attachment → Get Many)',
		displayOptions: { show: { resource: ['fileAttachment'], operation: ['download', 'delete'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { resource: ['fileAttachment'], operation: ['download'] } },
	},
];
