/**
 * Deleted Record: Insightly has no deletion feed, so each poll lists every id of the type and
 * compares the listing with the previous one.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { RecordType } from '../objects';
import { decodeIdSet, detectDeletions, encodeIdSet, normaliseIds } from './idSet';
import { readMappedPages, type PollOutcome, type RequestMeter } from './pages';
import type { TriggerSettings } from './settings';
import type { TriggerState } from './state';

/**
 * Query of an id listing: brief where the type takes it (fewer bytes for the same ids), nothing
 * where the spec documents no brief parameter (GET /Users).
 */
export function idListQuery(type: RecordType): IDataObject {
	return type.brief ? { brief: true } : {};
}

/**
 * The ids of one page of a listing, unsorted; rows without a usable id are not records to track.
 * Only these numbers are kept of a page: its records are dropped before the next page is read,
 * so a poll holds the ids of the type, not every record of it.
 */
export function pageIds(records: IDataObject[], idField: string): number[] {
	const ids: number[] = [];
	for (const record of records) {
		const id = Number(record[idField]);
		if (Number.isSafeInteger(id) && id >= 0) ids.push(id);
	}
	return ids;
}

export async function pollDeletions(
	this: IPollFunctions,
	settings: TriggerSettings,
	state: TriggerState,
	meter: RequestMeter,
): Promise<PollOutcome> {
	const idField = settings.type.idField;
	const path = `/${settings.path}`;
	const read = await readMappedPages(
		this,
		settings,
		path,
		idListQuery(settings.type),
		meter,
		(records) => pageIds(records, idField),
	);
	if (!read.complete) return { incomplete: true };
	const current = normaliseIds(read.items);
	// The first listing has nothing to compare with: it only becomes the reference.
	if (!state.ids) return { events: [], ids: { known: encodeIdSet(current), pending: '' } };
	// A multi-page listing can miss a live record (pages shift under deletions): such absences
	// are confirmed by the next listing before they are reported.
	const result = detectDeletions(
		decodeIdSet(state.ids.known),
		decodeIdSet(state.ids.pending),
		current,
		read.pages <= 1,
	);
	return {
		events: result.deleted.map((id) => ({ [idField]: id, deleted: true })),
		ids: { known: encodeIdSet(current), pending: encodeIdSet(result.pending) },
	};
}
