import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_OBJECT_RECORD, NOTE_PARENTS, RECORD_TYPES } from '../objects';
import { supportsUpsert } from './resources';

const RECORD_RESOURCES = RECORD_TYPES.map((type) => type.key);
const UPSERT_RESOURCES = RECORD_TYPES.filter(supportsUpsert).map((type) => type.key);
const WRITE_RESOURCES = RECORD_TYPES.filter(
	(type) => type.features.create || type.features.update,
).map((type) => type.key);
const PIPELINE_RESOURCES = RECORD_TYPES.filter((type) => type.features.pipeline).map(
	(type) => type.key,
);
const STATE_RESOURCES = RECORD_TYPES.filter((type) => type.features.stateChange).map(
	(type) => type.key,
);

/** Matches record URLs of Insightly's web app, e.g. https://crm.na1.insightly.com/details/Contact/123456. */
export const RECORD_URL_REGEX = 'https?://[^/]+/.*details/[A-Za-z_]+/([0-9]+).*';

/** A record chosen from a searchable list, by its URL in Insightly, or by ID. */
export function recordLocator(
	name: string,
	displayName: string,
	show: Record<string, string[]>,
	description = 'The record to use',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchRecords',
					searchable: true,
					searchFilterRequired: false,
				},
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://crm.na1.insightly.com/details/Contact/123456',
				extractValue: { type: 'regex', regex: RECORD_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: RECORD_URL_REGEX,
							errorMessage: 'Not the URL of an Insightly record (…/details/<Type>/<ID>)',
						},
					},
				],
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: '123456',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[0-9]+$', errorMessage: 'An Insightly ID is a whole number' },
					},
				],
			},
		],
	};
}

/** The custom object whose records an operation or the trigger works on (value: OBJECT_NAME). */
export function customObjectProperty(
	show: Record<string, string[]>,
	purpose: string,
): INodeProperties {
	return {
		displayName: 'Custom Object Name or ID',
		name: 'customObjectName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCustomObjects' },
		required: true,
		default: '',
		description: `${purpose} Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		displayOptions: { show },
	};
}

export const recordProperties: INodeProperties[] = [
	customObjectProperty(
		{ resource: [CUSTOM_OBJECT_RECORD] },
		'The custom object whose records to use.',
	),
	recordLocator('recordId', 'Record', {
		resource: RECORD_RESOURCES,
		operation: ['get', 'delete', 'update', 'setPipeline', 'setPipelineStage', 'changeState'],
	}),
	{
		displayName: 'Parent Record Type',
		name: 'parentType',
		type: 'options',
		required: true,
		default: 'contact',
		description: 'Insightly creates notes on a record: the type of that record',
		options: NOTE_PARENTS.map((type) => ({ name: type.displayName, value: type.key })),
		displayOptions: { show: { resource: ['note'], operation: ['create'] } },
	},
	recordLocator(
		'parentId',
		'Parent Record',
		{ resource: ['note'], operation: ['create'] },
		'The record the note is attached to',
	),
	// Upsert: the field that identifies the record.
	{
		displayName: 'Match On Field Name or ID',
		name: 'matchField',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getSearchableFields',
			loadOptionsDependsOn: ['resource', 'customObjectName'],
		},
		required: true,
		default: '',
		description:
			'The field (standard or custom) whose value identifies the record, e.g. EMAIL_ADDRESS. Its value is taken from the fields below. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: UPSERT_RESOURCES, operation: ['upsert'] } },
	},
	{
		displayName: 'Match Value',
		name: 'matchValue',
		type: 'string',
		required: true,
		default: '',
		description:
			'The value the match field must equal. It is also written to that field when the record is created.',
		displayOptions: { show: { resource: UPSERT_RESOURCES, operation: ['upsert'] } },
	},
	{
		displayName: 'Fields (JSON)',
		name: 'jsonFields',
		type: 'json',
		default: '',
		placeholder: '{ "TITLE": "CEO", "CUSTOMFIELDS": { "Industry__c": "Retail" } }',
		description:
			'Optional: more fields as a JSON object of API names and values (custom fields under CUSTOMFIELDS), e.g. to map a whole input item. Checked and converted like the fields above; a field may not be given twice.',
		displayOptions: {
			show: { resource: WRITE_RESOURCES, operation: ['create', 'update', 'upsert'] },
		},
	},
	// Pipelines.
	{
		displayName: 'Pipeline Name or ID',
		name: 'pipelineId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPipelines', loadOptionsDependsOn: ['resource'] },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show: { resource: PIPELINE_RESOURCES, operation: ['setPipeline'] } },
	},
	{
		displayName: 'Stage Name or ID',
		name: 'stageId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getPipelineStages',
			loadOptionsDependsOn: ['resource', 'pipelineId'],
		},
		required: true,
		default: '',
		description:
			'The stage to move to. For Set Pipeline Stage the list shows every stage; pick one of the record\'s pipeline. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: {
			show: { resource: PIPELINE_RESOURCES, operation: ['setPipeline', 'setPipelineStage'] },
		},
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		required: true,
		default: 'WON',
		options: [
			{ name: 'Abandoned', value: 'ABANDONED' },
			{ name: 'Lost', value: 'LOST' },
			{ name: 'Open', value: 'OPEN' },
			{ name: 'Suspended', value: 'SUSPENDED' },
			{ name: 'Won', value: 'WON' },
		],
		displayOptions: { show: { resource: STATE_RESOURCES, operation: ['changeState'] } },
	},
	{
		displayName: 'Reason Name or ID',
		name: 'stateReason',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStateReasons', loadOptionsDependsOn: ['state'] },
		default: '',
		description:
			'Optional: one of the instance\'s reasons for this state. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: STATE_RESOURCES, operation: ['changeState'] } },
	},
];

/** Get Many and Search share pagination, filters and output options. */
export const listProperties: INodeProperties[] = [
	{
		displayName: 'Field Name or ID',
		name: 'searchField',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getSearchableFields',
			loadOptionsDependsOn: ['resource', 'customObjectName'],
		},
		required: true,
		default: '',
		description:
			'Insightly finds records whose field exactly equals the value (standard or custom field). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: RECORD_RESOURCES, operation: ['search'] } },
	},
	{
		displayName: 'Value',
		name: 'searchValue',
		type: 'string',
		required: true,
		default: '',
		description: 'Exact value to match (Insightly has no partial match)',
		displayOptions: { show: { resource: RECORD_RESOURCES, operation: ['search'] } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: {
			show: {
				resource: [...RECORD_RESOURCES, 'tag', 'link', 'fileAttachment'],
				operation: ['getAll', 'search'],
			},
		},
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: {
			show: {
				resource: [...RECORD_RESOURCES, 'tag', 'link', 'fileAttachment'],
				operation: ['getAll', 'search'],
				returnAll: [false],
			},
		},
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: RECORD_RESOURCES, operation: ['getAll'] } },
		options: [
			{
				displayName: 'Field Equals Name or ID',
				name: 'fieldName',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getSearchableFields',
					loadOptionsDependsOn: ['resource', 'customObjectName'],
				},
				default: '',
				description:
					'Only records whose field equals Field Value. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Field Value',
				name: 'fieldValue',
				type: 'string',
				default: '',
				description: 'Exact value for the Field Equals filter',
			},
			{
				displayName: 'Of Record',
				name: 'parentRecord',
				type: 'string',
				default: '',
				placeholder: 'contact:123456',
				description:
					'Notes only: list the notes of one record, written as type:ID (contact, organisation, lead, opportunity, project)',
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				description:
					'Only records with this tag (cannot be combined with the other filters: Insightly searches by tag separately)',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only records changed after this moment',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: {
			show: {
				resource: RECORD_RESOURCES,
				operation: ['getAll', 'search', 'get', 'getCurrent', 'create', 'update', 'upsert'],
			},
		},
		options: [
			{
				displayName: 'Brief',
				name: 'brief',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only top-level fields (no custom fields, tags, links or dates): faster and smaller',
				// GET /Users and /Users/Search take no brief parameter.
				displayOptions: {
					show: { '/operation': ['getAll', 'search'] },
					hide: { '/resource': ['user'] },
				},
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a simplified version of the response instead of the raw data: custom fields become one object keyed by field name, with lists, booleans and numbers as such',
			},
		],
	},
];
