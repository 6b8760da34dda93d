/**
 * Deleted Record. Insightly has no deletion feed; what this reads instead:
 * - on activation, every id, from the list's end back to its start, spread over several polls
 *   when the Daily Request Budget is small (`seed`);
 * - at each poll, one page near the end of the list with its X-Total-Count: when it shows the
 *   same ids as before and the same total, nothing was created or deleted (one request). Else the
 *   new records are read from the end back to the last known one, and the known ids that are
 *   gone are found by bisection over page offsets (idScan.ts): about log2(pages) requests per
 *   deletion, never more than the pages there are;
 * - now and then, a safety re-check: the whole list again, a few pages per poll, compared page by
 *   page (`recheck`), which also takes in any live id the counts could not account for.
 *
 * A record created and deleted between two polls never appears in any list: it is not reported.
 */
import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import type { RecordType } from '../objects';
import { MAX_PAGE_SIZE } from '../transport/pagination';
import { BudgetShortfall } from './failures';
import { DeletionScan, type PageView } from './idScan';
import { decodeIdSet, encodeIdSet, mergeIds } from './idSet';
import { readSinglePage, type PollOutcome, type RequestMeter } from './pages';
import type { TriggerSettings } from './settings';
import type { IdListing, TriggerState } from './state';

const PAGE = MAX_PAGE_SIZE;
/**
 * The first page of a poll starts this many positions before the number of known ids: it then
 * ends the list when up to 400 records were created, and holds the last known id when up to 100
 * were deleted.
 */
export const LOOKBACK = 100;
/** The first listing may take at most this many days of the Daily Request Budget. */
export const SEED_DAYS = 3;
/** Pages of a safety re-check read per poll, after the poll's own work. */
export const RECHECK_PAGES_PER_POLL = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Query of an id listing: brief where the type takes it (fewer bytes for the same ids), nothing
 * where the spec documents no brief parameter (GET /Users).
 */
export function idListQuery(type: RecordType): IDataObject {
	return type.brief ? { brief: true } : {};
}

/**
 * The ids of one page of a listing, in the order listed; rows without a usable id are not
 * records to track. Only these numbers are kept of a page.
 */
export function pageIds(records: IDataObject[], idField: string): number[] {
	const ids: number[] = [];
	for (const record of records) {
		const id = Number(record[idField]);
		if (Number.isSafeInteger(id) && id >= 0) ids.push(id);
	}
	return ids;
}

/** Requests that find one deletion among `known` ids: the first page, the bisection, the page. */
export function requestsToFindOne(known: number): number {
	if (known <= LOOKBACK) return 1;
	return 2 + Math.ceil(Math.log2(Math.ceil(known / PAGE)));
}

/** Requests of a first listing of `total` records. */
export function seedRequests(total: number): number {
	return Math.max(1, Math.ceil(total / PAGE));
}

interface IdPage extends PageView {
	/** X-Total-Count of the response. */
	total?: number;
}

/** Reads pages of ids at any offset, each one request on the poll's meter. */
class IdLister {
	/** Greatest X-Total-Count seen (where the list ends). */
	total?: number;
	/** A page was wanted that the budget did not allow. */
	starved = false;
	/** The first id of each page read, and where: a server that ignores `skip` repeats it. */
	private readonly firstIds = new Map<number, number>();

	constructor(
		private readonly context: IPollFunctions,
		private readonly settings: TriggerSettings,
		private readonly meter: RequestMeter,
	) {}

	/** Requests this poll has made so far. */
	get requests(): number {
		return this.meter.requests;
	}

	/** The page at `skip`, or undefined when the budget allows no more requests. */
	async read(skip: number): Promise<IdPage | undefined> {
		const page = await readSinglePage(
			this.context,
			this.settings,
			`/${this.settings.path}`,
			{ ...idListQuery(this.settings.type), top: PAGE, skip },
			this.meter,
		);
		if (!page) {
			this.starved = true;
			return undefined;
		}
		const ids = pageIds(page.records, this.settings.type.idField);
		this.guardRepeat(skip, ids);
		const end =
			page.records.length < PAGE || (page.total !== undefined && skip + ids.length >= page.total);
		this.total = page.total ?? this.total;
		return { skip, ids, end, total: page.total };
	}

	/**
	 * Pages a page or more apart cannot start with the same record (unless a page's worth of
	 * records was deleted while the poll read): the server ignored `skip`. Stopping beats a
	 * first listing that holds one page's ids for the whole list.
	 */
	private guardRepeat(skip: number, ids: number[]): void {
		if (!ids.length) return;
		const earlier = this.firstIds.get(ids[0]);
		if (earlier !== undefined && Math.abs(earlier - skip) >= PAGE)
			throw new NodeOperationError(
				this.context.getNode(),
				`Insightly returned the same page twice for GET /${this.settings.path}`,
				{
					description: `The pages at skip=${earlier} and skip=${skip} start with the same record: the server ignored skip. The read was stopped; check that the credential's API URL points at Insightly.`,
				},
			);
		this.firstIds.set(ids[0], skip);
	}

	/** The list's length, which reading from the end needs. */
	requireTotal(): number {
		if (this.total !== undefined) return this.total;
		throw new NodeOperationError(
			this.context.getNode(),
			`Insightly sent no X-Total-Count for GET /${this.settings.path}?count_total=true`,
			{
				description:
					"Deleted Record reads the list from its end, which needs the list's length. Check that the credential's API URL points at Insightly.",
			},
		);
	}
}

function shortfall(condition: string, message: string): never {
	throw new BudgetShortfall(
		condition,
		message,
		'Raise the Daily Request Budget (or set it to 0 for the automatic budget, if that is larger). The trigger polls again at its next Poll Time and carries on by itself once the budget is enough.',
	);
}

function nextRecheck(settings: TriggerSettings, now: number): number | undefined {
	return settings.recheckDays > 0 ? now + settings.recheckDays * DAY_MS : undefined;
}

/**
 * The first listing: from the list's end back to its start, as many pages as the poll may read.
 * Read backwards, a record deleted meanwhile only makes the next page overlap the one before,
 * and one created meanwhile lands after the pages read; no live record falls between two pages.
 */
async function seed(
	lister: IdLister,
	settings: TriggerSettings,
	previous: IdListing | undefined,
	now: number,
	budget: number,
): Promise<PollOutcome> {
	const known: number[] = previous ? decodeIdSet(previous.known) : [];
	let high = previous?.high ?? -1;
	let next = previous?.sweep?.next;
	if (next === undefined) {
		const first = await lister.read(0);
		if (!first) return { incomplete: true };
		if (first.end) {
			const ids = encodeIdSet(first.ids);
			const top = first.ids.length ? Math.max(...first.ids) : -1;
			return { events: [], ids: withRecheck({ known: ids, high: top }, settings, now) };
		}
		const total = lister.requireTotal();
		if (seedRequests(total) > SEED_DAYS * budget) {
			// Enough for the listing, and for the polls after it.
			const enough = Math.max(Math.ceil(seedRequests(total) / SEED_DAYS), requestsToFindOne(total));
			shortfall(
				`seed:${budget}`,
				`The first listing of ${total} ${settings.typeName} records needs about ${seedRequests(total)} requests, more than ${SEED_DAYS} days of the Daily Request Budget of ${budget}: set the budget to at least ${enough}`,
			);
		}
		next = total;
	}
	while (true) {
		const skip = Math.max(0, next - PAGE);
		const page = await lister.read(skip);
		if (!page) break;
		if (high < 0) {
			// The list shrank below where the pages were to start: start at its end now (or, if
			// it did not shrink, at the next poll rather than asking for the same page again).
			if (!page.ids.length && skip > 0) {
				const total = lister.requireTotal();
				if (total >= next) break;
				next = total;
				continue;
			}
			high = page.ids.length ? Math.max(...page.ids) : -1;
		}
		for (const id of page.ids) if (id <= high) known.push(id);
		if (skip === 0) {
			const ids: IdListing = { known: encodeIdSet(known), high };
			return { events: [], ids: withRecheck(ids, settings, now) };
		}
		next = skip;
	}
	return {
		events: [],
		ids: { known: encodeIdSet(known), high, sweep: { kind: 'seed', next } },
	};
}

function withRecheck(ids: IdListing, settings: TriggerSettings, now: number): IdListing {
	const at = nextRecheck(settings, now);
	return at === undefined ? ids : { ...ids, recheckAt: at };
}

/**
 * The new records, read from the list's end back to the page that holds a known id (or the
 * list's start). Backwards for the same reason as the first listing: no new record can fall
 * between two pages. Returns the greatest new id when every page was read.
 */
async function readNewRecords(
	lister: IdLister,
	scan: DeletionScan,
	first: IdPage,
): Promise<{ done: boolean; high: number }> {
	const holdsOlder = (page: IdPage) => page.skip === 0 || page.ids.some((id) => id <= scan.high);
	let done = first.end && holdsOlder(first);
	let skip = Math.max(0, lister.requireTotal() - PAGE);
	while (!done) {
		const page = await lister.read(skip);
		if (!page) break;
		scan.observe(page);
		done = holdsOlder(page);
		skip = Math.max(0, skip - PAGE);
	}
	let high = scan.high;
	for (const id of scan.fresh) if (id > high) high = id;
	return { done, high };
}

/** Pages of a safety re-check, after the poll's own work; returns the sweep as it now stands. */
async function recheck(
	lister: IdLister,
	scan: DeletionScan,
	ids: IdListing,
	settings: TriggerSettings,
	now: number,
): Promise<Pick<IdListing, 'sweep' | 'recheckAt'>> {
	let sweep = ids.sweep;
	// recheckAt 0 is a re-check a saved state of an earlier version asked for: due whatever the
	// option says; a periodic one only while the option is on.
	const due =
		ids.recheckAt !== undefined &&
		now >= ids.recheckAt &&
		(ids.recheckAt === 0 || settings.recheckDays > 0);
	// Counts that do not add up call for a re-check now.
	const doubtful = scan.adopted.size > 0 || scan.conflicting;
	if (!sweep && (due || doubtful)) sweep = { kind: 'recheck' };
	if (!sweep) return { recheckAt: ids.recheckAt };
	let next = sweep.next ?? lister.requireTotal();
	for (let pages = 0; pages < RECHECK_PAGES_PER_POLL; pages++) {
		const skip = Math.max(0, next - PAGE);
		const page = await lister.read(skip);
		if (!page) break;
		scan.observe(page);
		if (skip === 0) return { recheckAt: nextRecheck(settings, now) };
		next = skip;
	}
	return { sweep: { kind: 'recheck', next }, recheckAt: ids.recheckAt };
}

/** One poll once the first listing is done: what changed since the previous poll. */
async function reconcile(
	context: IPollFunctions,
	lister: IdLister,
	settings: TriggerSettings,
	ids: IdListing,
	now: number,
	budget: number,
): Promise<PollOutcome> {
	const known = decodeIdSet(ids.known);
	const need = requestsToFindOne(known.length);
	if (need > budget)
		shortfall(
			`find:${budget}:${need}`,
			`Finding a deleted record among ${known.length} ${settings.typeName} records needs up to ${need} requests in one poll, more than the Daily Request Budget of ${budget}: set the budget to at least ${need}`,
		);
	const scan = new DeletionScan(known, ids.high);
	const start = Math.max(0, known.length - LOOKBACK);
	const first = await lister.read(start);
	if (!first) return { incomplete: true };
	scan.observe(first);
	let high = ids.high;
	let freshDone = true;
	const unchanged =
		first.end &&
		first.ids.length === known.length - start &&
		first.ids.every((id, i) => id === known[start + i]);
	if (!unchanged) {
		const added = await readNewRecords(lister, scan, first);
		freshDone = added.done;
		if (added.done) high = added.high;
		// Bisection: never more pages than the list has, whatever the pages say meanwhile.
		const cap = Math.ceil((lister.total ?? known.length) / PAGE) + 2;
		for (let probes = 0; probes < cap; probes++) {
			const skip = scan.nextSkip(PAGE);
			if (skip === undefined) break;
			const page = await lister.read(skip);
			if (!page) break;
			scan.observe(page);
		}
	}
	// Work left for want of budget: the next poll waits until it can afford it, rather than
	// spending the little there is on the same first page again.
	const unfinished = lister.starved && (!freshDone || scan.nextSkip(PAGE) !== undefined);
	const estimate = requestsToFindOne(known.length) * Math.max(1, scan.missing());
	const sweep = unfinished
		? { sweep: ids.sweep, recheckAt: ids.recheckAt }
		: await recheck(lister, scan, ids, settings, now);
	if (scan.disordered)
		throw new NodeOperationError(
			context.getNode(),
			`Insightly listed ${settings.typeName} records out of ascending id order`,
			{
				description:
					'Deleted Record relies on lists in ascending id order, as Insightly documents them; nothing was reported. Please report this with the record type.',
			},
		);
	const deleted = scan.deleted();
	const newIds = [
		...scan.adopted,
		...(freshDone ? [...scan.fresh].filter((id) => id <= high) : []),
	];
	const changed = deleted.length > 0 || newIds.length > 0;
	const next: IdListing = {
		// An unchanged set keeps its string: no need to encode 100,000 ids again.
		known: changed ? encodeIdSet(mergeIds(known, newIds, new Set(deleted))) : ids.known,
		high,
		...sweep,
	};
	if (!next.sweep) delete next.sweep;
	if (next.recheckAt === undefined) delete next.recheckAt;
	const idField = settings.type.idField;
	const events = deleted.map((id) => ({ [idField]: id, deleted: true }));
	if (!unfinished) return { events, ids: next };
	return { events, ids: next, nextCost: Math.min(budget, lister.requests + estimate) };
}

export async function pollDeletions(
	this: IPollFunctions,
	settings: TriggerSettings,
	state: TriggerState,
	meter: RequestMeter,
	now: number,
	budget: number,
): Promise<PollOutcome> {
	const lister = new IdLister(this, settings, meter);
	const ids = state.ids;
	if (!ids || ids.sweep?.kind === 'seed') return await seed(lister, settings, ids, now, budget);
	return await reconcile(this, lister, settings, ids, now, budget);
}
