/**
 * A short content fingerprint of a record.
 *
 * Insightly's DATE_UPDATED_UTC has 1-second resolution, so two updates of one record in the
 * same second carry the same timestamp. The trigger tells them apart by hashing the record's
 * content: same timestamp and same hash is a re-read, same timestamp and a different hash is a
 * real second update. Keys are sorted before hashing so that a server returning the same fields
 * in another order is not mistaken for a change.
 */

/** JSON with object keys sorted at every level (arrays keep their order: it is meaningful). */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		const json = JSON.stringify(value);
		return json === undefined ? 'null' : json;
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const object = value as Record<string, unknown>;
	const entries = Object.keys(object)
		.filter((key) => object[key] !== undefined)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
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

export function recordHash(record: unknown): string {
	return fnv1a32(canonicalJson(record));
}
