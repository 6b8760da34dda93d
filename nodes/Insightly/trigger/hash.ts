/**
 * A short content fingerprint of a record.
 *
 * Insightly's DATE_UPDATED_UTC has 1-second resolution, so two updates of one record in the
 * same second carry the same timestamp. The trigger tells them apart by hashing the record's
 * content: same timestamp and same hash is a re-read, same timestamp and a different hash is a
 * real second update. So the fingerprint must change with every edit a user makes and with
 * nothing else:
 * - keys are sorted, so a server returning the same fields in another order is not a change;
 * - arrays are compared as collections, whatever their order (TAGS, LINKS, CUSTOMFIELDS, the
 *   values of a multi-select field): nothing documents their order, and a list returned in
 *   another order is the same content;
 * - fields Insightly moves without an edit of the record are left out (VOLATILE_FIELDS).
 */

/**
 * Top-level fields that change without an edit of the record: the activity dates follow the
 * record's linked tasks, events and emails, and DATE_UPDATED_UTC is the other half of the key.
 */
export const VOLATILE_FIELDS: readonly string[] = [
	'DATE_UPDATED_UTC',
	'LAST_ACTIVITY_DATE_UTC',
	'NEXT_ACTIVITY_DATE_UTC',
];

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
	return canonical(value, false);
}

function canonical(value: unknown, sortArrays: boolean): string {
	if (value === null || typeof value !== 'object') {
		const json = JSON.stringify(value);
		return json === undefined ? 'null' : json;
	}
	if (Array.isArray(value)) {
		const items = value.map((item) => canonical(item, sortArrays));
		if (sortArrays) items.sort();
		return `[${items.join(',')}]`;
	}
	const object = value as Record<string, unknown>;
	const entries = Object.keys(object)
		.filter((key) => object[key] !== undefined)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${canonical(object[key], sortArrays)}`);
	return `{${entries.join(',')}}`;
}

/** FNV-1a, 32 bits, over the UTF-16 code units of the text; 8 lowercase hex digits. */
export function fnv1a32(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The record's fingerprint: its content without volatile fields, arrays in any order. */
export function recordHash(record: unknown): string {
	let content = record;
	if (record !== null && typeof record === 'object' && !Array.isArray(record)) {
		const kept: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(record)) {
			if (!VOLATILE_FIELDS.includes(key)) kept[key] = value;
		}
		content = kept;
	}
	return fnv1a32(canonical(content, true));
}
