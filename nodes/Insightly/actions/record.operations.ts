import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getRecordType, NOTE_PARENTS } from '../objects';
import { supportsUpsert } from '../descriptions/resources';
import { insightlyRequest, insightlyRequestAllItems } from '../transport';
import { toInsightlyQueryDate } from '../utils/dates';
import { getRecordFields } from '../utils/fieldSpec';
import { InputError, parseRecordId, requireNonEmpty } from '../utils/validation';
import { buildWriteBody, isCustomFieldName } from './body';
import { shapeRecords } from './output';
import { runStep } from './steps';
import {
	asDataObjects,
	limitOf,
	recordIdParameter,
	resolveTarget,
	type ExecutionCache,
	type Target,
} from './target';

export type OperationResult = IDataObject | IDataObject[];

interface OperationArgs {
	resource: string;
	itemIndex: number;
	cache: ExecutionCache;
}

function idOf(this: IExecuteFunctions, target: Target, itemIndex: number): number {
	return recordIdParameter.call(this, 'recordId', `${target.label} ID`, itemIndex);
}

async function get(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	const id = idOf.call(this, target, itemIndex);
	const response = await insightlyRequest.call(this, {
		method: 'GET',
		path: `/${target.path}/${id}`,
		itemIndex,
		record: { typeName: target.label, id },
	});
	return await shapeRecords.call(this, asDataObjects(response.body), target, cache, itemIndex);
}

async function getCurrent(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	const response = await insightlyRequest.call(this, {
		method: 'GET',
		path: '/Users/Me',
		itemIndex,
	});
	return await shapeRecords.call(this, asDataObjects(response.body), target, cache, itemIndex);
}

async function remove(
	this: IExecuteFunctions,
	{ resource, itemIndex }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	const id = idOf.call(this, target, itemIndex);
	await insightlyRequest.call(this, {
		method: 'DELETE',
		path: `/${target.path}/${id}`,
		itemIndex,
		record: { typeName: target.label, id },
	});
	return { [target.type.idField]: id, deleted: true };
}

async function create(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	const body = await buildWriteBody.call(this, target, 'create', itemIndex, cache);
	let path = `/${target.path}`;
	if (target.type.createdThroughParent) {
		// Notes exist only on a record: POST /{Parent}/{id}/Notes.
		const parent = getRecordType(this.getNodeParameter('parentType', itemIndex) as string);
		if (!NOTE_PARENTS.includes(parent))
			throw new InputError(`Notes cannot be created on a ${parent.displayName}`, {
				field: 'Parent Record Type',
				itemIndex,
			});
		const parentId = recordIdParameter.call(
			this,
			'parentId',
			`Parent ${parent.displayName} ID`,
			itemIndex,
		);
		path = `/${parent.path}/${parentId}/Notes`;
	}
	const response = await insightlyRequest.call(this, {
		method: 'POST',
		path,
		body,
		itemIndex,
		record: { typeName: target.label },
	});
	return await shapeWritten.call(
		this,
		asDataObjects(response.body),
		target,
		cache,
		itemIndex,
		'created',
	);
}

/**
 * Output of a write. Simplifying may need the custom field metadata (one more request): if
 * that fails, say the write itself went through so the user does not repeat it.
 */
async function shapeWritten(
	this: IExecuteFunctions,
	records: IDataObject[],
	target: Target,
	cache: ExecutionCache,
	itemIndex: number,
	action: 'created' | 'updated',
): Promise<IDataObject[]> {
	const ids = records.map((record) => record[target.type.idField]).join(', ');
	return await runStep(
		{
			step: `Reading the custom field definitions of ${target.label}s for the output`,
			alreadyDone: `${target.label} ${ids} was ${action} in Insightly: do not repeat the ${action === 'created' ? 'create' : 'update'}. Turn Simplify off to skip this request.`,
		},
		async () => await shapeRecords.call(this, records, target, cache, itemIndex),
	);
}

async function update(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	const id = idOf.call(this, target, itemIndex);
	const fields = await buildWriteBody.call(this, target, 'update', itemIndex, cache);
	if (Object.keys(fields).length === 0) {
		throw new InputError(
			'Nothing to update: add at least one field under Update Fields, Custom Fields or Clear Fields',
			{ field: 'Update Fields', itemIndex },
		);
	}
	const response = await insightlyRequest.call(this, {
		method: 'PUT',
		path: `/${target.path}`,
		body: { ...fields, [target.type.idField]: id },
		itemIndex,
		record: { typeName: target.label, id },
	});
	return await shapeWritten.call(
		this,
		asDataObjects(response.body),
		target,
		cache,
		itemIndex,
		'updated',
	);
}

/**
 * Create or Update: one search by the match field, then an update of the single match or a
 * create. Several matches stop with a list of their IDs rather than guessing.
 */
async function upsert(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	if (!supportsUpsert(target.type)) {
		throw new InputError(
			`${target.label}s have no Create or Update: they are created on a parent record`,
			{ field: 'Operation', itemIndex },
		);
	}
	const matchField = requireNonEmpty(
		String(this.getNodeParameter('matchField', itemIndex, '')),
		'Match On Field',
		itemIndex,
	).trim();
	const matchValue = requireNonEmpty(
		String(this.getNodeParameter('matchValue', itemIndex, '')),
		'Match Value',
		itemIndex,
	);
	// Build (and so validate) the body before the first request: bad input never half-runs.
	const body = await buildWriteBody.call(this, target, 'upsert', itemIndex, cache);
	setMatchValue(body, matchField, matchValue);

	const matchText = `${matchField} = "${matchValue}"`;
	const search = await runStep(
		{
			step: `Create or Update: searching ${target.label}s with ${matchText}`,
			alreadyDone: 'Nothing was changed.',
		},
		async () =>
			await insightlyRequest.call(this, {
				method: 'GET',
				path: `/${target.path}/Search`,
				qs: { field_name: matchField, field_value: matchValue, brief: true, top: 2 },
				itemIndex,
			}),
	);
	const matches = asDataObjects(search.body);
	const idField = target.type.idField;
	if (matches.length > 1) {
		const ids = matches.map((match) => match[idField]).join(', ');
		throw new InputError(
			`Several ${target.label}s have ${matchField} = "${matchValue}" (IDs ${ids}${matches.length === 2 ? ', maybe more' : ''}): nothing was changed`,
			{
				field: 'Match On Field',
				itemIndex,
				description:
					'Create or Update needs a field whose value is unique, such as an email address or an external ID custom field.',
			},
		);
	}
	if (matches.length === 1) {
		const id = matches[0][idField] as number;
		const response = await runStep(
			{
				step: `Create or Update: updating ${target.label} ${id} (the one with ${matchText})`,
				alreadyDone: 'Nothing was changed before this step (the search only reads).',
			},
			async () =>
				await insightlyRequest.call(this, {
					method: 'PUT',
					path: `/${target.path}`,
					body: { ...body, [idField]: id },
					itemIndex,
					record: { typeName: target.label, id },
				}),
		);
		return (
			await shapeWritten.call(
				this,
				asDataObjects(response.body),
				target,
				cache,
				itemIndex,
				'updated',
			)
		).map((record) => ({ ...record, upsertAction: 'updated' }));
	}
	const missing = getRecordFields(target.type.key).filter(
		(spec) => spec.required && (body[spec.name] === undefined || body[spec.name] === ''),
	);
	if (missing.length) {
		throw new InputError(
			`No ${target.label} has ${matchField} = "${matchValue}", and creating one needs ${missing.map((spec) => spec.name).join(', ')}: nothing was changed`,
			{ field: missing[0].name, itemIndex },
		);
	}
	const response = await runStep(
		{
			step: `Create or Update: creating a ${target.label} (none has ${matchText})`,
			alreadyDone: 'Nothing was changed before this step (the search only reads).',
		},
		async () =>
			await insightlyRequest.call(this, {
				method: 'POST',
				path: `/${target.path}`,
				body,
				itemIndex,
				record: { typeName: target.label },
			}),
	);
	return (
		await shapeWritten.call(this, asDataObjects(response.body), target, cache, itemIndex, 'created')
	).map((record) => ({ ...record, upsertAction: 'created' }));
}

/** Writes the match value into the body (standard field, or CUSTOMFIELDS for a custom one). */
function setMatchValue(body: IDataObject, field: string, value: string): void {
	if (!isCustomFieldName(field)) {
		if (body[field] === undefined) body[field] = value;
		return;
	}
	const customFields = (body.CUSTOMFIELDS as IDataObject[] | undefined) ?? [];
	if (!customFields.some((entry) => entry.FIELD_NAME === field))
		customFields.push({ FIELD_NAME: field, FIELD_VALUE: value });
	body.CUSTOMFIELDS = customFields;
}

async function getAll(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	// GET /Users documents no brief parameter (and Users/Search neither, see search).
	if (options.brief === true && target.type.key !== 'user') qs.brief = true;

	let path = `/${target.path}`;
	const tag = typeof filters.tag === 'string' ? filters.tag.trim() : '';
	const fieldName = typeof filters.fieldName === 'string' ? filters.fieldName.trim() : '';
	const updatedAfter = filters.updatedAfter;
	const parentRecord = typeof filters.parentRecord === 'string' ? filters.parentRecord.trim() : '';

	if (tag && (fieldName || updatedAfter || parentRecord)) {
		throw new InputError(
			'The Tag filter cannot be combined with other filters (Insightly searches by tag on its own)',
			{ field: 'Filters', itemIndex },
		);
	}
	if (tag) {
		if (!target.type.features.searchByTag)
			throw new InputError(`Insightly cannot filter ${target.label}s by tag`, {
				field: 'Tag',
				itemIndex,
			});
		path = `/${target.path}/SearchByTag`;
		qs.tagName = tag;
	} else if (parentRecord) {
		path = notesOfRecordPath(target, parentRecord, itemIndex);
		if (updatedAfter)
			qs.updated_after_utc = toInsightlyQueryDate(updatedAfter, 'Updated After', {
				zone: this.getTimezone(),
				itemIndex,
			});
	} else if (fieldName || updatedAfter) {
		path = `/${target.path}/Search`;
		if (fieldName) {
			qs.field_name = fieldName;
			qs.field_value = requireNonEmpty(filters.fieldValue as string, 'Field Value', itemIndex);
		}
		if (updatedAfter)
			qs.updated_after_utc = toInsightlyQueryDate(updatedAfter, 'Updated After', {
				zone: this.getTimezone(),
				itemIndex,
			});
	}
	const { items } = await insightlyRequestAllItems.call(this, path, qs, {
		limit: limitOf.call(this, itemIndex),
		itemIndex,
		record: { typeName: target.label },
	});
	return await shapeRecords.call(this, items, target, cache, itemIndex);
}

function notesOfRecordPath(target: Target, parentRecord: string, itemIndex: number): string {
	if (!target.type.createdThroughParent)
		throw new InputError('The Of Record filter applies to notes only', {
			field: 'Of Record',
			itemIndex,
		});
	const [typeKey, rawId] = parentRecord.split(':');
	const parent = NOTE_PARENTS.find((type) => type.key === typeKey?.trim().toLowerCase());
	if (!parent || rawId === undefined) {
		throw new InputError(`Of Record must look like contact:123 (got "${parentRecord}")`, {
			field: 'Of Record',
			itemIndex,
			description: `Types: ${NOTE_PARENTS.map((type) => type.key).join(', ')}.`,
		});
	}
	return `/${parent.path}/${parseRecordId(rawId, 'Of Record ID', itemIndex)}/Notes`;
}

async function search(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: OperationArgs,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
	const fieldName = requireNonEmpty(
		String(this.getNodeParameter('searchField', itemIndex, '')),
		'Field',
		itemIndex,
	).trim();
	const value = requireNonEmpty(
		String(this.getNodeParameter('searchValue', itemIndex, '')),
		'Value',
		itemIndex,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { field_name: fieldName, field_value: value };
	if (options.brief === true && target.type.key !== 'user') qs.brief = true;
	const { items } = await insightlyRequestAllItems.call(this, `/${target.path}/Search`, qs, {
		limit: limitOf.call(this, itemIndex),
		itemIndex,
	});
	return await shapeRecords.call(this, items, target, cache, itemIndex);
}

export const recordOperations: Record<
	string,
	(this: IExecuteFunctions, args: OperationArgs) => Promise<OperationResult>
> = {
	create,
	upsert,
	delete: remove,
	get,
	getAll,
	getCurrent,
	search,
	update,
};
