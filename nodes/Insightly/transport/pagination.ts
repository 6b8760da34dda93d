import type { IDataObject } from 'n8n-workflow';

import { insightlyRequest, type InsightlyFunctions, type InsightlyResponse } from './request';

/** Insightly's largest page. */
export const MAX_PAGE_SIZE = 500;

/**
 * Reads a list with `top`/`skip`, 500 a page, stopping at a short page or once `limit` records
 * are in hand (the last page asks only for what is still missing). When more than one page may
 * be needed, the first request also asks for `count_total`: with Insightly's X-Total-Count the
 * read stops after the last full page instead of paying one more request for an empty one
 * (10,000 records: 20 requests, not 21). Records added while the pages are read are left to the
 * next read, as a snapshot would.
 */
export async function insightlyRequestAllItems(
	this: InsightlyFunctions,
	path: string,
	qs: IDataObject = {},
	options: {
		limit?: number;
		itemIndex?: number;
		pageSize?: number;
		record?: { typeName: string };
	} = {},
): Promise<{ items: IDataObject[]; requests: number; lastHeaders: Record<string, string> }> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const limit = options.limit ?? Infinity;
	const items: IDataObject[] = [];
	let requests = 0;
	let lastHeaders: Record<string, string> = {};
	let target = limit;
	while (items.length < target) {
		const top = Math.min(pageSize, target - items.length);
		const askTotal = requests === 0 && limit > pageSize;
		const response = (await insightlyRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, top, skip: items.length, ...(askTotal ? { count_total: true } : {}) },
			itemIndex: options.itemIndex,
			record: options.record,
		})) as InsightlyResponse<IDataObject[]>;
		requests += response.attempts;
		lastHeaders = response.headers;
		const page = Array.isArray(response.body) ? response.body : [];
		// Never hand back more than was asked for, even if a server ignores `top`.
		items.push(...page.slice(0, top));
		if (page.length < top) break;
		const total = askTotal ? Number(response.headers['x-total-count']) : NaN;
		if (Number.isSafeInteger(total) && total >= 0) target = Math.min(limit, total);
	}
	return { items, requests, lastHeaders };
}
