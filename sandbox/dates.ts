/** Insightly's date forms: bodies use `yyyy-MM-dd HH:mm:ss` (UTC), queries ISO 8601. */
import { ACCEPTED_DATE_TIME } from './swagger';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-MM-dd HH:mm:ss` in UTC, the form of every DATE_*_UTC the server returns. */
export function formatInsightlyDate(ms: number): string {
	const d = new Date(ms);
	return (
		`${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
	);
}

/**
 * Parses a date a client sent (Insightly form, ISO 8601 with or without zone, or a bare date);
 * a value without zone is UTC. Returns epoch ms, or undefined when the text is not a date.
 */
export function parseClientDate(text: string): number | undefined {
	if (typeof text !== 'string' || !ACCEPTED_DATE_TIME.test(text)) return undefined;
	let iso = text.replace(' ', 'T');
	if (iso.length === 10) iso += 'T00:00:00';
	if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? undefined : ms;
}

/** A time given as an option: epoch ms or any date text Date.parse / parseClientDate accepts. */
export function parseTimeOption(time: string | number): number {
	if (typeof time === 'number') return time;
	const ms = parseClientDate(time) ?? Date.parse(time);
	if (Number.isNaN(ms)) throw new Error(`Not a time: ${time}`);
	return ms;
}

/** Whole seconds: Insightly timestamps have 1-second resolution. */
export const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** `yyyy-MM-dd` of the UTC day containing ms (the daily quota's window key). */
export const utcDay = (ms: number) => formatInsightlyDate(ms).slice(0, 10);
