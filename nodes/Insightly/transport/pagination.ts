import type { IDataObject } from 'n8n-workflow';

import { insightlyRequest, type InsightlyFunctions, type InsightlyResponse } from './request';

/** Insightly's largest page. */
export const MAX_PAGE_SIZE = 500;

/**
 * Reads a list with `top`/`skip`, 500 a page, stopping at a short page or once `limit` records
 * are in hand (the last page asks only for what is still missing).
 */
export async function insightlyRequestAllItems(
	this: InsightlyFunctions,
	path: string,
	qs: IDataObject = {},
	options: { limit?: number; itemIndex?: number; pageSize?: number; record?: { typeName: string } } = {},
): Promise<{ items: IDataObject[]; requests: number; lastHeaders: Record<string, string> }> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const limit = options.limit ?? Infinity;
	const items: IDataObject[] = [];
	let requests = 0;
	let lastHeaders: Record<string, string> = {};
	while (items.length < limit) {
		const top = Math.min(pageSize, limit - items.length);
		const response = (await insightlyRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, top, skip: items.length },
			itemIndex: options.itemIndex,
			record: options.record,
		})) as InsightlyResponse<IDataObject[]>;
		requests += response.attempts;
		lastHeaders = response.headers;
		const page = Array.isArray(response.body) ? response.body : [];
		// Never hand back more than was asked for, even if a server ignores `top`.
		items.push(...page.slice(0, top));
		if (page.length < top) break;
	}
	return { items, requests, lastHeaders };
}
