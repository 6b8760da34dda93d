/**
 * How the trigger reads a list: through the request layer's one paginator, with every request
 * counted against what the daily budget still allows.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IPollFunctions,
} from 'n8n-workflow';

import { insightlyRequestAllPages } from '../transport/pagination';
import { insightlyRequest, type InsightlyResponse } from '../transport/request';
import { attemptsOf } from './failures';
import type { TriggerSettings } from './settings';
import type { IdListing } from './state';
import { parseHttpDate } from './time';
import type { WindowState } from './window';

/**
 * Every request of one poll, retries and failed calls included, and the most it may make. The
 * ledger needs the count even when the poll fails, so it lives outside the read.
 */
export interface RequestMeter {
	requests: number;
	max: number;
}

/** What one poll read: what to emit and the state that goes with it, or nothing at all. */
export type PollOutcome =
	| { incomplete: true }
	| {
			incomplete?: false;
			events: IDataObject[];
			window?: WindowState;
			ids?: IdListing;
			/** What the next poll is expected to cost, when not what this one did. */
			nextCost?: number;
	  };

/** n8n's error types pass through untouched (a NodeApiError keeps its status and headers). */
export function asNodeError(
	this: IPollFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error);
}

/** What one read of a list gave. */
export interface PagesRead<T> {
	items: T[];
	pages: number;
	/** False when the budget ran out before the last page. */
	complete: boolean;
	/**
	 * Insightly's clock when it answered the first page (its `Date` header), epoch seconds;
	 * undefined when it sent none. Everything stamped a while before it was visible to the read.
	 */
	serverTime?: number;
}

/**
 * Every page of a list, 500 a page, up to a short page, keeping only what `mapPage` returns of
 * each page (the rest of a page is dropped before the next one is read). `complete` is false
 * when the budget ran out first: the caller must then discard what was read, since a window
 * read in part cannot move the cursor.
 */
export async function readMappedPages<T>(
	context: IPollFunctions,
	settings: TriggerSettings,
	path: string,
	qs: IDataObject,
	meter: RequestMeter,
	mapPage: (records: IDataObject[]) => T[],
): Promise<PagesRead<T>> {
	// True from the go-ahead for a request until its response is counted: an error thrown in
	// between came from the request, whose attempts are not counted yet.
	let inFlight = false;
	let serverTime: number | undefined;
	let answered = false;
	try {
		const read = await insightlyRequestAllPages(context, path, qs, {
			record: { typeName: settings.typeName },
			idField: settings.type.idField,
			countTotal: false,
			mapPage,
			beforePage: () => {
				inFlight = meter.requests < meter.max;
				return inFlight;
			},
			afterPage: (response) => {
				inFlight = false;
				meter.requests += response.attempts;
				// The first page's: the read saw everything visible by then, on every page.
				if (!answered) serverTime = parseHttpDate(response.headers.date);
				answered = true;
			},
		});
		return { items: read.items, pages: read.pages, complete: read.complete, serverTime };
	} catch (error) {
		// The failed call's requests (its retries) were spent too. A page the paginator refused
		// (the same page twice) was counted when it arrived.
		if (inFlight) meter.requests += attemptsOf(error);
		throw asNodeError.call(context, error);
	}
}

/** Every page of a list with its records kept whole (the three record events). */
export async function readAllPages(
	this: IPollFunctions,
	settings: TriggerSettings,
	path: string,
	qs: IDataObject,
	meter: RequestMeter,
): Promise<PagesRead<IDataObject>> {
	return await readMappedPages(this, settings, path, qs, meter, (records) => records);
}

/** One page read on its own (Deleted Record's probes), with what its response said. */
export interface SinglePage {
	records: IDataObject[];
	/** X-Total-Count of this response, when Insightly sent one. */
	total?: number;
}

/**
 * One page at `skip`, with `count_total`, counted on the meter; undefined, without a request,
 * when the meter allows no more. A failed call's attempts are counted before the error goes on.
 */
export async function readSinglePage(
	context: IPollFunctions,
	settings: TriggerSettings,
	path: string,
	qs: IDataObject,
	meter: RequestMeter,
): Promise<SinglePage | undefined> {
	if (meter.requests >= meter.max) return undefined;
	let response: InsightlyResponse<IDataObject[]>;
	try {
		response = (await insightlyRequest.call(context, {
			method: 'GET',
			path,
			qs: { ...qs, count_total: true },
			record: { typeName: settings.typeName },
		})) as InsightlyResponse<IDataObject[]>;
	} catch (error) {
		meter.requests += attemptsOf(error);
		throw asNodeError.call(context, error);
	}
	meter.requests += response.attempts;
	const announced = Number(response.headers['x-total-count']);
	return {
		records: Array.isArray(response.body) ? response.body : [],
		total: Number.isSafeInteger(announced) && announced >= 0 ? announced : undefined,
	};
}
