/**
 * Id sets for the Deleted Record event, stored compactly in static data.
 *
 * The set is kept sorted and written as base-36 differences between neighbours, and a run of
 * consecutive ids as one difference and the length of the run: 100,101,102,107 is `"2s+2,5"`
 * ("100, then 2 more one apart, then +5"). Dense ids cost a few characters per run, sparse ones
 * two or three per id instead of eight to ten. Sets written before runs existed (`"2s,1,1,5"`)
 * read the same way.
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
	const sorted = normaliseIds(ids);
	const parts: string[] = [];
	let previous = 0;
	for (let i = 0; i < sorted.length;) {
		let run = 0;
		while (i + run + 1 < sorted.length && sorted[i + run + 1] === sorted[i + run] + 1) run++;
		const delta = (sorted[i] - previous).toString(36);
		parts.push(run ? `${delta}+${run.toString(36)}` : delta);
		previous = sorted[i + run];
		i += run + 1;
	}
	return parts.join(',');
}

const TOKEN = /^([0-9a-z]+)(?:\+([0-9a-z]+))?$/;

export function decodeIdSet(encoded: string): number[] {
	if (encoded === '') return [];
	const ids: number[] = [];
	let current = 0;
	for (const part of encoded.split(',')) {
		const match = TOKEN.exec(part);
		const delta = match ? parseInt(match[1], 36) : NaN;
		const run = match?.[2] ? parseInt(match[2], 36) : 0;
		// Only the first id may be 0 away from the previous one (the start, 0).
		if (
			!Number.isSafeInteger(delta) ||
			!Number.isSafeInteger(run) ||
			(delta === 0 && ids.length > 0) ||
			!Number.isSafeInteger(current + delta + run)
		)
			throw new Error(`Stored id set is corrupt near "${part.slice(0, 20)}"`);
		current += delta;
		ids.push(current);
		for (let k = 0; k < run; k++) ids.push(++current);
	}
	return ids;
}

/** Position of `id` in the sorted list, or -1 (binary search). */
export function rankOf(sorted: number[], id: number): number {
	let lo = 0;
	let hi = sorted.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] === id) return mid;
		if (sorted[mid] < id) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/** The sorted union of sorted `base` and any `extra` ids, without the ids of `removed`. */
export function mergeIds(base: number[], extra: Iterable<number>, removed: Set<number>): number[] {
	const added = normaliseIds(extra);
	const out: number[] = [];
	let j = 0;
	for (const id of base) {
		while (j < added.length && added[j] < id) {
			if (!removed.has(added[j])) out.push(added[j]);
			j++;
		}
		if (j < added.length && added[j] === id) j++;
		if (!removed.has(id)) out.push(id);
	}
	for (; j < added.length; j++) if (!removed.has(added[j])) out.push(added[j]);
	return out;
}
