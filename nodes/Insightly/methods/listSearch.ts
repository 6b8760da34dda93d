import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getRecordType, isAttachedResource, recordLabel, type RecordType } from '../objects';
import { insightlyRequest } from '../transport';
import { parseCustomObjectName } from '../utils/validation';

const PAGE = 100;

/**
 * One page of records of a type for a resource locator. Insightly has no "contains" search, so
 * the list is read a page at a time (brief) and filtered here by the typed text; the page offset
 * is the token.
 */
async function searchPage(
	this: ILoadOptionsFunctions,
	type: RecordType,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const chosen = type.custom ? this.getCurrentNodeParameter('customObjectName') : type.path;
	if (!chosen) return { results: [] };
	// A custom object name becomes a path segment: checked like everywhere else.
	const path = type.custom ? parseCustomObjectName(chosen, 'Custom Object') : type.path;

	const skip = Number(paginationToken ?? 0) || 0;
	const response = await insightlyRequest.call(this, {
		method: 'GET',
		path: `/${path}`,
		qs: { ...(type.brief ? { brief: true } : {}), top: PAGE, skip },
	});
	const rows = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = rows
		.map((row) => ({ name: recordLabel(type, row), value: String(row[type.idField]) }))
		.filter((row) => !needle || row.name.toLowerCase().includes(needle) || row.value === needle);
	return { results, paginationToken: rows.length === PAGE ? String(skip + PAGE) : undefined };
}

export const listSearch = {
	/** Records of the resource (or, for tags, links, files and follows, of the Record Type). */
	async searchRecords(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const resource = this.getCurrentNodeParameter('resource') as string;
		const typeKey = isAttachedResource(resource)
			? (this.getCurrentNodeParameter('recordType') as string)
			: resource;
		return await searchPage.call(this, getRecordType(typeKey), filter, paginationToken);
	},
	/** Records of the Parent Record Type (where a note is created). */
	async searchParentRecords(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const parentType = getRecordType(this.getCurrentNodeParameter('parentType') as string);
		return await searchPage.call(this, parentType, filter, paginationToken);
	},
};
