import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	outputOptionsProperty,
	paginationProperties,
	showFor,
	TOOL_DEFAULT_LIMIT,
} from '../../descriptions/parameters';
import { getRecordType } from '../../objects';
import { insightlyRequestAllItems } from '../../transport';
import { requireNonEmpty } from '../../utils/validation';
import { recordResources, wordsFor, type Operation, type OperationInput } from '../operation';
import { listItems, readLimit, shapeRecords } from '../output';
import { limitOf, resolveTarget } from '../target';
import { targetProperties } from './parameters';

const resources = recordResources('search');

/** GET /{path}/Search?field_name=&field_value=: one field, exact match (Insightly has no other). */
export const search: Operation = {
	value: 'search',
	resources,
	option(resource) {
		const { many } = wordsFor(getRecordType(resource));
		return {
			name: 'Search',
			value: 'search',
			description: `Find ${many} where a field equals a value`,
			action: `Search ${many} where one field exactly equals a value`,
		};
	},
	toolDescription(resource) {
		const { many } = wordsFor(getRecordType(resource));
		return (
			`Finds Insightly ${many} whose field exactly equals a value: one field, the whole value (no partial or "contains" match). ` +
			'Field names are Insightly API names, such as EMAIL_ADDRESS, FIRST_NAME or a custom field like Tier__c. ' +
			`Returns {found, records}, with "more" when more ${many} match than the Limit; {found: 0, message} when none matches.`
		);
	},
	properties: [
		...targetProperties(resources, 'search'),
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
			displayOptions: showFor(resources, ['search']),
		},
		{
			displayName: 'Value',
			name: 'searchValue',
			type: 'string',
			required: true,
			default: '',
			description: 'Exact value to match (Insightly has no partial match)',
			displayOptions: showFor(resources, ['search']),
		},
		...paginationProperties(resources, 'search', { toolLimit: TOOL_DEFAULT_LIMIT }),
		outputOptionsProperty(resources, 'search', { brief: true }),
	],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex, cache }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const fieldName = requireNonEmpty(
			String(this.getNodeParameter('searchField', itemIndex, '')),
			'Field Name',
			itemIndex,
		).trim();
		const value = requireNonEmpty(
			String(this.getNodeParameter('searchValue', itemIndex, '')),
			'Value',
			itemIndex,
		);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs: IDataObject = { field_name: fieldName, field_value: value };
		if (options.brief === true && target.type.brief) qs.brief = true;
		const limit = limitOf.call(this, itemIndex);
		const { items } = await insightlyRequestAllItems.call(this, `/${target.path}/Search`, qs, {
			limit: readLimit.call(this, limit),
			itemIndex,
		});
		const kept = limit === undefined ? items : items.slice(0, limit);
		return listItems.call(this, {
			records: await shapeRecords.call(this, kept, target, cache, itemIndex),
			limit,
			more: kept.length < items.length,
			noneMessage: `No ${target.label} has ${fieldName} = ${JSON.stringify(value)}`,
			plural: target.pluralLabel.toLowerCase(),
		});
	},
};
