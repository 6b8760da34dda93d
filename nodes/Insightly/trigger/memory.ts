/**
 * The trigger's de-duplication memory: for every record id seen recently, the DATE_UPDATED_UTC
 * (epoch seconds) and content hash of the last version read.
 *
 * Only the latest version of a record matters because a query can only ever return a record's
 * current version. The memory is plain JSON (it lives in n8n's static data) and is never
 * mutated in place: functions return a new object, so a poll that fails part-way leaves the
 * stored one untouched.
 *
 * It is authoritative above a floor (epoch seconds): every record version with a timestamp
 * above the floor that the trigger has read is in it. Entries at or below the floor can go,
 * because the trigger only queries strictly after the floor.
 */

export type SeenEntry = [updated: number, hash: string];
export type SeenMemory = Record<string, SeenEntry>;

/** How a version read from Insightly relates to what the memory holds for its id. */
export type Sighting =
	/** the id was never seen (above the floor) */
	| 'first'
	/** a version the memory has not seen: a later timestamp, or the same second with other content */
	| 'changed'
	/** the same timestamp and content (or an older timestamp: a stale read) */
	| 'repeat';

/**
 * @param futureLimit Insightly's now plus the allowance (epoch seconds): a remembered version
 *   dated beyond it (a record dated 2099) does not make a later edit, which carries an earlier
 *   timestamp, a stale read
 *
 * A remembered hash of '' stands for content not known (a memory saved by an earlier version,
 * whose fingerprints were computed otherwise): the same timestamp is then taken for a re-read.
 */
export function classifySighting(
	memory: SeenMemory,
	id: string,
	updated: number,
	hash: string,
	futureLimit = Infinity,
): Sighting {
	const prior = Object.prototype.hasOwnProperty.call(memory, id) ? memory[id] : undefined;
	if (!prior) return 'first';
	const [priorUpdated, priorHash] = prior;
	if (updated < priorUpdated)
		return priorUpdated > futureLimit && hash !== priorHash ? 'changed' : 'repeat';
	if (updated === priorUpdated && (hash === priorHash || priorHash === '')) return 'repeat';
	return 'changed';
}

/**
 * Drops entries at or below the floor, then, if more than maxEntries remain, the oldest ones.
 * Dropping for size raises the floor to the newest timestamp dropped so that the memory stays
 * authoritative above it (records updated at or before that second and never read are then
 * treated as seen: at most once is kept, a very late record may be missed; with the default
 * cap of 20,000 this needs more than 300 changes per second of overlap).
 */
export function pruneMemory(
	memory: SeenMemory,
	floor: number,
	maxEntries: number,
): { memory: SeenMemory; floor: number } {
	const kept = Object.entries(memory).filter(([, [updated]]) => updated > floor);
	let newFloor = floor;
	if (kept.length > maxEntries) {
		const newestFirst = kept.map(([, [updated]]) => updated).sort((a, b) => b - a);
		newFloor = Math.max(floor, newestFirst[Math.max(0, maxEntries)]);
	}
	const result: SeenMemory = {};
	for (const [id, entry] of kept) if (entry[0] > newFloor) result[id] = entry;
	return { memory: result, floor: newFloor };
}
