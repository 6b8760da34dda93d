/**
 * Names and types of the files that go to and come from Insightly. Both end up in places where
 * a stray character does harm: a multipart part header (CR/LF would start a new header or part),
 * a file system path in n8n's binary data store (`../`), a download offered to a browser.
 */

/** Largest file the node uploads or downloads: a clear error beats exhausting n8n's memory. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const TOKEN = '[A-Za-z0-9!#$&^_.+-]{1,127}';
const MIME_TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);

/** A bare `type/subtype` (parameters such as `; charset=` are not needed by Insightly). */
export function isMimeType(value: string): boolean {
	return MIME_TYPE.test(value);
}

/**
 * A file name safe for a part header and a download: the last path segment only, without
 * control characters or quotes, at most 255 characters; `fallback` when nothing is left.
 */
export function safeFileName(name: string | undefined, fallback: string): string {
	const lastSegment = String(name ?? '')
		.split(/[/\\]/)
		.pop();
	const cleaned = (lastSegment ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
	const withoutDots = /^\.+$/.test(cleaned) ? '' : cleaned;
	return withoutDots.slice(0, 255) || fallback;
}

/** "12.3 MiB" for messages. */
export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
		: `${Math.ceil(bytes / 1024)} KiB`;
}
