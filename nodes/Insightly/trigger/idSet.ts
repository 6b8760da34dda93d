/**
 * Id sets for the Deleted Record event, stored compactly in static data.
 *
 * Insightly has no deletion feed: the trigger lists every id of the record type and compares
 * the list with the one stored at the previous poll. The list is kept sorted and written as the
 * base-36 differences between neighbours (`"2s,1,1,5"` for 100,101,102,107), which costs two or
 * three characters per record for dense ids instead of eight to ten.
 */

/** Sorted, de-duplicated copy of the ids. Throws on anything but non-negative safe integers. */
export function normaliseIds(ids: Iterable<number>): number[] {
	const list = Array.from(new Set(ids));
	for (const id of list) {
		if (!Number.isSafeInteger(id) || id < 0)
			throw new Error(`Record id ${String(id)} is not a whole number`);
	}
	return list.sort((a, b) => a - b);
}

export function encodeIdSet(ids: Iterable<number>): string {
	let previous = 0;
	return normaliseIds(ids)
		.map((id) => {
			const delta = id - previous;
			previous = id;
			return delta.toString(36);
		})
		.join(',');
}

export function decodeIdSet(encoded: string): number[] {
	if (encoded === '') return [];
	let current = 0;
	return encoded.split(',').map((part) => {
		const delta = parseInt(part, 36);
		if (!/^[0-9a-z]+$/.test(part) || !Number.isSafeInteger(delta)) {
			throw new Error(`Stored id set is corrupt near "${part}"`);
		}
		current += delta;
		return current;
	});
}

/** Ids of the sorted list `before` that are missing from the sorted list `after` (one merge pass). */
export function missingIds(before: number[], after: number[]): number[] {
	const missing: number[] = [];
	let j = 0;
	for (const id of before) {
		while (j < after.length && after[j] < id) j++;
		if (j >= after.length || after[j] !== id) missing.push(id);
	}
	return missing;
}

export interface DeletionResult {
	/** Ids to report as deleted. */
	deleted: number[];
	/** Ids missing from a read of several pages, to confirm at the next poll. */
	pending: number[];
}

/**
 * Compares two listings. A listing of one page is a single query and its absences are final.
 * A listing of several pages can miss a live record: a deletion while the pages are read shifts
 * the later pages back by one. So an id missing from such a listing is reported only when the
 * next listing misses it too (one poll later) and forgotten if it reappears.
 *
 * @param previous ids of the previous listing (sorted)
 * @param pendingBefore ids held back by the previous poll (sorted)
 * @param current ids of this listing (sorted)
 * @param atomic whether this listing was read in a single request
 */
export function detectDeletions(
	previous: number[],
	pendingBefore: number[],
	current: number[],
	atomic: boolean,
): DeletionResult {
	// Held-back ids are not in `previous` (they were missing from it), so they are checked separately.
	const confirmed = missingIds(pendingBefore, current);
	const fresh = missingIds(previous, current);
	if (atomic) return { deleted: normaliseIds([...confirmed, ...fresh]), pending: [] };
	return { deleted: confirmed, pending: fresh };
}
