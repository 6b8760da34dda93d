/**
 * Date conversion between what n8n users hand us and Insightly's two formats:
 * - request/response bodies: `yyyy-MM-dd HH:mm:ss`, UTC, no zone suffix (`2025-04-22 19:34:12`);
 * - query parameters (`updated_after_utc`): ISO 8601 UTC with `Z` (`2025-04-22T19:34:12Z`).
 * Mixing them up is a common cause of 400s, so every date goes through here.
 */
import { DateTime } from 'luxon';

import { InputError } from './validation';

export const INSIGHTLY_BODY_FORMAT = 'yyyy-MM-dd HH:mm:ss';
export const INSIGHTLY_QUERY_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'";

export interface DateConversionOptions {
	/**
	 * Zone used for inputs that carry no offset (an n8n Date & Time picker value such as
	 * `2025-04-22T09:00:00`, a bare `2025-04-22`). Pass the workflow timezone; default UTC.
	 * Inputs in Insightly's own body format are always read as UTC, because that is what
	 * Insightly sends (so `{{ $json.DATE_UPDATED_UTC }}` round-trips unchanged).
	 */
	zone?: string;
	/**
	 * Date-only fields (DATE_OF_BIRTH, DUE_DATE...): keep the calendar day the user wrote,
	 * in the input's own zone, and send it as midnight (`2025-04-22 00:00:00`). Converting
	 * to UTC first would move `2025-04-22T00:00:00+02:00` to the 21st.
	 */
	dateOnly?: boolean;
	/** Item the value came from, for the error. */
	itemIndex?: number;
}

const BODY_FORMAT_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
/** Microsoft JSON dates used by Insightly webhooks: `/Date(1489132800000-0800)/`. */
const MS_JSON_DATE_PATTERN = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

function invalid(value: unknown, fieldLabel: string, itemIndex?: number, why?: string): never {
	const shown = typeof value === 'string' ? `"${value}"` : String(value);
	throw new InputError(`${fieldLabel} is not a valid date${why ? ` (${why})` : ''}: ${shown}`, {
		field: fieldLabel,
		itemIndex,
		description:
			'Use a date such as 2025-04-22 or 2025-04-22T09:30:00Z, or pick one with the date picker.',
	});
}

/**
 * Reads any supported date input into a luxon DateTime (keeping the input's own offset where
 * it has one). Throws InputError naming the field when the value is not a real date.
 */
export function parseDateInput(
	value: unknown,
	fieldLabel: string,
	options: DateConversionOptions = {},
): DateTime {
	const zone = options.zone ?? 'UTC';
	let parsed: DateTime;

	if (DateTime.isDateTime(value)) {
		parsed = value;
	} else if (value instanceof Date) {
		parsed = DateTime.fromJSDate(value, { zone });
	} else if (typeof value === 'number') {
		// Epoch milliseconds, as Date.now() and $now.toMillis() produce.
		parsed = DateTime.fromMillis(value, { zone });
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') invalid(value, fieldLabel, options.itemIndex, 'empty');
		if (text.startsWith('0000-00-00')) invalid(value, fieldLabel, options.itemIndex, 'zero date');
		const msJson = MS_JSON_DATE_PATTERN.exec(text);
		if (msJson) {
			parsed = DateTime.fromMillis(Number(msJson[1]), { zone: 'UTC' });
			if (msJson[2]) parsed = parsed.setZone(`UTC${msJson[2].slice(0, 3)}:${msJson[2].slice(3)}`);
		} else if (BODY_FORMAT_PATTERN.test(text)) {
			parsed = DateTime.fromSQL(text, { zone: 'UTC' });
		} else {
			parsed = DateTime.fromISO(text, { zone, setZone: true });
		}
	} else {
		return invalid(value, fieldLabel, options.itemIndex);
	}

	if (!parsed.isValid)
		invalid(value, fieldLabel, options.itemIndex, parsed.invalidExplanation ?? undefined);
	return parsed;
}

/** Any supported input → Insightly body format (`yyyy-MM-dd HH:mm:ss`, UTC). */
export function toInsightlyBodyDate(
	value: unknown,
	fieldLabel: string,
	options: DateConversionOptions = {},
): string {
	const parsed = parseDateInput(value, fieldLabel, options);
	if (options.dateOnly) {
		// The calendar day as written, not the UTC day.
		return `${parsed.toFormat('yyyy-MM-dd')} 00:00:00`;
	}
	return parsed.toUTC().toFormat(INSIGHTLY_BODY_FORMAT);
}

/** Any supported input → Insightly query format (`yyyy-MM-ddTHH:mm:ssZ`, UTC, whole seconds). */
export function toInsightlyQueryDate(
	value: unknown,
	fieldLabel: string,
	options: DateConversionOptions = {},
): string {
	return parseDateInput(value, fieldLabel, options).toUTC().toFormat(INSIGHTLY_QUERY_FORMAT);
}

/**
 * An Insightly date from a response (`yyyy-MM-dd HH:mm:ss`, UTC) → luxon DateTime in UTC;
 * undefined for null, empty and zero dates, which Insightly uses for "no date".
 */
export function parseInsightlyDate(value: unknown): DateTime | undefined {
	if (typeof value !== 'string' || value.trim() === '' || value.startsWith('0000-00-00'))
		return undefined;
	const text = value.trim();
	const parsed = BODY_FORMAT_PATTERN.test(text)
		? DateTime.fromSQL(text, { zone: 'UTC' })
		: DateTime.fromISO(text, { zone: 'UTC' });
	return parsed.isValid ? parsed.toUTC() : undefined;
}
