/**
 * Custom fields: converting user values to what Insightly stores, by the field's FIELD_TYPE
 * (metadata from `GET /CustomFields/{object}`), and flattening `CUSTOMFIELDS` for output.
 *
 * Value shapes (docs/live-api.md, "Custom fields"): TEXT → string, DROPDOWN → option text, MULTISELECT →
 * `"Music;Sports"` (semicolon-joined), BIT → boolean, numbers → number. DATE / DATETIME go in
 * the body date format. AUTONUMBER and FORMULA (calculated) fields are computed by Insightly.
 */
import type { IDataObject } from 'n8n-workflow';

import { coerceBoolean, coerceNumber } from './coerce';
import { toInsightlyBodyDate } from './dates';
import { InputError, isEmptyValue, parseRecordId } from './validation';

export interface CustomFieldOption {
	OPTION_ID?: number;
	OPTION_VALUE: string;
	OPTION_DEFAULT?: boolean;
}

/** The parts of `APICustomFieldMetadata` this module uses. */
export interface CustomFieldMetadata {
	FIELD_NAME: string;
	FIELD_LABEL?: string;
	FIELD_TYPE: string;
	FIELD_FOR?: string;
	EDITABLE?: boolean;
	CUSTOM_FIELD_OPTIONS?: CustomFieldOption[] | null;
	JOIN_OBJECT?: string | null;
}

/** One `CUSTOMFIELDS` entry of a request body. */
export interface CustomFieldValue {
	FIELD_NAME: string;
	FIELD_VALUE: string | number | boolean | null;
}

export type CustomFieldValueKind =
	| 'text'
	| 'dropdown'
	| 'multiselect'
	| 'boolean'
	| 'number'
	| 'date'
	| 'dateTime'
	| 'lookup'
	| 'computed';

const KIND_BY_TYPE: Record<string, CustomFieldValueKind> = {
	DROPDOWN: 'dropdown',
	MULTISELECT: 'multiselect',
	BIT: 'boolean',
	BOOLEAN: 'boolean',
	CHECKBOX: 'boolean',
	NUMERIC: 'number',
	NUMBER: 'number',
	DECIMAL: 'number',
	INTEGER: 'number',
	CURRENCY: 'number',
	PERCENT: 'number',
	DATE: 'date',
	DATETIME: 'dateTime',
	LOOKUP: 'lookup',
	AUTONUMBER: 'computed',
	FORMULA: 'computed',
	CALCULATED: 'computed',
};

/** How values of this FIELD_TYPE are converted; unknown types are treated as text. */
export function customFieldKind(fieldType: string | undefined): CustomFieldValueKind {
	return KIND_BY_TYPE[(fieldType ?? '').toUpperCase()] ?? 'text';
}

export const MULTISELECT_SEPARATOR = ';';

/**
 * Finds a custom field by API name (`Hobby__c`), falling back to its label. The dropdown in
 * the node returns FIELD_NAME; labels help users who type the value in an expression.
 */
export function findCustomField(
	metadata: CustomFieldMetadata[],
	nameOrLabel: string,
	options: { objectLabel?: string; itemIndex?: number } = {},
): CustomFieldMetadata {
	const wanted = nameOrLabel.trim();
	const byName =
		metadata.find((field) => field.FIELD_NAME === wanted) ??
		metadata.find((field) => field.FIELD_NAME.toLowerCase() === wanted.toLowerCase());
	if (byName) return byName;
	const byLabel = metadata.filter(
		(field) => (field.FIELD_LABEL ?? '').toLowerCase() === wanted.toLowerCase(),
	);
	if (byLabel.length === 1) return byLabel[0];

	const where = options.objectLabel ? ` on ${options.objectLabel}` : '';
	const known = metadata
		.map((field) => field.FIELD_NAME)
		.slice(0, 20)
		.join(', ');
	throw new InputError(
		byLabel.length > 1
			? `Custom field label "${wanted}" is ambiguous${where}: use its API name (${byLabel.map((f) => f.FIELD_NAME).join(', ')})`
			: `Unknown custom field "${wanted}"${where}`,
		{
			field: 'Custom Fields',
			itemIndex: options.itemIndex,
			description: known
				? `Known custom fields: ${known}${metadata.length > 20 ? ', ...' : ''}`
				: 'This record type has no custom fields.',
		},
	);
}

function fieldLabelOf(field: CustomFieldMetadata): string {
	return field.FIELD_LABEL
		? `Custom field "${field.FIELD_LABEL}" (${field.FIELD_NAME})`
		: `Custom field ${field.FIELD_NAME}`;
}

/** Matches a value against the field's options ignoring case, returning the option's own spelling. */
function matchOption(field: CustomFieldMetadata, value: string, itemIndex?: number): string {
	const options = field.CUSTOM_FIELD_OPTIONS ?? [];
	if (options.length === 0) return value; // options not loaded: let Insightly judge
	const match = options.find(
		(option) => option.OPTION_VALUE.toLowerCase() === value.trim().toLowerCase(),
	);
	if (!match) {
		throw new InputError(`${fieldLabelOf(field)} has no option "${value}"`, {
			field: field.FIELD_NAME,
			itemIndex,
			description: `Allowed: ${options.map((option) => option.OPTION_VALUE).join(', ')}`,
		});
	}
	return match.OPTION_VALUE;
}

/** A multiselect value as a list: arrays as they are, text split on `;` (or a JSON array). */
export function splitMultiselect(value: unknown): string[] {
	if (Array.isArray(value))
		return value.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
	if (typeof value !== 'string') return isEmptyValue(value) ? [] : [String(value)];
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return splitMultiselect(parsed);
		} catch {
			// not JSON: fall through and treat it as `;`-joined text
		}
	}
	return text
		.split(MULTISELECT_SEPARATOR)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/**
 * Converts one user value to the FIELD_VALUE Insightly expects for this field. An empty value
 * (blank text, empty list, null) becomes null, which clears the field.
 */
export function toCustomFieldValue(
	field: CustomFieldMetadata,
	value: unknown,
	options: { zone?: string; itemIndex?: number } = {},
): string | number | boolean | null {
	const { itemIndex } = options;
	const label = fieldLabelOf(field);
	const kind = customFieldKind(field.FIELD_TYPE);

	if (kind === 'computed' || field.EDITABLE === false) {
		throw new InputError(`${label} is read-only: Insightly computes its value`, {
			field: field.FIELD_NAME,
			itemIndex,
		});
	}
	if (isEmptyValue(value)) return null;

	switch (kind) {
		case 'multiselect':
			return splitMultiselect(value)
				.map((entry) => matchOption(field, entry, itemIndex))
				.join(MULTISELECT_SEPARATOR);
		case 'dropdown':
			return matchOption(field, String(value), itemIndex);
		case 'boolean': {
			const bool = coerceBoolean(value);
			if (bool === undefined) {
				throw new InputError(`${label} expects true or false (got "${String(value)}")`, {
					field: field.FIELD_NAME,
					itemIndex,
				});
			}
			return bool;
		}
		case 'number': {
			const number = coerceNumber(value);
			if (number === undefined) {
				throw new InputError(`${label} expects a number (got "${String(value)}")`, {
					field: field.FIELD_NAME,
					itemIndex,
				});
			}
			return number;
		}
		case 'date':
		case 'dateTime':
			return toInsightlyBodyDate(value, label, {
				zone: options.zone,
				dateOnly: kind === 'date',
				itemIndex,
			});
		case 'lookup':
			// A lookup stores the ID of the joined record.
			return parseRecordId(value, label, itemIndex);
		default:
			if (typeof value === 'object') {
				throw new InputError(`${label} expects text (got ${JSON.stringify(value)})`, {
					field: field.FIELD_NAME,
					itemIndex,
				});
			}
			return String(value);
	}
}

/**
 * Builds the `CUSTOMFIELDS` array of a request body from the node's Custom Fields entries.
 * Each entry's field is looked up in the metadata (unknown → InputError); a field given twice
 * is an error rather than a silent last-one-wins.
 */
export function buildCustomFieldsBody(
	entries: Array<{ fieldName: string; value: unknown }>,
	metadata: CustomFieldMetadata[],
	options: { zone?: string; itemIndex?: number; objectLabel?: string } = {},
): CustomFieldValue[] {
	const seen = new Set<string>();
	return entries.map(({ fieldName, value }) => {
		const field = findCustomField(metadata, fieldName, options);
		if (seen.has(field.FIELD_NAME)) {
			throw new InputError(`Custom field ${field.FIELD_NAME} is set more than once`, {
				field: field.FIELD_NAME,
				itemIndex: options.itemIndex,
			});
		}
		seen.add(field.FIELD_NAME);
		return { FIELD_NAME: field.FIELD_NAME, FIELD_VALUE: toCustomFieldValue(field, value, options) };
	});
}

/** A stored FIELD_VALUE → the value users see in simplified output, by field type. */
export function fromCustomFieldValue(
	field: CustomFieldMetadata | undefined,
	value: unknown,
): unknown {
	if (!field || value === null || value === undefined) return value;
	switch (customFieldKind(field.FIELD_TYPE)) {
		case 'multiselect':
			return splitMultiselect(value);
		case 'boolean':
			return coerceBoolean(value) ?? value;
		case 'number':
			return coerceNumber(value) ?? value;
		default:
			return value;
	}
}

/**
 * Simplified record: `CUSTOMFIELDS: [{FIELD_NAME, FIELD_VALUE}]` becomes
 * `customFields: { FIELD_NAME: value }`; with metadata, MULTISELECT values become arrays and
 * BIT/number values real booleans/numbers. Other keys are kept as they are; the input record is
 * not modified. Records without `CUSTOMFIELDS` (e.g. `brief=true`) get no `customFields` key and
 * come back as they are (the same object).
 */
export function simplifyRecord(record: IDataObject, metadata?: CustomFieldMetadata[]): IDataObject {
	// Nothing to flatten: the record itself, not a copy (a Get Many of 100,000 brief records
	// would otherwise hold every record twice).
	if (!Array.isArray(record.CUSTOMFIELDS)) return record;
	const { CUSTOMFIELDS: rawCustomFields, ...rest } = record;

	const byName = new Map((metadata ?? []).map((field) => [field.FIELD_NAME, field]));
	// Keys come from the server: a null prototype means "__proto__" or "constructor" is just a
	// field name, never a way to change the object's prototype.
	const customFields: IDataObject = Object.create(null) as IDataObject;
	for (const entry of rawCustomFields as IDataObject[]) {
		if (!entry || typeof entry.FIELD_NAME !== 'string') continue;
		customFields[entry.FIELD_NAME] = fromCustomFieldValue(
			byName.get(entry.FIELD_NAME),
			entry.FIELD_VALUE,
		) as IDataObject[string];
	}
	return { ...rest, customFields };
}
