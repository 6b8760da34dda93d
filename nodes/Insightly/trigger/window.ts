/**
 * The heart of the record trigger: from the stored state and every record one poll read,
 * decide which records to emit and compute the next state. Pure: no clock, no HTTP, no n8n.
 *
 * A poll asks Insightly for the records updated strictly after `state.floor`
 * (`/{type}/Search?updated_after_utc=`) and reads every page; the results come in id order, not
 * time order, so nothing can be concluded before the last page.
 *
 * All times here are Insightly's: record timestamps, and its clock as its `Date` header gives it
 * (`nowSeconds`). n8n's clock may be minutes off either way and is used for nothing but a lower
 * bound of the very first query.
 *
 * Why a floor, a cursor and a memory:
 * - `cursor` is the greatest DATE_UPDATED_UTC read so far, not counting timestamps later than
 *   Insightly's own now plus a small allowance (a record dated 2099 by an import or a broken
 *   clock is reported, but cannot carry the cursor, and with it the floor, past every change to
 *   come).
 * - `floor` ≤ cursor − overlap while changes are recent: the query re-reads the last `overlap`
 *   seconds because `updated_after_utc` has 1-second resolution and a record may become visible
 *   a little after its timestamp. The floor never moves back.
 * - `seen` (see memory.ts) remembers every version read above the floor, so re-read versions are
 *   dropped and a second update within the same second (same timestamp, other content) is not.
 *
 * New versus existing: a record is *new* when its id was never read above the floor and it was
 * created after the floor. Comparing DATE_CREATED_UTC with the previous cursor alone would be
 * wrong within a second: a record created in the same second as the cursor, but after the
 * previous poll read it, has DATE_CREATED_UTC == cursor and would pass for an old record. A
 * record that existed at an earlier poll with DATE_CREATED_UTC above the floor was necessarily
 * returned by that poll (its DATE_UPDATED_UTC ≥ DATE_CREATED_UTC) and is in the memory.
 *
 * The floor follows Insightly's clock, never past the cursor: a read at Insightly's time `now`
 * has seen everything stamped at or before `now − overlap`, so the floor moves up to
 * min(cursor, now − overlap). Once `overlap` seconds have passed since the last change, it
 * reaches the cursor and idle polls stop re-reading the last burst of changes (an idle poll costs
 * one request). A timestamp a little ahead of the `Date` header (another server's clock) cannot
 * lift the floor past `now − overlap`; a wrong `Date` header cannot lift it past the newest
 * change Insightly has shown.
 *
 * Reads of several pages are not atomic: a record deleted while the pages are read shifts the
 * later pages back by one and the record at the page boundary is never returned. After such a
 * read that found something new, the floor stays where it was for one more poll (the new one
 * is kept in `pendingFloor`), so the next poll reads the same window again and the memory drops
 * what was already emitted. A read of one page is a single query and needs no second look, nor
 * does a read that found only versions already known (it is itself a second look).
 */
import type { IDataObject } from 'n8n-workflow';

import { recordHash } from './hash';
import { classifySighting, pruneMemory, type SeenMemory } from './memory';
import { parseRecordTimestamp } from './time';

export type RecordEvent = 'newRecord' | 'newOrUpdatedRecord' | 'updatedRecord';

export interface WindowState {
	/** Greatest DATE_UPDATED_UTC read so far, epoch seconds (server time), future ones excepted. */
	cursor: number;
	/** The next poll reads records updated strictly after this, epoch seconds. */
	floor: number;
	/** Floor to adopt after the next poll, when the last read took several pages. */
	pendingFloor?: number;
	/** Versions read above the floor. */
	seen: SeenMemory;
}

export interface WindowOptions {
	event: RecordEvent;
	/** The record type's id field, e.g. CONTACT_ID. */
	idField: string;
	overlapSeconds: number;
	/** Safety bound on the memory size. */
	maxEntries: number;
	/** How many requests the read took; more than one means it may have been inconsistent. */
	pagesRead: number;
	/**
	 * Insightly's clock at the read (its `Date` header; n8n's clock only when it sent none),
	 * epoch seconds: lets the floor catch up with the cursor when nothing changes, and tells a
	 * timestamp in the future.
	 */
	nowSeconds?: number;
	/** Filters applied here rather than by the query (e.g. a tag): failing records are remembered, not emitted. */
	matches?: (record: IDataObject) => boolean;
}

export interface WindowResult {
	/** Records to emit, oldest change first. */
	events: IDataObject[];
	next: WindowState;
	/** Versions read that the memory already held. */
	repeats: number;
	/** Fresh versions dated later than Insightly's now plus the allowance: reported, not followed. */
	future: Array<{ id: string; updated: number }>;
}

export const DEFAULT_OVERLAP_SECONDS = 60;
export const DEFAULT_MAX_ENTRIES = 20000;
/**
 * How far a timestamp may be ahead of Insightly's `Date` and still move the cursor: the header
 * and the record may come from different servers, and the header is cut to the second.
 */
export const FUTURE_ALLOWANCE_SECONDS = 5 * 60;
/**
 * How far n8n's clock may be ahead of Insightly's for the first poll to read back to activation
 * all the same: it starts this much earlier than n8n's now − overlap.
 */
export const SEED_MARGIN_SECONDS = 15 * 60;

/**
 * The state before the first poll. Without a start date, the first poll only fills the memory
 * with what changed in the last overlap (its events are discarded by the caller). Its only
 * clock is n8n's, which may run ahead of Insightly's, so it starts a margin earlier, and its
 * cursor is no later than that: the cursor is Insightly's time, learnt from what is read.
 * With a start date, it reports everything changed after that date.
 */
export function initialWindowState(
	nowSeconds: number,
	overlapSeconds: number,
	startSeconds?: number,
): WindowState {
	if (startSeconds !== undefined) return { cursor: startSeconds, floor: startSeconds, seen: {} };
	const floor = nowSeconds - overlapSeconds - SEED_MARGIN_SECONDS;
	return { cursor: floor, floor, seen: {} };
}

/** When a record version happened: DATE_UPDATED_UTC, else DATE_CREATED_UTC. */
export function updatedAt(record: IDataObject): number | undefined {
	return (
		parseRecordTimestamp(record.DATE_UPDATED_UTC) ?? parseRecordTimestamp(record.DATE_CREATED_UTC)
	);
}

function recordId(record: IDataObject, idField: string): string | undefined {
	const id = record[idField];
	return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : undefined;
}

function wanted(event: RecordEvent, isNew: boolean): boolean {
	if (event === 'newRecord') return isNew;
	if (event === 'updatedRecord') return !isNew;
	return true;
}

export function processWindow(
	state: WindowState,
	records: IDataObject[],
	options: WindowOptions,
): WindowResult {
	const seen: SeenMemory = { ...state.seen };
	const emitted: Array<{ record: IDataObject; updated: number; order: number }> = [];
	const future: WindowResult['future'] = [];
	const futureLimit =
		options.nowSeconds === undefined ? Infinity : options.nowSeconds + FUTURE_ALLOWANCE_SECONDS;
	let cursor = state.cursor;
	let repeats = 0;
	let fresh = 0;

	records.forEach((record, order) => {
		const id = recordId(record, options.idField);
		const updated = updatedAt(record);
		// Without an id or a timestamp a record cannot be tracked; the query never returns one
		// at or below the floor, so such a version is not a change this trigger can place.
		if (id === undefined || updated === undefined || updated <= state.floor) return;
		// Everything read counts for the cursor, re-reads too (a version once ahead of
		// Insightly's clock counts when the clock has caught up), except what is still ahead.
		if (updated <= futureLimit) cursor = Math.max(cursor, updated);
		const hash = recordHash(record);
		const sighting = classifySighting(seen, id, updated, hash, futureLimit);
		if (sighting === 'repeat') {
			repeats++;
			return;
		}
		const isNew =
			sighting === 'first' &&
			(parseRecordTimestamp(record.DATE_CREATED_UTC) ?? updated) > state.floor;
		seen[id] = [updated, hash];
		fresh++;
		if (updated > futureLimit) future.push({ id, updated });
		if (wanted(options.event, isNew) && (options.matches?.(record) ?? true)) {
			emitted.push({ record, updated, order });
		}
	});

	// Without Insightly's clock the cursor alone says what has been seen; with it, what is older
	// than its now − overlap has been seen too, up to the cursor (a wrong clock cannot lift the
	// floor past the newest change read).
	const settledFloor =
		options.nowSeconds === undefined
			? Math.max(state.floor, cursor - options.overlapSeconds)
			: Math.max(state.floor, Math.min(cursor, options.nowSeconds - options.overlapSeconds));
	const secondLookNeeded = options.pagesRead > 1 && fresh > 0;
	const floorNow = secondLookNeeded
		? Math.max(state.floor, state.pendingFloor ?? state.floor)
		: settledFloor;
	const pruned = pruneMemory(seen, floorNow, options.maxEntries);
	const next: WindowState = { cursor, floor: pruned.floor, seen: pruned.memory };
	if (secondLookNeeded && settledFloor > pruned.floor) next.pendingFloor = settledFloor;

	emitted.sort((a, b) => a.updated - b.updated || a.order - b.order);
	return { events: emitted.map((e) => e.record), next, repeats, future };
}

/**
 * "Fetch Test Event": the record that best shows what the trigger emits, without state:
 * the most recently created record for New Record, else the most recently updated one.
 */
export function newestRecord(
	records: IDataObject[],
	event: RecordEvent,
	matches?: (record: IDataObject) => boolean,
): IDataObject | undefined {
	const key = (record: IDataObject) =>
		(event === 'newRecord' ? parseRecordTimestamp(record.DATE_CREATED_UTC) : updatedAt(record)) ??
		-Infinity;
	let best: IDataObject | undefined;
	for (const record of records) {
		if (matches && !matches(record)) continue;
		if (!best || key(record) >= key(best)) best = record;
	}
	return best;
}
