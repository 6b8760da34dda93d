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
 */
import type { BudgetState } from './budget';
import type { WindowState } from './window';

export const STATE_KEY = 'insightlyTrigger';
export const STATE_VERSION = 1;

/** Ids listed at the previous poll (Deleted Record). */
export interface IdListing {
	/** encodeIdSet() of the ids listed. */
	known: string;
	/** encodeIdSet() of ids missing from a multi-page listing, to confirm at the next poll. */
	pending: string;
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

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

function readWindow(value: unknown): WindowState | undefined {
	if (
		!isObject(value) ||
		!isNumber(value.cursor) ||
		!isNumber(value.floor) ||
		!isObject(value.seen)
	)
		return undefined;
	for (const entry of Object.values(value.seen)) {
		if (!Array.isArray(entry) || !isNumber(entry[0]) || typeof entry[1] !== 'string')
			return undefined;
	}
	if (value.pendingFloor !== undefined && !isNumber(value.pendingFloor)) return undefined;
	return value as unknown as WindowState;
}

function readBudget(value: unknown): BudgetState {
	if (!isObject(value) || !Array.isArray(value.ledger)) return { ledger: [] };
	const ledger = value.ledger.filter(
		(b): b is [number, number] => Array.isArray(b) && isNumber(b[0]) && isNumber(b[1]),
	);
	const budget: BudgetState = { ledger };
	if (isNumber(value.lastPollAt)) budget.lastPollAt = value.lastPollAt;
	if (isNumber(value.lastCost)) budget.lastCost = value.lastCost;
	if (isNumber(value.pausedUntil)) budget.pausedUntil = value.pausedUntil;
	if (typeof value.skipNotice === 'string') budget.skipNotice = value.skipNotice;
	return budget;
}

/**
 * The stored state for this watch. Parts that are missing, unreadable, or stored for another
 * watch (the user changed the record type, event or filters) are left out, so the trigger seeds
 * them again; the budget ledger is kept whatever the watch, because it counts the instance's
 * requests, not the watch's.
 */
export function readState(raw: unknown, watch: string): TriggerState {
	const state: TriggerState = {
		version: STATE_VERSION,
		watch,
		budget: readBudget(isObject(raw) ? raw.budget : undefined),
	};
	if (!isObject(raw) || raw.version !== STATE_VERSION || raw.watch !== watch) return state;
	const window = readWindow(raw.window);
	if (window) state.window = window;
	if (
		isObject(raw.ids) &&
		typeof raw.ids.known === 'string' &&
		typeof raw.ids.pending === 'string'
	) {
		state.ids = { known: raw.ids.known, pending: raw.ids.pending };
	}
	return state;
}
