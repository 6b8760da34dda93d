/**
 * Parameter builders shared by the operation modules (actions/<resource>/<op>.operation.ts) and
 * the trigger. Each operation declares its own copy of a parameter, shown only for its resources
 * and its operation value; n8n keeps parameters of the same name apart by their displayOptions.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RECORD_TYPES, type RecordType } from '../objects';
import { recordUrlPattern } from '../utils/recordUrl';
import type { OutputShape } from '../utils/recordShape';

/** n8n's standard description for dynamic options (eslint-plugin-n8n-nodes-base). */
export const DYNAMIC_OPTIONS_DESCRIPTION =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** displayOptions that show a parameter for some resources and operations. */
export function showFor(
	resources: readonly string[],
	operations: readonly string[],
	extra: Record<string, Array<string | boolean>> = {},
): INodeProperties['displayOptions'] {
	return { show: { resource: [...resources], operation: [...operations], ...extra } };
}

/**
 * A record chosen from a searchable list, by ID, or (for types with a web-app name) by its URL
 * in Insightly, checked against that type's own pattern (utils/recordUrl.ts).
 */
function recordLocator(
	name: string,
	displayName: string,
	displayOptions: INodeProperties['displayOptions'],
	options: { description?: string; searchListMethod?: string; webName?: string } = {},
): INodeProperties {
	const pattern = options.webName ? recordUrlPattern(options.webName) : undefined;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description ?? 'The record to use',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: options.searchListMethod ?? 'searchRecords',
					searchable: true,
					searchFilterRequired: false,
				},
			},
			...(pattern
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: `https://crm.na1.insightly.com/details/${options.webName}/123456`,
							extractValue: { type: 'regex' as const, regex: pattern },
							validation: [
								{
									type: 'regex' as const,
									properties: {
										regex: pattern,
										errorMessage: `Not the URL of an Insightly ${options.webName} (…insightly.com/details/${options.webName}/<ID>)`,
									},
								},
							],
						},
					]
				: []),
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
	displayOptions: INodeProperties['displayOptions'],
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
		displayOptions,
	};
}

/** The default Limit when n8n runs the node as an AI agent's tool: a model's context is small. */
export const TOOL_DEFAULT_LIMIT = 10;

/**
 * Return All and Limit of an operation that returns a list. With `toolLimit`, the Limit an AI
 * agent's tool starts with is that lower number (`@tool` tells the two node types apart, in n8n
 * 1.x and 2.x alike); the node then says when more records match.
 */
export function paginationProperties(
	resources: readonly string[],
	operation: string,
	{ toolLimit }: { toolLimit?: number } = {},
): INodeProperties[] {
	const limit = (tool?: boolean): INodeProperties => ({
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: showFor(resources, [operation], {
			returnAll: [false],
			...(tool === undefined ? {} : { '@tool': [tool] }),
		}),
	});
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resources, [operation]),
		},
		...(toolLimit === undefined
			? [limit()]
			: [limit(false), { ...limit(true), default: toolLimit }]),
	];
}

/** The Output choices (utils/recordShape.ts), shared by the Insightly node and its trigger. */
const OUTPUT_SHAPE_CHOICES: Record<OutputShape, INodePropertyOptions> = {
	compact: {
		name: 'Compact',
		value: 'compact',
		description:
			'Only the fields that have a value; tags as names, links as IDs by type, custom fields by API name',
	},
	simplified: {
		name: 'Simplified',
		value: 'simplified',
		description: 'Every field, with custom fields as one object keyed by API name',
	},
	raw: { name: 'Raw', value: 'raw', description: 'The record exactly as Insightly sent it' },
};

/** The Output option's choices, in the order a node lists them. */
export function outputShapeChoices(order: readonly OutputShape[]): INodePropertyOptions[] {
	return order.map((shape) => OUTPUT_SHAPE_CHOICES[shape]);
}

/**
 * The Options collection of an operation that returns records: Output (version 2) or Simplify
 * (version 1) always; Brief for lists of the types whose lists take `brief=true`.
 */
export function outputOptionsProperty(
	resources: readonly string[],
	operation: string,
	{ brief = false }: { brief?: boolean } = {},
): INodeProperties {
	const briefResources = RECORD_TYPES.filter(
		(type) => type.brief && resources.includes(type.key),
	).map((type) => type.key);
	const options: INodeProperties[] = [];
	if (brief && briefResources.length) {
		options.push({
			displayName: 'Brief',
			name: 'brief',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only top-level fields (no custom fields, tags, links or dates): faster and smaller',
			displayOptions: { show: { '/resource': briefResources } },
		});
	}
	// Version 1 keeps Simplify (saved workflows receive what they always did); version 2 has
	// Output, whose default (Compact) is applied by actions/output.ts since a collection's
	// options have no default of their own until they are added.
	options.push(
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: outputShapeChoices(['compact', 'simplified', 'raw']),
			default: 'compact',
			description: 'The shape of each record returned',
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return a simplified version of the response instead of the raw data: custom fields become one object keyed by field name, with lists, booleans and numbers as such',
			displayOptions: { show: { '@version': [1] } },
		},
	);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(resources, [operation]),
		options,
	};
}

/** One record locator per record type, each with its own URL pattern. */
export function recordLocators(
	name: string,
	displayName: string,
	types: readonly RecordType[],
	show: (type: RecordType) => INodeProperties['displayOptions'],
	options: { description?: string; searchListMethod?: string } = {},
): INodeProperties[] {
	return types.map((type) =>
		recordLocator(name, displayName, show(type), { ...options, webName: type.webName }),
	);
}
