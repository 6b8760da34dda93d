/**
 * Field filters of the webhook trigger: every condition must hold for the record to start the
 * workflow. A condition names a field (a standard field such as CITY, or a custom field's API
 * name such as Region__c) and a value; it holds when the field's value equals it, ignoring case
 * and surrounding spaces. For a multi-select field (`a;b` or a list) one of its values must equal
 * it. An empty value matches an empty or missing field.
 */
import type { IDataObject } from 'n8n-workflow';

import { splitMultiselect } from '../utils/customFields';

export interface FieldCondition {
	field: string;
	value: string;
}

const normal = (value: unknown) => String(value).trim().toLowerCase();

/** The field's value in a record, raw (CUSTOMFIELDS) or simplified (customFields). */
export function fieldValue(record: IDataObject, field: string): unknown {
	const name = field.trim();
	if (Object.prototype.hasOwnProperty.call(record, name)) return record[name];
	const simplified = record.customFields;
	if (simplified && typeof simplified === 'object' && !Array.isArray(simplified)) {
		if (Object.prototype.hasOwnProperty.call(simplified, name))
			return (simplified as IDataObject)[name];
	}
	if (Array.isArray(record.CUSTOMFIELDS)) {
		const entry = (record.CUSTOMFIELDS as IDataObject[]).find(
			(candidate) => candidate && candidate.FIELD_NAME === name,
		);
		if (entry) return entry.FIELD_VALUE;
	}
	const lower = name.toLowerCase();
	const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
	return key === undefined ? undefined : record[key];
}

export function conditionHolds(record: IDataObject, condition: FieldCondition): boolean {
	const actual = fieldValue(record, condition.field);
	const wanted = normal(condition.value ?? '');
	if (actual === undefined || actual === null || actual === '') return wanted === '';
	if (typeof actual === 'object' && !Array.isArray(actual)) return false;
	if (normal(actual) === wanted) return true;
	const values = splitMultiselect(actual);
	return values.length > 1 && values.some((entry) => normal(entry) === wanted);
}

/** The first condition that does not hold, or undefined when all hold. */
export function failedCondition(
	record: IDataObject,
	conditions: FieldCondition[],
): FieldCondition | undefined {
	return conditions.find(
		(condition) => condition.field.trim() !== '' && !conditionHolds(record, condition),
	);
}
