import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import {
	getRecordType,
	isAttachedResource,
	NOTE_PARENTS,
	recordLabel,
	type RecordType,
} from '../objects';
import { getRecordFields } from '../schema';
import { insightlyRequest, resolveApiBaseUrl } from '../transport';
import { parseCustomObjectName } from '../utils/validation';

/** Records read per page while looking for matches (Insightly's largest page). */
const PAGE = 500;
/** Pages read per call before n8n is handed a token to ask for more (about 1 s at 10/s). */
const PAGES_PER_CALL = 4;
/** Matches that make a call's answer long enough to stop reading. */
const ENOUGH = 50;

/** Fields Insightly can search exactly (one request each) for a typed term: names and emails. */
function exactFields(type: RecordType): string[] {
	const emails = getRecordFields(type.key)
		.map((spec) => spec.name)
		.filter((name) => /^EMAIL(_ADDRESS)?$/.test(name));
	return [...type.nameFields, ...emails];
}

/** What tells two records of the same name apart: an email, an organisation, a title. */
function detailOf(record: IDataObject): string | undefined {
	const detail = record.EMAIL_ADDRESS ?? record.EMAIL ?? record.ORGANISATION_NAME ?? record.TITLE;
	return detail === undefined || detail === null || detail === '' ? undefined : String(detail);
}

/** The record in Insightly's web app: https://crm.<pod>.insightly.com/details/<Type>/<id>. */
export function webUrlOf(apiBase: string, type: RecordType, id: string): string | undefined {
	const pod = /^https:\/\/api\.([a-z0-9-]+)\.insightly\.com\//.exec(`${apiBase}/`)?.[1];
	return pod && type.webName
		? `https://crm.${pod}.insightly.com/details/${type.webName}/${id}`
		: undefined;
}

function toItem(apiBase: string, type: RecordType, record: IDataObject): INodeListSearchItems {
	const value = String(record[type.idField]);
	const detail = detailOf(record);
	const url = webUrlOf(apiBase, type, value);
	return {
		name: detail ? `${recordLabel(type, record)} (${detail})` : recordLabel(type, record),
		value,
		...(url ? { url } : {}),
	};
}

async function get(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const response = await insightlyRequest.call(this, { method: 'GET', path, qs });
	return Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
}

/**
 * Records of a type for a resource locator, found on the server: Insightly has no "contains"
 * search, so the first call runs its exact searches on the name and email fields,
 * then reads pages of 500 (brief) and keeps the records whose label contains the term, a few
 * pages per call; the token says where the next call goes on, so scrolling loads more.
 */
async function searchRecordsOf(
	this: ILoadOptionsFunctions,
	type: RecordType,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const chosen = type.custom ? this.getCurrentNodeParameter('customObjectName') : type.path;
	if (!chosen) return { results: [] };
	// A custom object name becomes a path segment: checked like everywhere else.
	const path = type.custom ? parseCustomObjectName(chosen, 'Custom Object') : type.path;
	const credentials = await this.getCredentials('insightlyApi');
	const apiBase = resolveApiBaseUrl(credentials.apiUrl, credentials.allowLocalhost);
	const term = (filter ?? '').trim();
	const needle = term.toLowerCase();
	const brief = type.brief ? { brief: true } : {};
	const found = new Map<string, IDataObject>();

	if (term && !paginationToken) {
		for (const field of exactFields(type)) {
			const records = await get.call(this, `/${path}/Search`, {
				field_name: field,
				field_value: term,
				top: ENOUGH,
				...brief,
			});
			for (const record of records) found.set(String(record[type.idField]), record);
		}
	}

	let skip = Number(paginationToken ?? 0) || 0;
	let more = true;
	for (let page = 0; page < PAGES_PER_CALL && more && found.size < ENOUGH; page++) {
		const records = await get.call(this, `/${path}`, { ...brief, top: PAGE, skip });
		skip += records.length;
		more = records.length === PAGE;
		for (const record of records) {
			const id = String(record[type.idField]);
			if (!needle || id === needle || recordLabel(type, record).toLowerCase().includes(needle))
				found.set(String(record[type.idField]), record);
		}
		// Without a term one page is a full screen: the rest comes with scrolling.
		if (!needle) break;
	}
	const results = [...found.values()]
		.map((record) => toItem(apiBase, type, record))
		.sort((a, b) => a.name.localeCompare(b.name) || Number(a.value) - Number(b.value));
	return { results, paginationToken: more ? String(skip) : undefined };
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
		return await searchRecordsOf.call(this, getRecordType(typeKey), filter, paginationToken);
	},
	/** Records of the Parent Record Type (where a note is created). */
	async searchParentRecords(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const parentType = getRecordType(this.getCurrentNodeParameter('parentType') as string);
		return await searchRecordsOf.call(this, parentType, filter, paginationToken);
	},
	/** Records of the Record Type next to it in the Of Record filter (notes of a record). */
	async searchOfRecords(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		// `&recordType`: the sibling in the same Of Record entry.
		const typeKey = this.getCurrentNodeParameter('&recordType');
		// Before a type is chosen the entry shows its default, the first note parent.
		const type = getRecordType(
			typeof typeKey === 'string' && typeKey ? typeKey : NOTE_PARENTS[0].key,
		);
		return await searchRecordsOf.call(this, type, filter, paginationToken);
	},
};
