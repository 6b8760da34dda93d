import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ATTACHED_RESOURCES } from '../descriptions/resources';
import { CUSTOM_OBJECT_RECORD, getRecordType, recordLabel } from '../objects';
import { insightlyRequest } from '../transport';

const PAGE = 100;

/**
 * Records for the resource locators. Insightly has no "contains" search, so the list is read a
 * page at a time (brief) and filtered here by the typed text; the page offset is the token.
 */
export const listSearch = {
	async searchRecords(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const resource = this.getCurrentNodeParameter('resource') as string;
		const isAttached = (ATTACHED_RESOURCES as readonly string[]).includes(resource);
		const parentOfNote =
			resource === 'note' && this.getCurrentNodeParameter('operation') === 'create';
		const typeKey = isAttached
			? (this.getCurrentNodeParameter('recordType') as string)
			: parentOfNote
				? (this.getCurrentNodeParameter('parentType') as string)
				: resource;
		const type = getRecordType(typeKey);
		const path =
			type.key === CUSTOM_OBJECT_RECORD
				? String(this.getCurrentNodeParameter('customObjectName') ?? '')
				: type.path;
		if (!path) return { results: [] };

		const skip = Number(paginationToken ?? 0) || 0;
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `/${path}`,
			qs: { brief: true, top: PAGE, skip },
		});
		const rows = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
		const needle = (filter ?? '').trim().toLowerCase();
		const results = rows
			.map((row) => ({ name: recordLabel(type, row), value: String(row[type.idField]) }))
			.filter((row) => !needle || row.name.toLowerCase().includes(needle) || row.value === needle);
		return { results, paginationToken: rows.length === PAGE ? String(skip + PAGE) : undefined };
	},
};
