import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RECORD_TYPES, type RecordType } from '../objects';

/** Resources that are not record types: things attached to a record. */
export const ATTACHED_RESOURCES = ['fileAttachment', 'follow', 'link', 'tag'] as const;

const attachedResourceOptions: INodePropertyOptions[] = [
	{ name: 'File Attachment', value: 'fileAttachment', description: 'Files attached to a record' },
	{ name: 'Follow', value: 'follow', description: 'Follow or unfollow a record' },
	{ name: 'Link', value: 'link', description: 'Links between two records, with a role' },
	{ name: 'Tag', value: 'tag', description: 'Tags on a record' },
];

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		...RECORD_TYPES.map((type) => ({ name: type.displayName, value: type.key })),
		...attachedResourceOptions,
	].sort((a, b) => a.name.localeCompare(b.name)),
	default: 'contact',
};

/**
 * Create or Update needs a collection to create in: notes are created only under a parent
 * record (POST /{Parent}/{id}/Notes; there is no POST /Notes), so they have no upsert.
 */
export function supportsUpsert(type: RecordType): boolean {
	return type.features.create && type.features.update && !type.createdThroughParent;
}

function recordOperations(type: RecordType): INodePropertyOptions[] {
	const name = type.displayName.toLowerCase();
	const article = /^[aeiou]/.test(name) ? 'an' : 'a';
	if (type.key === 'user') {
		return [
			{ name: 'Get', value: 'get', description: 'Get a user', action: 'Get a user' },
			{
				name: 'Get Current',
				value: 'getCurrent',
				description: 'Get the user whose API key is used',
				action: 'Get the current user',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many users',
				action: 'Get many users',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find users where a field equals a value',
				action: 'Search users',
			},
		];
	}
	const options: INodePropertyOptions[] = [
		{
			name: 'Create',
			value: 'create',
			description: `Create ${article} ${name}`,
			action: `Create ${article} ${name}`,
		},
		{
			name: 'Delete',
			value: 'delete',
			description: `Delete ${article} ${name}`,
			action: `Delete ${article} ${name}`,
		},
		{
			name: 'Get',
			value: 'get',
			description: `Get ${article} ${name}`,
			action: `Get ${article} ${name}`,
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: `Get many ${name}s`,
			action: `Get many ${name}s`,
		},
		{
			name: 'Search',
			value: 'search',
			description: `Find ${name}s where a field equals a value`,
			action: `Search ${name}s`,
		},
		{
			name: 'Update',
			value: 'update',
			description: `Update ${article} ${name}`,
			action: `Update ${article} ${name}`,
		},
	];
	if (supportsUpsert(type)) {
		options.push({
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: `Create or update ${article} ${name}`,
		});
	}
	if (type.features.pipeline) {
		options.push(
			{
				name: 'Set Pipeline',
				value: 'setPipeline',
				description: `Put the ${name} in a pipeline at a stage`,
				action: `Set the pipeline of ${article} ${name}`,
			},
			{
				name: 'Set Pipeline Stage',
				value: 'setPipelineStage',
				description: `Move the ${name} to another stage of its pipeline`,
				action: `Set the pipeline stage of ${article} ${name}`,
			},
		);
	}
	if (type.features.stateChange) {
		options.push({
			name: 'Change State',
			value: 'changeState',
			description: 'Mark the opportunity won, lost, abandoned, suspended or open, with a reason',
			action: 'Change the state of an opportunity',
		});
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The Operation parameter of one resource. */
function operationProperty(
	resource: string,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

export const operationProperties: INodeProperties[] = [
	...RECORD_TYPES.map((type) => operationProperty(type.key, 'get', recordOperations(type))),
	operationProperty('tag', 'add', [
		{
			name: 'Add',
			value: 'add',
			description: 'Add a tag to a record',
			action: 'Add a tag to a record',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the tags of a record',
			action: 'Get the tags of a record',
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Remove a tag from a record',
			action: 'Remove a tag from a record',
		},
	]),
	operationProperty('link', 'add', [
		{
			name: 'Add',
			value: 'add',
			description: 'Link a record to another record',
			action: 'Link two records',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the links of a record',
			action: 'Get the links of a record',
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Remove a link from a record',
			action: 'Remove a link',
		},
	]),
	operationProperty('fileAttachment', 'upload', [
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a file attachment',
			action: 'Delete a file attachment',
		},
		{
			name: 'Download',
			value: 'download',
			description: 'Download a file attachment into binary data',
			action: 'Download a file attachment',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the files attached to a record',
			action: 'Get the file attachments of a record',
		},
		{
			name: 'Upload',
			value: 'upload',
			description: 'Attach a file from binary data to a record',
			action: 'Upload a file attachment',
		},
	]),
	operationProperty('follow', 'follow', [
		{ name: 'Follow', value: 'follow', description: 'Follow a record', action: 'Follow a record' },
		{
			name: 'Get Status',
			value: 'get',
			description: 'Whether you follow a record',
			action: 'Get the follow status of a record',
		},
		{
			name: 'Unfollow',
			value: 'unfollow',
			description: 'Stop following a record',
			action: 'Unfollow a record',
		},
	]),
];
