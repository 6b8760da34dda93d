/**
 * The record a webhook delivers: reading Insightly's body (`{"entity": {...}}`), its dates, and
 * whether it reports a created or an updated record. Pure functions, no n8n.
 *
 * Dates. Insightly's webhooks write dates in Microsoft's JSON format, `/Date(1489116850787-0800)/`:
 * milliseconds since 1970-01-01 UTC, then the offset of the zone Insightly displays them in. The
 * milliseconds alone fix the instant, so the output is that instant in ISO 8601 UTC
 * (`2017-03-10T03:34:10.787Z`); the offset says nothing more and is dropped. A record read from
 * the API (Fetch Full Record) has Insightly's API form, `yyyy-MM-dd HH:mm:ss` in UTC, which becomes
 * the same ISO form, so the output has one date format whichever way the record came.
 */
import type { IDataObject } from 'n8n-workflow';

/** `/Date(ms)/` or `/Date(ms±hhmm)/`; JSON may escape the slashes, JSON.parse has removed that. */
const MS_JSON_DATE = /^\/Date\((-?\d{1,15})([+-]\d{4})?\)\/$/;
/** Insightly's API date form (UTC, no zone). */
const API_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Epoch milliseconds of an Insightly date (either form, or ISO 8601); undefined if not one. */
export function dateMillis(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const ms = MS_JSON_DATE.exec(text);
	if (ms) return Number(ms[1]);
	const api = API_DATE.exec(text);
	if (api) {
		const [, y, mo, d, h, mi, s] = api.map(Number);
		return Date.UTC(y, mo - 1, d, h, mi, s);
	}
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
		const parsed = Date.parse(text);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}

/** 9999-12-31T23:59:59.999Z: later (or before year 0) would not be a plain ISO 8601 date. */
const LAST_MS = 253402300799999;
const FIRST_MS = -62167219200000;

function isoOf(ms: number): string | undefined {
	return ms >= FIRST_MS && ms <= LAST_MS ? new Date(ms).toISOString() : undefined;
}

/** One value with its Insightly dates (either form) turned into ISO 8601 UTC, at any depth. */
export function convertDates(value: unknown): unknown {
	if (typeof value === 'string') {
		const text = value.trim();
		if (MS_JSON_DATE.test(text) || API_DATE.test(text)) {
			const ms = dateMillis(text);
			return (ms !== undefined && isoOf(ms)) || value;
		}
		return value;
	}
	if (Array.isArray(value)) return value.map(convertDates);
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject))
			out[key] = convertDates(entry) as IDataObject[string];
		return out;
	}
	return value;
}

export type EntityReading = { entity: IDataObject } | { problem: string };

/**
 * The entity of a webhook body. n8n has parsed a JSON body already; a body that arrived as text
 * (another content type) is parsed here. Anything but an object with an `entity` object is a
 * problem, answered with 400.
 */
export function readEntity(body: unknown, rawBody?: unknown): EntityReading {
	let parsed: unknown = body;
	const empty =
		parsed === undefined ||
		parsed === null ||
		parsed === '' ||
		(typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length === 0);
	if (empty && rawBody !== undefined && rawBody !== null) {
		const text = Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : String(rawBody);
		if (text.trim() !== '') parsed = text;
	}
	if (parsed === undefined || parsed === null || parsed === '')
		return { problem: 'The body is empty.' };
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed.replace(/^\uFEFF/, ''));
		} catch {
			return { problem: 'The body is not JSON.' };
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		return { problem: 'The body is not a JSON object with an "entity".' };
	const entity = (parsed as IDataObject).entity;
	if (!entity || typeof entity !== 'object' || Array.isArray(entity))
		return { problem: 'The body has no "entity" object (Insightly sends {"entity": {...}}).' };
	return { entity: entity as IDataObject };
}

/** The record's id: a positive whole number in the type's id field (a number or its digits). */
export function recordIdOf(entity: IDataObject, idField: string): number | undefined {
	const value = entity[idField];
	const id =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d+$/.test(value.trim())
				? Number(value)
				: NaN;
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export type RecordEvent = 'created' | 'updated';

/**
 * Insightly timestamps may differ by a few milliseconds within one save; an edit is a later save.
 * Changes less than this apart count as the creation.
 */
export const CREATED_TOLERANCE_MS = 1000;

/**
 * Created or updated, from the record's own timestamps (Insightly's webhook says neither).
 * A record that was just created carries DATE_UPDATED_UTC equal to DATE_CREATED_UTC (Insightly's
 * own example shows the two the same); every edit moves DATE_UPDATED_UTC on. So: created when
 * DATE_UPDATED_UTC is less than a second after DATE_CREATED_UTC, or missing while
 * DATE_CREATED_UTC is there; updated otherwise, including when DATE_CREATED_UTC is missing
 * (nothing shows the record is new). An edit within the first second after the creation reads as
 * the creation.
 */
export function eventOf(entity: IDataObject): RecordEvent {
	const created = dateMillis(entity.DATE_CREATED_UTC);
	const updated = dateMillis(entity.DATE_UPDATED_UTC);
	if (created === undefined) return 'updated';
	if (updated === undefined) return 'created';
	return updated - created < CREATED_TOLERANCE_MS ? 'created' : 'updated';
}

/**
 * CUSTOMFIELDS entries keyed by FIELD_NAME (API v3.x). Older Insightly payloads name the field
 * CUSTOM_FIELD_ID; whether webhooks still do is not documented, so such entries are read as if
 * they were FIELD_NAME.
 */
export function normaliseCustomFields(record: IDataObject): IDataObject {
	const entries = record.CUSTOMFIELDS;
	if (!Array.isArray(entries)) return record;
	return {
		...record,
		CUSTOMFIELDS: entries.map((entry) => {
			if (!entry || typeof entry !== 'object') return entry;
			const field = entry as IDataObject;
			if (typeof field.FIELD_NAME === 'string' || typeof field.CUSTOM_FIELD_ID !== 'string')
				return field;
			const { CUSTOM_FIELD_ID, ...rest } = field;
			return { FIELD_NAME: CUSTOM_FIELD_ID, ...rest };
		}) as IDataObject[],
	};
}
