/**
 * UTC time helpers for the trigger.
 *
 * Insightly writes record timestamps as `yyyy-MM-dd HH:mm:ss` in UTC with no zone suffix and
 * takes query timestamps (`updated_after_utc`) as `yyyy-MM-ddTHH:mm:ssZ`; both have 1-second
 * resolution. The trigger therefore keeps all its times as whole UTC epoch seconds, and every
 * conversion pins the zone to UTC explicitly so that the workflow's timezone (or the host's)
 * can never shift a cursor.
 */
import { DateTime } from 'luxon';

const UTC = { zone: 'utc' } as const;
const RECORD_FORMAT = 'yyyy-MM-dd HH:mm:ss';
const QUERY_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'";

/** Whole epoch seconds of a millisecond instant (rounded down). */
export function toEpochSeconds(ms: number): number {
	return Math.floor(ms / 1000);
}

/**
 * Parses a record timestamp (`DATE_UPDATED_UTC`, `DATE_CREATED_UTC`) into epoch seconds.
 * Accepts Insightly's `yyyy-MM-dd HH:mm:ss` (UTC) and, defensively, ISO 8601 (a string without
 * an offset is read as UTC). Returns undefined for anything else, including the zero date
 * `0000-00-00 00:00:00` that some records carry.
 */
export function parseRecordTimestamp(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	// fromSQL reads exactly Insightly's format and is several times faster than fromFormat.
	let parsed = DateTime.fromSQL(text, UTC);
	if (!parsed.isValid) parsed = DateTime.fromISO(text, { ...UTC, setZone: false });
	if (!parsed.isValid || parsed.year < 1900) return undefined;
	return Math.floor(parsed.toSeconds());
}

/** Epoch seconds as Insightly writes them in records: `yyyy-MM-dd HH:mm:ss` (UTC). */
export function formatRecordTimestamp(seconds: number): string {
	return DateTime.fromSeconds(seconds, UTC).toFormat(RECORD_FORMAT);
}

/** Epoch seconds as the `updated_after_utc` query parameter expects: `yyyy-MM-ddTHH:mm:ssZ`. */
export function formatQueryTimestamp(seconds: number): string {
	return DateTime.fromSeconds(seconds, UTC).toFormat(QUERY_FORMAT);
}

/**
 * Reads the trigger's Start Date option (an n8n dateTime parameter) as epoch seconds.
 * A value without an offset is taken as UTC, as the option's description says, so the same
 * workflow means the same instant on every n8n instance. Throws on an unreadable value.
 */
export function parseStartDate(value: unknown): number {
	if (value instanceof Date && !Number.isNaN(value.getTime()))
		return toEpochSeconds(value.getTime());
	if (typeof value === 'string') {
		const seconds = parseRecordTimestamp(value);
		if (seconds !== undefined) return seconds;
	}
	throw new Error(`Start Date "${String(value)}" is not a date and time`);
}

/**
 * An HTTP `Date` header (`Mon, 10 Mar 2025 09:00:07 GMT`) as epoch seconds: Insightly's own
 * clock at the time of a response. Undefined when absent or unreadable.
 */
export function parseHttpDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = DateTime.fromHTTP(value.trim(), UTC);
	return parsed.isValid ? Math.floor(parsed.toSeconds()) : undefined;
}

/** Milliseconds as a readable UTC instant for log lines and messages. */
export function describeInstant(ms: number): string {
	return DateTime.fromMillis(ms, UTC).toFormat("yyyy-MM-dd HH:mm:ss 'UTC'");
}
