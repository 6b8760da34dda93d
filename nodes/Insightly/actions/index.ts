/**
 * Every operation of the Insightly node, and what is assembled from them: the Resource and
 * Operation parameters, the node's parameter list and the router's dispatch table. Adding an
 * operation is one module in actions/<resource>/ and one line below.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ATTACHED_RESOURCES, RECORD_TYPES, type AttachedResource } from '../objects';
import { apiRequest } from './apiCall/request.operation';
import { ATTACHED_RESOURCE_OPTIONS } from './attached';
import { deleteFile } from './fileAttachment/delete.operation';
import { download } from './fileAttachment/download.operation';
import { getManyFiles } from './fileAttachment/getMany.operation';
import { upload } from './fileAttachment/upload.operation';
import { follow } from './follow/follow.operation';
import { getFollowStatus } from './follow/getStatus.operation';
import { unfollow } from './follow/unfollow.operation';
import { addLink } from './link/add.operation';
import { getManyLinks } from './link/getMany.operation';
import { removeLink } from './link/remove.operation';
import type { Operation } from './operation';
import { changeState } from './pipeline/changeState.operation';
import { setPipeline } from './pipeline/setPipeline.operation';
import { setPipelineStage } from './pipeline/setPipelineStage.operation';
import { create } from './record/create.operation';
import { remove } from './record/delete.operation';
import { get } from './record/get.operation';
import { getCurrent } from './record/getCurrent.operation';
import { getMany } from './record/getMany.operation';
import { search } from './record/search.operation';
import { update } from './record/update.operation';
import { upsert } from './record/upsert.operation';
import { addTag } from './tag/add.operation';
import { getManyTags } from './tag/getMany.operation';
import { removeTag } from './tag/remove.operation';

export const OPERATIONS: readonly Operation[] = [
	create,
	upsert,
	remove,
	get,
	getCurrent,
	getMany,
	search,
	update,
	setPipeline,
	setPipelineStage,
	changeState,
	addTag,
	getManyTags,
	removeTag,
	addLink,
	getManyLinks,
	removeLink,
	upload,
	download,
	getManyFiles,
	deleteFile,
	follow,
	getFollowStatus,
	unfollow,
	apiRequest,
];

/** The operation a record type's or attached resource's Operation list opens on. */
const DEFAULT_OPERATION: Record<AttachedResource, string> & { record: string } = {
	record: 'get',
	tag: 'add',
	link: 'add',
	fileAttachment: 'upload',
	follow: 'follow',
};

/** resource → operation → module: the router's dispatch table. */
export const OPERATIONS_BY_RESOURCE: ReadonlyMap<string, ReadonlyMap<string, Operation>> = (() => {
	const table = new Map<string, Map<string, Operation>>();
	for (const operation of OPERATIONS) {
		for (const resource of operation.resources) {
			const byValue = table.get(resource) ?? new Map<string, Operation>();
			if (byValue.has(operation.value))
				throw new Error(`Two operations "${operation.value}" on resource "${resource}"`);
			byValue.set(operation.value, operation);
			table.set(resource, byValue);
		}
	}
	return table;
})();

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		...RECORD_TYPES.map((type) => ({
			name: type.displayName,
			value: type.key,
			description: `${type.pluralName} in Insightly`,
		})),
		...ATTACHED_RESOURCES.map((resource) => ({
			...ATTACHED_RESOURCE_OPTIONS[resource],
			value: resource,
		})),
		{
			name: 'Custom API Call',
			value: 'apiCall',
			description: 'Any other Insightly API call, with the credential',
		},
	].sort((a, b) => a.name.localeCompare(b.name)),
	default: 'contact',
};

function operationProperty(resource: string, defaultOperation: string): INodeProperties {
	const options: INodePropertyOptions[] = [
		...(OPERATIONS_BY_RESOURCE.get(resource)?.values() ?? []),
	]
		.map((operation) => operation.option(resource))
		.sort((a, b) => a.name.localeCompare(b.name));
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

type Conditions = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/**
 * The tool description of the node as an AI agent's tool. n8n adds a generic pair of parameters
 * (whose manual default is the whole node's description) only to nodes that have no
 * `toolDescription` of their own; these give each resource and operation its own default text,
 * and a general one when the resource or operation is left to the model. `@tool` shows them only
 * on the tool (n8n 1.x and 2.x).
 */
function toolDescriptionProperties(): INodeProperties[] {
	const manual = (text: string, show: Conditions, hide?: Conditions): INodeProperties => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: text,
		description:
			'Explain to the model what this tool does; the default says what this operation matches and returns',
		displayOptions: {
			show: { '@tool': [true], descriptionType: ['manual'], ...show },
			...(hide ? { hide } : {}),
		},
	});
	const properties: INodeProperties[] = [
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Set Automatically',
					value: 'auto',
					description: 'Automatically set based on resource and operation',
				},
				{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
			],
			default: 'auto',
			displayOptions: { show: { '@tool': [true] } },
		},
	];
	// n8n shows every conditional parameter whose condition is an expression and keeps the last
	// one shown: so the texts for "operation left to the model" follow a resource's own, and the
	// text for "resource left to the model" comes last.
	for (const [resource, byValue] of OPERATIONS_BY_RESOURCE) {
		for (const operation of byValue.values()) {
			const option = operation.option(resource);
			properties.push(
				manual(operation.toolDescription?.(resource) ?? `${option.description ?? option.name}.`, {
					resource: [resource],
					operation: [operation.value],
				}),
			);
		}
		properties.push(
			manual(
				`Works on Insightly ${resource} records: ${[...byValue.values()].map((operation) => operation.option(resource).name).join(', ')}. Set the Operation of this tool in the node rather than leaving it to the model.`,
				{ resource: [resource] },
				{ operation: [...byValue.keys()] },
			),
		);
	}
	properties.push(
		manual(
			'Reads and changes Insightly CRM records. Set the Resource and Operation of this tool in the node rather than leaving them to the model.',
			{},
			{ resource: [...OPERATIONS_BY_RESOURCE.keys()] },
		),
	);
	return properties;
}

/** Every parameter of the Insightly node, in display order. */
export const nodeProperties: INodeProperties[] = [
	...toolDescriptionProperties(),
	resourceProperty,
	...RECORD_TYPES.map((type) => operationProperty(type.key, DEFAULT_OPERATION.record)),
	...ATTACHED_RESOURCES.map((resource) => operationProperty(resource, DEFAULT_OPERATION[resource])),
	operationProperty('apiCall', 'request'),
	...OPERATIONS.flatMap((operation) => operation.properties),
];

/**
 * The canvas subtitle, e.g. "Change State: Opportunity": names, not values, from a table of
 * every resource and operation this node offers.
 */
export const nodeSubtitle: string = (() => {
	const resourceNames = Object.fromEntries(
		(resourceProperty.options ?? []).map((option) => [
			String((option as INodePropertyOptions).value),
			option.name,
		]),
	);
	const names: Record<string, string> = {};
	for (const [resource, byValue] of OPERATIONS_BY_RESOURCE) {
		for (const operation of byValue.values())
			names[`${resource}.${operation.value}`] =
				`${operation.option(resource).name}: ${resourceNames[resource] ?? resource}`;
	}
	return `={{ (${JSON.stringify(names)})[$parameter["resource"] + "." + $parameter["operation"]] }}`;
})();
