import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	outputOptionsProperty,
	paginationProperties,
	showFor,
	TOOL_DEFAULT_LIMIT,
} from '../../descriptions/parameters';
import { getRecordType, NOTE_PARENTS, RECORD_TYPES, supports } from '../../objects';
import { insightlyRequestAllItems } from '../../transport';
import { parseInsightlyDate, toInsightlyQueryDate } from '../../utils/dates';
import { InputError, parseRecordId, requireNonEmpty } from '../../utils/validation';
import { recordResources, wordsFor, type Operation, type OperationInput } from '../operation';
import { listItems, readLimit, shapeRecords } from '../output';
import { limitOf, resolveTarget, type Target } from '../target';
import { targetProperties } from './parameters';

const resources = recordResources('getAll');
/** The filters run on /Search and /SearchByTag: only types that have a Search offer them. */
const filterable = resources.filter((resource) => recordResources('search').includes(resource));
const NOTES_OF_RECORD = RECORD_TYPES.filter((type) => type.createdThroughParent);

function filtersProperty(): INodeProperties {
	const options: INodeProperties[] = [
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
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			default: '',
			description:
				'Only records with this tag (cannot be combined with the other filters: Insightly searches by tag separately)',
			displayOptions: {
				show: {
					'/resource': RECORD_TYPES.filter((type) => type.searchByTag).map((type) => type.key),
				},
			},
		},
		{
			displayName: 'Updated After',
			name: 'updatedAfter',
			type: 'dateTime',
			default: '',
			description: 'Only records changed after this moment',
		},
	];
	if (NOTES_OF_RECORD.length) options.push(...ofRecordOptions());
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(filterable, ['getAll']),
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * The Of Record filter (notes only): a record type and a record picked from a list or by ID.
 * `parentRecord`, the free-text "type:ID" form of v0.1.0, stays for saved workflows.
 */
function ofRecordOptions(): INodeProperties[] {
	const notesOnly = { show: { '/resource': NOTES_OF_RECORD.map((type) => type.key) } };
	const notes = NOTES_OF_RECORD.map((type) => type.pluralName.toLowerCase()).join(', ');
	return [
		{
			displayName: 'Of Record',
			name: 'ofRecord',
			type: 'fixedCollection',
			placeholder: 'Choose Record',
			default: {},
			description: `Only the ${notes} of one record`,
			displayOptions: notesOnly,
			options: [
				{
					displayName: 'Record',
					name: 'record',
					values: [
						{
							displayName: 'Record Type',
							name: 'recordType',
							type: 'options',
							default: 'contact',
							options: NOTE_PARENTS.map((type) => ({ name: type.displayName, value: type.key })),
						},
						{
							displayName: 'Record',
							name: 'recordId',
							type: 'resourceLocator',
							default: { mode: 'list', value: '' },
							description: 'The record whose notes to get',
							modes: [
								{
									displayName: 'From List',
									name: 'list',
									type: 'list',
									typeOptions: {
										searchListMethod: 'searchOfRecords',
										searchable: true,
										searchFilterRequired: false,
									},
								},
								{
									displayName: 'ID',
									name: 'id',
									type: 'string',
									placeholder: '123456',
								},
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Of Record (Type:ID Text)',
			name: 'parentRecord',
			type: 'string',
			default: '',
			placeholder: `${NOTE_PARENTS[0].key}:123456`,
			description: `The older form of Of Record, kept for saved workflows: type:ID (${NOTE_PARENTS.map((type) => type.key).join(', ')})`,
			displayOptions: notesOnly,
		},
	];
}

/** The chosen Of Record as "type:ID" text: the fixedCollection, else the older text form. */
function ofRecordText(filters: IDataObject): string {
	const record = (filters.ofRecord as IDataObject | undefined)?.record as IDataObject | undefined;
	if (record) {
		const locator = record.recordId;
		const id = locator && typeof locator === 'object' ? (locator as IDataObject).value : locator;
		const idText = typeof id === 'number' ? String(id) : text(id);
		return `${text(record.recordType) || NOTE_PARENTS[0].key}:${idText}`;
	}
	return text(filters.parentRecord);
}

/** GET /{Parent}/{id}/Notes for the Of Record filter. */
function ofRecordPath(target: Target, parentRecord: string, itemIndex: number): string {
	if (!target.type.createdThroughParent)
		throw new InputError(
			`The Of Record filter applies to ${NOTES_OF_RECORD.map((type) => type.pluralName.toLowerCase()).join(', ')} only`,
			{ field: 'Of Record', itemIndex },
		);
	const [typeKey, rawId] = parentRecord.split(':');
	const parent = NOTE_PARENTS.find((type) => type.key === typeKey?.trim().toLowerCase());
	if (!parent || rawId === undefined) {
		throw new InputError(
			`Of Record must look like ${NOTE_PARENTS[0].key}:123 (got "${parentRecord}")`,
			{
				field: 'Of Record',
				itemIndex,
				description: `Types: ${NOTE_PARENTS.map((type) => type.key).join(', ')}.`,
			},
		);
	}
	return `/${parent.path}/${parseRecordId(rawId, 'Of Record ID', itemIndex)}/${target.path}`;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export const getMany: Operation = {
	value: 'getAll',
	resources,
	option(resource) {
		const { many } = wordsFor(getRecordType(resource));
		return {
			name: 'Get Many',
			value: 'getAll',
			description: `Get many ${many}`,
			action: `Get many ${many}, optionally filtered by one field, a tag or a change date`,
		};
	},
	toolDescription(resource) {
		const { many } = wordsFor(getRecordType(resource));
		return (
			`Lists Insightly ${many} in ID order, up to the Limit. Returns {found, records}, with "more" when more ${many} exist than the Limit; ` +
			`{found: 0, message} when there are none. To find ${many} by a field value use the Search tool instead.`
		);
	},
	properties: [
		...targetProperties(resources, 'getAll'),
		...paginationProperties(resources, 'getAll', { toolLimit: TOOL_DEFAULT_LIMIT }),
		filtersProperty(),
		outputOptionsProperty(resources, 'getAll', { brief: true }),
	],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex, cache }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		if (options.brief === true && target.type.brief) qs.brief = true;

		let path = `/${target.path}`;
		const tag = text(filters.tag);
		const fieldName = text(filters.fieldName);
		const updatedAfter = filters.updatedAfter;
		const parentRecord = ofRecordText(filters);
		const updatedAfterQuery = () =>
			toInsightlyQueryDate(updatedAfter, 'Updated After', { zone: this.getTimezone(), itemIndex });

		if (tag && (fieldName || updatedAfter || parentRecord)) {
			throw new InputError(
				'The Tag filter cannot be combined with other filters (Insightly searches by tag on its own)',
				{ field: 'Filters', itemIndex },
			);
		}
		if (tag) {
			if (!target.type.searchByTag)
				throw new InputError(`Insightly cannot filter ${target.pluralLabel} by tag`, {
					field: 'Tag',
					itemIndex,
				});
			path = `/${target.path}/SearchByTag`;
			qs.tagName = tag;
		} else if (parentRecord) {
			path = ofRecordPath(target, parentRecord, itemIndex);
			if (updatedAfter) qs.updated_after_utc = updatedAfterQuery();
		} else if (fieldName || updatedAfter) {
			if (!supports(target.type, 'search'))
				throw new InputError(
					`Insightly cannot filter ${target.pluralLabel}: it has no search for them`,
					{
						field: 'Filters',
						itemIndex,
					},
				);
			path = `/${target.path}/Search`;
			if (fieldName) {
				qs.field_name = fieldName;
				qs.field_value = requireNonEmpty(filters.fieldValue as string, 'Field Value', itemIndex);
			}
			if (updatedAfter) qs.updated_after_utc = updatedAfterQuery();
		}
		const limit = limitOf.call(this, itemIndex);
		// One filter only where the search may take one (users): the field is sent, "updated
		// after" applied here, so every match is read before the limit is applied.
		const local = target.type.oneSearchFilter && qs.field_name && qs.updated_after_utc;
		const after = local ? parseInsightlyDate(qs.updated_after_utc) : undefined;
		if (local) delete qs.updated_after_utc;
		const { items } = await insightlyRequestAllItems.call(this, path, qs, {
			limit: local ? undefined : readLimit.call(this, limit),
			itemIndex,
			record: { typeName: target.label },
		});
		const matching = after
			? items.filter((item) => {
					const updated = parseInsightlyDate(item.DATE_UPDATED_UTC);
					return updated !== undefined && updated > after;
				})
			: items;
		const kept = limit === undefined ? matching : matching.slice(0, limit);
		const filtered = path !== `/${target.path}`;
		return listItems.call(this, {
			records: await shapeRecords.call(this, kept, target, cache, itemIndex),
			limit,
			more: kept.length < matching.length,
			noneMessage: `No ${target.label} ${filtered ? 'matches these filters' : 'exists'}`,
			plural: target.pluralLabel.toLowerCase(),
		});
	},
};
