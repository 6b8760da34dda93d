import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
	/**
	 * The field holding a record's id, when the caller knows it. A page that starts with the same
	 * record as the page before means the server ignored `skip`; "the same" is the same id with
	 * this field, else the same content.
	 */
	idField?: string;
}

/** A read that keeps only what `mapPage` returns of each page. */
export interface MappedPageReadOptions<T> extends PageReadOptions {
	/**
	 * What to keep of each page. Called once per page with the page's records, before the next
	 * page is asked for; only what it returns is kept, so a caller that needs little of each
	 * record (the trigger's id listing) holds that little, not every record of every page.
	 */
	mapPage: (records: IDataObject[]) => T[];
}

export interface PageRead<T = IDataObject> {
	/** The records read (or what `mapPage` kept of them). */
	items: T[];
	/** Requests sent, retries included (failed calls throw instead). */
	requests: number;
	/** Pages received: a read of more than one page was not atomic. */
	pages: number;
	/** False when `beforePage` stopped the read before its end. */
	complete: boolean;
	lastHeaders: Record<string, string>;
}

/**
 * What identifies the first record of a page: its id when the caller named the id field, else
 * its whole content. Only this string is kept from one page to the next.
 */
function recordMark(record: unknown, idField: string | undefined): string {
	const id =
		idField !== undefined && record && typeof record === 'object'
			? (record as IDataObject)[idField]
			: undefined;
	if (id !== undefined && id !== null) return `id:${String(id)}`;
	return `content:${JSON.stringify(record) ?? ''}`;
}

/**
 * Every record of a list, read by `insightlyRequestAllPages` (which see) and kept whole: what
 * the node's Get Many / Return All, Search and its editor methods use.
 */
export async function insightlyRequestAllItems(
	this: InsightlyFunctions,
	path: string,
	qs: IDataObject = {},
	options: PageReadOptions = {},
): Promise<PageRead> {
	return await insightlyRequestAllPages(this, path, qs, {
		...options,
		mapPage: (records) => records,
	});
}

/** Where a read stands between two pages: all that is carried from one page to the next. */
interface ReadProgress {
	/** Records read so far (what `skip` asks past), whatever `mapPage` kept of them. */
	read: number;
	/** X-Total-Count of the first page, when it was asked for and given. */
	total?: number;
	/** recordMark() of the previous page's first record. */
	previousMark?: string;
}

/** What a page left once it was checked and mapped: its records themselves are not in it. */
interface PageDigest<T> {
	kept: T[];
	/** Records taken from the page (at most `top`). */
	count: number;
	/** The server sent fewer than `top`: the list ends here. */
	short: boolean;
	attempts: number;
	headers: Record<string, string>;
}

function pageError(
	context: InsightlyFunctions,
	options: PageReadOptions,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex: options.itemIndex,
		description:
			`${description} This is not how Insightly pages a list; check that the credential's API URL ` +
			'points at Insightly, then run the node again.',
	});
}

/**
 * One page: asked for, told to `afterPage`, checked against the previous one and the announced
 * total, and reduced by `mapPage`. The response lives only in this call, so its records are
 * garbage once it returns, before the next page is asked for.
 */
async function readPage<T>(
	context: InsightlyFunctions,
	path: string,
	qs: IDataObject,
	options: MappedPageReadOptions<T>,
	progress: ReadProgress,
	top: number,
	askTotal: boolean,
): Promise<PageDigest<T>> {
	const response = (await insightlyRequest.call(context, {
		method: 'GET',
		path,
		qs: { ...qs, top, skip: progress.read, ...(askTotal ? { count_total: true } : {}) },
		itemIndex: options.itemIndex,
		record: options.record,
	})) as InsightlyResponse<IDataObject[]>;
	options.afterPage?.(response);
	const page = Array.isArray(response.body) ? response.body : [];
	if (askTotal) {
		const announced = Number(response.headers['x-total-count']);
		if (Number.isSafeInteger(announced) && announced >= 0) progress.total = announced;
	}
	if (progress.total !== undefined && progress.read + page.length > progress.total) {
		throw pageError(
			context,
			options,
			`Insightly returned more records than X-Total-Count announced for GET ${path}`,
			`The first page announced ${progress.total} records, but the pages held at least ${progress.read + page.length}. ` +
				'The read was stopped so that no record is returned twice or made up.',
		);
	}
	const mark = page.length ? recordMark(page[0], options.idField) : undefined;
	if (mark !== undefined && mark === progress.previousMark) {
		throw pageError(
			context,
			options,
			`Insightly returned the same page twice for GET ${path}`,
			`The page at skip=${progress.read} starts with the same record as the page before it: the server ignored skip. ` +
				'The read was stopped instead of looping over the same records.',
		);
	}
	progress.previousMark = mark;
	// Never hand back more than was asked for, even if a server ignores `top`.
	const records = page.length > top ? page.slice(0, top) : page;
	return {
		kept: options.mapPage(records),
		count: records.length,
		short: page.length < top,
		attempts: response.attempts,
		headers: response.headers,
	};
}

/**
 * The one reader of `top`/`skip` pages, for the node, its editor methods and the trigger, with
 * the caller's context passed in (`mapPage` makes it generic, which `.call` does not infer).
 *
 * Reads a list 500 a page, stopping at a short page or once `limit` records are in hand (the
 * last page asks only for what is still missing). When more than one page may be needed, the
 * first request also asks for `count_total`: with Insightly's X-Total-Count the read stops
 * after the last full page instead of paying one more request for an empty one (10,000
 * records: 20 requests, not 21). Records added while the pages are read are left to the next
 * read, as a snapshot would.
 *
 * A server that does not page the way Insightly does ends the read with an error rather than
 * an endless loop or duplicated records: a page that starts with the same record as the page
 * before (`skip` ignored), or more records than the X-Total-Count of the first page announced.
 */
export async function insightlyRequestAllPages<T>(
	context: InsightlyFunctions,
	path: string,
	qs: IDataObject,
	options: MappedPageReadOptions<T>,
): Promise<PageRead<T>> {
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const limit = options.limit ?? Infinity;
	const countTotal = options.countTotal ?? true;
	const items: T[] = [];
	const progress: ReadProgress = { read: 0 };
	let requests = 0;
	let pages = 0;
	let lastHeaders: Record<string, string> = {};
	let target = limit;
	while (progress.read < target) {
		if (options.beforePage && !options.beforePage())
			return { items, requests, pages, complete: false, lastHeaders };
		const top = Math.min(pageSize, target - progress.read);
		const askTotal = countTotal && pages === 0 && limit > pageSize;
		// Only the digest of a page reaches this frame: a suspended async function may keep what
		// its frame held, which must not be the previous page's records.
		const digest = await readPage(context, path, qs, options, progress, top, askTotal);
		requests += digest.attempts;
		pages++;
		lastHeaders = digest.headers;
		progress.read += digest.count;
		for (const kept of digest.kept) items.push(kept);
		if (digest.short) break;
		if (progress.total !== undefined) target = Math.min(limit, progress.total);
	}
	return { items, requests, pages, complete: true, lastHeaders };
}
