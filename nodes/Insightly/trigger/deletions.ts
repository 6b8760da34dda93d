/**
 * Deleted Record: Insightly has no deletion feed, so each poll lists every id of the type and
 * compares the listing with the previous one.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { RecordType } from '../objects';
import { decodeIdSet, detectDeletions, encodeIdSet, normaliseIds } from './idSet';
import { readAllPages, type PollOutcome, type RequestMeter } from './pages';
import type { TriggerSettings } from './settings';
import type { TriggerState } from './state';

/**
 * Query of an id listing: brief where the type takes it (fewer bytes for the same ids), nothing
 * where the spec documents no brief parameter (GET /Users).
 */
export function idListQuery(type: RecordType): IDataObject {
	return type.brief ? { brief: true } : {};
}

/** The ids a listing holds, sorted; rows without a usable id are not records to track. */
function listedIds(records: IDataObject[], idField: string): number[] {
	return normaliseIds(
		records
			.map((record) => Number(record[idField]))
			.filter((id) => Number.isSafeInteger(id) && id >= 0),
	);
}

export async function pollDeletions(
	this: IPollFunctions,
	settings: TriggerSettings,
	state: TriggerState,
	meter: RequestMeter,
): Promise<PollOutcome> {
	const idField = settings.type.idField;
	const path = `/${settings.path}`;
	const read = await readAllPages.call(this, settings, path, idListQuery(settings.type), meter);
	if (!read.complete) return { incomplete: true };
	const current = listedIds(read.items, idField);
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
