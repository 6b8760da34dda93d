/**
 * What the trigger keeps in n8n's static data, and reading it back safely.
 *
 * Everything lives under one key and is replaced as a whole at the end of a poll, after every
 * page was read: a poll that fails part-way leaves the window and id set exactly as they were.
 *
 * When n8n persists it: only when poll() returns items (and never for "Fetch Test Event").
 * That is why the design holds together:
 * - emitted items and the memory entries that stop them from being emitted again are written in
 *   the same save, so a restart can never re-emit what was delivered;
 * - a poll that returns nothing changes only things that are safe to lose: the memory of
 *   versions that were read but not emitted (re-reading them from the older state decides the
 *   same way: not emitted), the budget ledger (a restart may under-count the last hours) and
 *   the cursor of idle polls (the older window is simply read again);
 * - the first poll after activation seeds the state and returns nothing, so its seed is lost if
 *   n8n restarts before the trigger emits anything; the next activation seeds again from "now".
 *
 * Reading it back validates every part (loadState): a part that is unreadable or out of range
 * (a hand edit, a failed migration, a clock that jumped) is reset or repaired, and each fix is
 * reported for the log, so that a bad save can neither throw on every poll nor stall the trigger
 * without a word.
 */
import { BUCKET_MS, PROBE_INTERVAL_MS, type BudgetState, type Ledger } from './budget';
import { decodeIdSet, encodeIdSet, normaliseIds } from './idSet';
import type { SeenMemory } from './memory';
import { describeInstant, formatRecordTimestamp } from './time';
import type { WindowState } from './window';

export const STATE_KEY = 'insightlyTrigger';
/**
 * 2: fingerprints ignore volatile fields and array order; a used-up daily limit is checked
 * hourly. A state of version 1 is read with its fingerprints forgotten (see loadWindow).
 * 3: Deleted Record keeps the ids believed live and the greatest id taken in, and reads only what
 * changed. The id lists of versions 1 and 2 (the last listing, and ids held back from it) are
 * read as one set, and a safety re-check starts at once (see loadIds).
 */
export const STATE_VERSION = 3;
const READABLE_VERSIONS = [1, 2, STATE_VERSION];

/** A listing read from its end back to its start, a few pages per poll (Deleted Record). */
export interface IdSweep {
	/** 'seed': the first listing after activation; 'recheck': the periodic safety re-check. */
	kind: 'seed' | 'recheck';
	/** Where the pages read so far begin (the next page ends there); absent: at the list's end. */
	next?: number;
}

/** Deleted Record: what the previous polls established about the ids of the type. */
export interface IdListing {
	/** encodeIdSet() of the ids believed live. */
	known: string;
	/**
	 * Greatest id taken in; every live id up to it is in `known` (while seeding: the greatest id
	 * of the first page read, -1 before it). New records get greater ids.
	 */
	high: number;
	sweep?: IdSweep;
	/** When the next safety re-check starts (ms); absent: never (turned off). */
	recheckAt?: number;
}

export interface TriggerState {
	version: typeof STATE_VERSION;
	/** What is watched (record type, event, filters, start): another value means start afresh. */
	watch: string;
	window?: WindowState;
	ids?: IdListing;
	budget: BudgetState;
}

export interface WatchSettings {
	path: string;
	event: string;
	fieldName?: string;
	fieldValue?: string;
	tag?: string;
	startDate?: number;
}

export function watchKey(settings: WatchSettings): string {
	return JSON.stringify([
		settings.path,
		settings.event,
		settings.fieldName ?? '',
		settings.fieldValue ?? '',
		settings.tag ?? '',
		settings.startDate ?? null,
	]);
}

/** What loading needs to know to tell a value out of range. */
export interface LoadOptions {
	/** n8n's clock (ms). Without it, values are checked for their type only. */
	nowMs?: number;
	/** The Start Date option (epoch seconds): a cursor there is the user's choice, however far ahead. */
	startSeconds?: number;
}

export interface LoadedState {
	state: TriggerState;
	/** One sentence per part that was reset or repaired, for the log. */
	problems: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** n8n's clock may step back this much (a time sync) without saved times counting as future. */
const CLOCK_TOLERANCE_MS = 10 * 60 * 1000;
/** The cursor is Insightly's time: it may be ahead of n8n's clock, but not by a day. */
const MAX_AHEAD_SECONDS = 24 * 60 * 60;
/** Insightly's timestamps and the Start Date begin in 1900. */
const MIN_SECONDS = Date.UTC(1900, 0, 1) / 1000;
/** More requests than any poll can make (a poll stops at the Daily Request Budget). */
const MAX_COST = 1_000_000;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);
const show = (value: unknown): string =>
	isNumber(value) ? String(value) : (JSON.stringify(value) ?? String(value)).slice(0, 40);
const instant = (ms: number): string =>
	Math.abs(ms) < 1e14 ? describeInstant(ms) : `${show(ms)} ms`;
const second = (seconds: number): string =>
	Math.abs(seconds) < 1e11 ? `${formatRecordTimestamp(seconds)} UTC` : show(seconds);

function loadLedger(value: unknown[], nowMs: number | undefined, problems: string[]): Ledger {
	const lastBucket =
		nowMs === undefined ? Infinity : Math.floor((nowMs + CLOCK_TOLERANCE_MS) / BUCKET_MS);
	const ledger: Ledger = [];
	let unreadable = 0;
	let future = 0;
	for (const entry of value) {
		if (
			!Array.isArray(entry) ||
			!Number.isSafeInteger(entry[0]) ||
			!Number.isSafeInteger(entry[1]) ||
			entry[1] < 0
		)
			unreadable++;
		else if (entry[0] > lastBucket) future++;
		else ledger.push([entry[0], entry[1]]);
	}
	if (unreadable) problems.push(`${unreadable} unreadable entries of the request ledger dropped`);
	if (future)
		problems.push(
			`the request ledger had ${future} buckets in the future (n8n's clock moved back?); dropped`,
		);
	return ledger;
}

function loadBudget(value: unknown, options: LoadOptions, problems: string[]): BudgetState {
	if (!isObject(value) || !Array.isArray(value.ledger)) {
		if (value !== undefined) problems.push('the request ledger is unreadable; counting afresh');
		return { ledger: [] };
	}
	const { nowMs } = options;
	const budget: BudgetState = { ledger: loadLedger(value.ledger, nowMs, problems) };
	if (value.lastPollAt !== undefined) {
		const at = value.lastPollAt;
		if (!isNumber(at) || at < 0)
			problems.push(`the time of the last poll (${show(at)}) is unreadable; dropped`);
		else if (nowMs !== undefined && at > nowMs + CLOCK_TOLERANCE_MS)
			problems.push(
				`the last poll, at ${instant(at)}, is in the future (n8n's clock moved back?); dropped, so that spacing cannot hold polls back`,
			);
		else budget.lastPollAt = at;
	}
	if (value.lastCost !== undefined) {
		const cost = value.lastCost;
		if (!Number.isSafeInteger(cost) || (cost as number) < 1 || (cost as number) > MAX_COST)
			problems.push(`the cost of the last poll (${show(cost)}) is out of range; dropped`);
		else budget.lastCost = cost as number;
	}
	if (value.pausedUntil !== undefined) {
		const until = value.pausedUntil;
		if (!isNumber(until))
			problems.push(`the pause for the daily limit (${show(until)}) is unreadable; dropped`);
		else if (nowMs === undefined || until <= nowMs + PROBE_INTERVAL_MS + CLOCK_TOLERANCE_MS)
			budget.pausedUntil = until;
		// An earlier version paused until the next midnight UTC: now the next hourly check.
		else if (until <= nowMs + DAY_MS) budget.pausedUntil = nowMs + PROBE_INTERVAL_MS;
		else
			problems.push(
				`the pause until ${instant(until)} for the daily limit is out of range (checks are hourly); dropped`,
			);
	}
	if (typeof value.skipNotice === 'string') budget.skipNotice = value.skipNotice;
	if (typeof value.alerted === 'string') budget.alerted = value.alerted;
	if (isNumber(value.reserveSince) && (nowMs === undefined || value.reserveSince <= nowMs))
		budget.reserveSince = value.reserveSince;
	return budget;
}

function loadMemory(value: unknown, legacy: boolean, problems: string[]): SeenMemory {
	if (!isObject(value)) {
		problems.push(
			'the saved window: its memory of versions read is unreadable; versions read in the last overlap may be reported again',
		);
		return {};
	}
	const seen: SeenMemory = {};
	let unreadable = 0;
	for (const [id, entry] of Object.entries(value)) {
		if (!Array.isArray(entry) || !isNumber(entry[0]) || typeof entry[1] !== 'string') unreadable++;
		// Fingerprints of version 1 were computed otherwise: unknown ('') from now on.
		else seen[id] = [entry[0], legacy ? '' : entry[1]];
	}
	if (unreadable)
		problems.push(
			`the saved window: ${unreadable} unreadable entries of its memory dropped (those records may be reported again)`,
		);
	return seen;
}

function loadWindow(
	value: unknown,
	options: LoadOptions,
	legacy: boolean,
	problems: string[],
): WindowState | undefined {
	if (value === undefined) return undefined;
	const restart =
		'starting again from now: changes made since the last successful poll may not be reported';
	if (!isObject(value)) {
		problems.push(`the saved window is unreadable; ${restart}`);
		return undefined;
	}
	const latest =
		options.nowMs === undefined
			? Infinity
			: Math.max(options.nowMs / 1000 + MAX_AHEAD_SECONDS, options.startSeconds ?? -Infinity);
	const inRange = (x: unknown): x is number => isNumber(x) && x >= MIN_SECONDS && x <= latest;
	const cursorOk = inRange(value.cursor);
	const floorOk = inRange(value.floor) && (!cursorOk || value.floor <= (value.cursor as number));
	if (!cursorOk && !floorOk) {
		problems.push(
			`the saved window (cursor ${show(value.cursor)}, floor ${show(value.floor)}) is out of range; ${restart}`,
		);
		return undefined;
	}
	const cursor = cursorOk ? (value.cursor as number) : (value.floor as number);
	const floor = floorOk ? (value.floor as number) : cursor;
	if (!floorOk)
		problems.push(
			`the saved window: its floor (${show(value.floor)}) is out of range; reset to the cursor, ${second(cursor)}`,
		);
	if (!cursorOk)
		problems.push(
			`the saved window: its cursor (${show(value.cursor)}) is out of range; reset to the floor, ${second(floor)}`,
		);
	const window: WindowState = { cursor, floor, seen: loadMemory(value.seen, legacy, problems) };
	const pending = value.pendingFloor;
	if (pending !== undefined) {
		if (isNumber(pending) && pending >= floor && pending <= cursor) window.pendingFloor = pending;
		else
			problems.push(
				`the saved window: its pending floor (${show(pending)}) is out of range; dropped`,
			);
	}
	return window;
}

function loadIds(value: unknown, problems: string[]): IdListing | undefined {
	if (value === undefined) return undefined;
	const unreadable = (detail: string) => {
		problems.push(
			`the saved list of ids (Deleted Record) is unreadable (${detail}); the next listing becomes the reference: records deleted since the last poll are not reported`,
		);
		return undefined;
	};
	if (!isObject(value) || typeof value.known !== 'string') return unreadable('no id list');
	let known: number[];
	try {
		known = decodeIdSet(value.known);
		// Versions 1 and 2 held back ids missing from a listing of several pages, to confirm at the
		// next one: they may be live, so they count as known; the check finds the deleted ones.
		if (value.pending !== undefined) {
			if (typeof value.pending !== 'string') throw new Error('the held-back ids are not a list');
			known = normaliseIds([...known, ...decodeIdSet(value.pending)]);
		}
	} catch (error) {
		return unreadable((error as Error).message);
	}
	if (value.high === undefined) {
		// A listing of an earlier version: a live id can be missing from it (a page shifted under
		// a deletion), so a safety re-check adds what is missing, and the counts that find
		// deletions wait for it.
		return {
			known: encodeIdSet(known),
			high: known.length ? known[known.length - 1] : -1,
			sweep: { kind: 'recheck' },
			recheckAt: 0,
		};
	}
	const high = value.high;
	if (!Number.isSafeInteger(high) || (high as number) < -1)
		return unreadable(`greatest id ${show(high)}`);
	if (known.length && known[known.length - 1] > (high as number))
		return unreadable('an id above the greatest one taken in');
	const ids: IdListing = { known: value.known, high: high as number };
	const sweep = value.sweep;
	if (sweep !== undefined) {
		const kindOk = isObject(sweep) && (sweep.kind === 'seed' || sweep.kind === 'recheck');
		const next = isObject(sweep) ? sweep.next : undefined;
		const nextOk = next === undefined || (Number.isSafeInteger(next) && (next as number) >= 0);
		if (!kindOk || !nextOk) return unreadable(`listing under way ${show(sweep)}`);
		ids.sweep = { kind: sweep.kind as IdSweep['kind'] };
		if (next !== undefined) ids.sweep.next = next as number;
	}
	if (value.recheckAt !== undefined) {
		if (!isNumber(value.recheckAt)) return unreadable(`re-check time ${show(value.recheckAt)}`);
		ids.recheckAt = value.recheckAt;
	}
	return ids;
}

/**
 * The stored state for this watch, validated part by part. Parts that are missing, or stored for
 * another watch (the user changed the record type, event or filters) are left out, so the
 * trigger seeds them again; the budget ledger is kept whatever the watch, because it counts the
 * instance's requests, not the watch's. Parts that are unreadable or out of range are reset or
 * repaired, each with a sentence in `problems`.
 */
export function loadState(raw: unknown, watch: string, options: LoadOptions = {}): LoadedState {
	const problems: string[] = [];
	if (raw !== undefined && raw !== null && !isObject(raw))
		problems.push('the saved state is not an object; starting afresh');
	const state: TriggerState = {
		version: STATE_VERSION,
		watch,
		budget: loadBudget(isObject(raw) ? raw.budget : undefined, options, problems),
	};
	if (!isObject(raw) || raw.watch !== watch) return { state, problems };
	if (!READABLE_VERSIONS.includes(raw.version as number)) {
		problems.push(
			`the saved state has version ${show(raw.version)}, which this version of the node does not read; starting afresh`,
		);
		return { state, problems };
	}
	const legacy = raw.version === 1;
	const window = loadWindow(raw.window, options, legacy, problems);
	if (window) state.window = window;
	const ids = loadIds(raw.ids, problems);
	if (ids) state.ids = ids;
	return { state, problems };
}

/** loadState() without the report. */
export function readState(raw: unknown, watch: string, options: LoadOptions = {}): TriggerState {
	return loadState(raw, watch, options).state;
}
