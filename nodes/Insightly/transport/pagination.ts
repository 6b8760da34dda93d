import type { IDataObject } from 'n8n-workflow';

import { insightlyRequest, type InsightlyFunctions, type InsightlyResponse } from './request';

/** Insightly's largest page. */
export const MAX_PAGE_SIZE = 500;

export interface PageReadOptions {
	/** Most records wanted (default: all there are). */
	limit?: number;
	itemIndex?: number;
	pageSize?: number;
	record?: { typeName: string };
	/**
	 * Ask for `count_total` on the first of several pages and stop at the total (default true).
	 * Off, the read ends only at a short page: the trigger reads a window that can gain records
	 * while its pages are read, so a total counted at the first page is not where it may stop.
	 */
	countTotal?: boolean;
	/**
	 * Asked before each page; false ends the read there, with `complete: false`. Lets a caller
	 * with a request allowance (the trigger's daily budget) stop before the request that would
	 * exceed it, rather than after.
	 */
	beforePage?: () => boolean;
	/**
	 * Told of each page's response (its `attempts` include retries), before the next page is
	 * asked for. A caller that meters requests must count them as they happen: if a later page
	 * fails, this read returns nothing.
	 */
	afterPage?: (response: InsightlyResponse<IDataObject[]>) => void;
}

export interface PageRead {
	items: IDataObject[];
	/** Requests sent, retries included (failed calls throw instead). */
	requests: number;
	/** Pages received: a read of more than one page was not atomic. */
	pages: number;
	/** False when `beforePage` stopped the read before its end. */
	complete: boolean;
	lastHeaders: Record<string, string>;
}

/**
 * The one reader of `top`/`skip` pages, for the node, its editor methods and the trigger.
 *
 * Reads a list 500 a page, stopping at a short page or once `limit` records are in hand (the
 * last page asks only for what is still missing). When more than one page may be needed, the
 * first request also asks for `count_total`: with Insightly's X-Total-Count the read stops
 * after the last full page instead of paying one more request for an empty one (10,000
 * records: 20 requests, not 21). Records added while the pages are read are left to the next
 * read, as a snapshot would.
 */
export async function insightlyRequestAllItems(
	this: InsightlyFunctions,
	path: string,
	qs: IDataObject = {},
	options: PageReadOptions = {},
): Promise<PageRead> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const limit = options.limit ?? Infinity;
	const countTotal = options.countTotal ?? true;
	const items: IDataObject[] = [];
	let requests = 0;
	let pages = 0;
	let lastHeaders: Record<string, string> = {};
	let target = limit;
	while (items.length < target) {
		if (options.beforePage && !options.beforePage())
			return { items, requests, pages, complete: false, lastHeaders };
		const top = Math.min(pageSize, target - items.length);
		const askTotal = countTotal && pages === 0 && limit > pageSize;
		const response = (await insightlyRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, top, skip: items.length, ...(askTotal ? { count_total: true } : {}) },
			itemIndex: options.itemIndex,
			record: options.record,
		})) as InsightlyResponse<IDataObject[]>;
		requests += response.attempts;
		pages++;
		lastHeaders = response.headers;
		options.afterPage?.(response);
		const page = Array.isArray(response.body) ? response.body : [];
		// Never hand back more than was asked for, even if a server ignores `top`.
		items.push(...page.slice(0, top));
		if (page.length < top) break;
		const total = askTotal ? Number(response.headers['x-total-count']) : NaN;
		if (Number.isSafeInteger(total) && total >= 0) target = Math.min(limit, total);
	}
	return { items, requests, pages, complete: true, lastHeaders };
}
