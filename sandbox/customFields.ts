/**
 * Custom fields on records: `CUSTOMFIELDS: [{FIELD_NAME, FIELD_VALUE}]`, each value checked
 * against its field's FIELD_TYPE and stored in the form Insightly returns it.
 */
import { formatInsightlyDate, parseClientDate } from './dates';
import { badRequest } from './errors';
import type { RecordType } from './registry';
import type { CustomFieldMeta, SandboxState, StoredRecord } from './state';

/** Every FIELD_TYPE the sandbox models. */
export const FIELD_TYPES = [
	'TEXT',
	'MULTILINETEXT',
	'DROPDOWN',
	'MULTISELECT',
	'BIT',
	'NUMERIC',
	'CURRENCY',
	'PERCENT',
	'DATE',
	'DATETIME',
	'URL',
	'AUTONUMBER',
	'LOOKUP',
] as const;

const TEXT_LIMITS: Record<string, number> = { TEXT: 255, URL: 255, MULTILINETEXT: 4000 };

/** The stored form of `value` for `field`, or a 400 naming the field and what it expects. */
export function checkCustomValue(
	field: CustomFieldMeta,
	value: unknown,
	state: SandboxState,
): unknown {
	const name = field.FIELD_NAME;
	const fail = (expected: string) =>
		badRequest(
			`Invalid value for custom field ${name} (${field.FIELD_TYPE}): expected ${expected}.`,
		);
	if (field.FIELD_TYPE === 'AUTONUMBER')
		throw badRequest(`Custom field ${name} is an AUTONUMBER and read-only.`);
	if (value === null) return null;
	const options = field.CUSTOM_FIELD_OPTIONS.map((o) => o.OPTION_VALUE);
	switch (field.FIELD_TYPE) {
		case 'TEXT':
		case 'MULTILINETEXT':
		case 'URL':
			if (typeof value !== 'string') throw fail('a string');
			if (value.length > TEXT_LIMITS[field.FIELD_TYPE])
				throw fail(`at most ${TEXT_LIMITS[field.FIELD_TYPE]} characters`);
			return value;
		case 'DROPDOWN':
			if (typeof value !== 'string' || !options.includes(value))
				throw fail(`one of ${options.join(', ')}`);
			return value;
		case 'MULTISELECT': {
			if (typeof value !== 'string') throw fail(`a ';'-separated string of ${options.join(', ')}`);
			const parts = value.split(';').filter((p) => p !== '');
			const unknown = parts.filter((p) => !options.includes(p));
			if (unknown.length)
				throw fail(`values among ${options.join(', ')} (not ${unknown.join(', ')})`);
			return parts.join(';');
		}
		case 'BIT':
			if (typeof value !== 'boolean') throw fail('true or false');
			return value;
		case 'NUMERIC':
		case 'CURRENCY':
		case 'PERCENT':
			if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('a number');
			return value;
		case 'DATE':
		case 'DATETIME': {
			const ms = typeof value === 'string' ? parseClientDate(value) : undefined;
			if (ms === undefined) throw fail('a date like 2024-05-31 13:45:00');
			const text = formatInsightlyDate(ms);
			return field.FIELD_TYPE === 'DATE' ? `${text.slice(0, 10)} 00:00:00` : text;
		}
		case 'LOOKUP': {
			const target = field.JOIN_OBJECT ? state.typeByLinkName(field.JOIN_OBJECT) : undefined;
			if (typeof value !== 'number' || !target || !state.collection(target).has(value)) {
				throw fail(`the id of an existing ${field.JOIN_OBJECT}`);
			}
			return value;
		}
		default:
			return value;
	}
}

/**
 * Applies a CUSTOMFIELDS array to a record: listed fields are set (null clears), others keep
 * their values. Unknown FIELD_NAME -> 400. Returns whether anything changed.
 */
export function applyCustomFields(
	type: RecordType,
	record: StoredRecord,
	entries: unknown,
	state: SandboxState,
): boolean {
	if (!Array.isArray(entries))
		throw badRequest('CUSTOMFIELDS must be an array of {FIELD_NAME, FIELD_VALUE}.');
	const known = state.customFieldsFor(type);
	let changed = false;
	for (const entry of entries as { FIELD_NAME?: unknown; FIELD_VALUE?: unknown }[]) {
		const field = known.find((f) => f.FIELD_NAME === entry?.FIELD_NAME);
		if (!field) {
			throw badRequest(
				`Invalid custom field FIELD_NAME '${String(entry?.FIELD_NAME)}' for ${type.linkName}.`,
			);
		}
		const value = checkCustomValue(
			field,
			entry.FIELD_VALUE === undefined ? null : entry.FIELD_VALUE,
			state,
		);
		record.custom ??= {};
		if (value === null) {
			if (field.FIELD_NAME in record.custom) changed = true;
			delete record.custom[field.FIELD_NAME];
		} else if (record.custom[field.FIELD_NAME] !== value) {
			record.custom[field.FIELD_NAME] = value;
			changed = true;
		}
	}
	return changed;
}

/** Gives a new record its AUTONUMBER values (server-assigned, sequential per field). */
export function assignAutonumbers(
	type: RecordType,
	record: StoredRecord,
	state: SandboxState,
): void {
	for (const field of state.customFieldsFor(type)) {
		if (field.FIELD_TYPE !== 'AUTONUMBER') continue;
		const next = state.autonumbers.get(field.FIELD_NAME) ?? 1;
		state.autonumbers.set(field.FIELD_NAME, next + 1);
		record.custom ??= {};
		record.custom[field.FIELD_NAME] =
			`${field.DEFAULT_VALUE ?? ''}${String(next).padStart(5, '0')}`;
	}
}

/** The CUSTOMFIELDS array of a response. */
export function renderCustomFields(
	record: StoredRecord,
): { FIELD_NAME: string; FIELD_VALUE: unknown; CUSTOM_FIELD_ID: string }[] {
	return Object.entries(record.custom ?? {}).map(([name, value]) => ({
		FIELD_NAME: name,
		FIELD_VALUE: value,
		CUSTOM_FIELD_ID: name,
	}));
}
