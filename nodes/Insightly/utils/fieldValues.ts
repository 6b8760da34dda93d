/**
 * Builds a record's request body from what the user entered (required top-level fields merged
 * with Additional Fields / Update Fields, keyed by API name) using the generated field specs:
 * values are converted to the JSON type Insightly expects and checked before any request.
 */
import type { IDataObject } from 'n8n-workflow';

import { coerceBoolean, coerceNumber } from './coerce';
import { toInsightlyBodyDate } from './dates';
import type { FieldSpec } from '../schema';
import { InputError, isEmptyValue, parseRecordId } from './validation';

export interface FieldValueOptions {
	/** Workflow timezone for dates without an offset (default UTC). */
	zone?: string;
	itemIndex?: number;
}

export interface BuildBodyOptions extends FieldValueOptions {
	/** Record type label for messages ('Contact'). */
	recordLabel?: string;
	/** API names to send as null (the Clear Fields parameter). */
	clearFields?: string[];
	/** Create/upsert: every required field must have a value. */
	checkRequired?: boolean;
}

/** Label without the dynamic-options suffix: 'Owner Name or ID' → 'Owner'. */
export function plainLabel(spec: FieldSpec): string {
	return spec.label.replace(/ Name or ID$/, '');
}

function fail(spec: FieldSpec, message: string, itemIndex?: number): never {
	throw new InputError(`${plainLabel(spec)} ${message}`, { field: spec.name, itemIndex });
}

function checkLength(spec: FieldSpec, text: string, itemIndex?: number): string {
	if (spec.maxLength && text.length > spec.maxLength) {
		fail(
			spec,
			`is too long: ${text.length} characters, Insightly allows ${spec.maxLength}`,
			itemIndex,
		);
	}
	return text;
}

/**
 * One field value → the JSON value for the body. Callers skip empty values first (see
 * `buildRecordBody`); this function assumes there is something to convert.
 */
export function convertFieldValue(
	spec: FieldSpec,
	value: unknown,
	options: FieldValueOptions = {},
): string | number | boolean {
	const { itemIndex } = options;
	if (spec.reference) return parseRecordId(value, plainLabel(spec), itemIndex);

	if (spec.kind === 'number' || (spec.kind === 'options' && spec.integer)) {
		const number = coerceNumber(value);
		if (number === undefined)
			return fail(spec, `must be a number (got ${JSON.stringify(value)})`, itemIndex);
		if (spec.integer && !Number.isInteger(number))
			return fail(spec, `must be a whole number (got ${number})`, itemIndex);
		return number;
	}
	if (spec.kind === 'boolean') {
		const bool = coerceBoolean(value);
		if (bool === undefined)
			return fail(spec, `must be true or false (got ${JSON.stringify(value)})`, itemIndex);
		return bool;
	}
	if (spec.kind === 'dateTime') {
		return toInsightlyBodyDate(value, plainLabel(spec), {
			zone: options.zone,
			dateOnly: spec.dateKind === 'date',
			itemIndex,
		});
	}
	// Text and known-value options (any value is accepted: Insightly has the final word). A known
	// value in another casing is sent in Insightly's own ('WON' -> 'Won').
	if (typeof value === 'object')
		return fail(spec, `must be text (got ${JSON.stringify(value)})`, itemIndex);
	const known = spec.options?.find(
		(option) =>
			typeof option.value === 'string' &&
			option.value.toLowerCase() === String(value).toLowerCase(),
	);
	return checkLength(spec, known ? String(known.value) : String(value), itemIndex);
}

/**
 * The body for POST/PUT. Empty values (blank text, null) are left out, so an untouched
 * optional field never overwrites data; Clear Fields is the explicit way to send null.
 * Unknown field names are errors: they would otherwise be dropped or rejected by Insightly.
 */
export function buildRecordBody(
	specs: FieldSpec[],
	values: IDataObject,
	options: BuildBodyOptions = {},
): IDataObject {
	const { itemIndex } = options;
	const where = options.recordLabel ? ` for ${options.recordLabel}` : '';
	const byName = new Map(specs.map((spec) => [spec.name, spec]));
	const lookup = (name: string): FieldSpec => {
		const spec = byName.get(name);
		if (!spec) {
			throw new InputError(`Unknown field "${name}"${where}`, {
				field: name,
				itemIndex,
				description: `Known fields: ${specs.map((known) => known.name).join(', ')}`,
			});
		}
		return spec;
	};

	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		const spec = lookup(name);
		if (isEmptyValue(value)) continue;
		body[name] = convertFieldValue(spec, value, options);
	}

	for (const name of options.clearFields ?? []) {
		const spec = lookup(name);
		if (spec.required) fail(spec, 'is required and cannot be cleared', itemIndex);
		if (name in body) fail(spec, 'is both set and cleared: choose one', itemIndex);
		body[name] = null;
	}

	if (options.checkRequired) {
		for (const spec of specs) {
			if (spec.required && body[spec.name] === undefined)
				fail(spec, 'is required but empty', itemIndex);
		}
	}
	return body;
}
