import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { FIELD_PARAMETERS, readCustomFieldEntries } from '../descriptions/fieldProperties';
import { buildCustomFieldsBody } from '../utils/customFields';
import { buildRecordBody } from '../utils/fieldValues';
import { getRecordFields } from '../utils/fieldSpec';
import { InputError } from '../utils/validation';
import type { ExecutionCache, Target } from './target';

export type WriteMode = 'create' | 'update' | 'upsert';

/** Custom field API names end in __c (v3 instances). */
export function isCustomFieldName(name: string): boolean {
	return /__c$/i.test(name);
}

/**
 * The JSON body of a create or update, from the node's field parameters: required fields at the
 * top, Additional Fields / Update Fields, Custom Fields (an empty value clears one) and Clear Fields. Everything is converted
 * and checked here, before any request.
 */
export async function buildWriteBody(
	this: IExecuteFunctions,
	target: Target,
	mode: WriteMode,
	itemIndex: number,
	cache: ExecutionCache,
): Promise<IDataObject> {
	const specs = getRecordFields(target.type.key);
	const values: IDataObject = {};
	if (mode !== 'update') {
		for (const spec of specs.filter((field) => field.required)) {
			values[spec.name] = this.getNodeParameter(spec.name, itemIndex, '') as IDataObject[string];
		}
	}
	const collection = this.getNodeParameter(mode === 'update' ? FIELD_PARAMETERS.updateFields : FIELD_PARAMETERS.additionalFields, itemIndex, {}) as IDataObject;
	Object.assign(values, collection);
	const clearFields = mode === 'update' ? ((this.getNodeParameter(FIELD_PARAMETERS.clearFields, itemIndex, []) as string[]) ?? []) : [];

	const body = buildRecordBody(specs, values, {
		zone: this.getTimezone(),
		itemIndex,
		recordLabel: target.label,
		clearFields,
		// An upsert checks required fields only when it comes to create (see upsert).
		checkRequired: mode === 'create',
	});

	const entries = readCustomFieldEntries(this.getNodeParameter(FIELD_PARAMETERS.customFields, itemIndex, {}));
	if (entries.length) {
		if (!target.customFieldsObject) {
			throw new InputError(`${target.label}s have no custom fields`, { field: 'Custom Fields', itemIndex });
		}
		const metadata = await cache.customFieldsOf(this, target.customFieldsObject, itemIndex);
		const customFields = buildCustomFieldsBody(entries, metadata, { zone: this.getTimezone(), itemIndex, objectLabel: target.label });
		body.CUSTOMFIELDS = customFields as unknown as IDataObject[];
	}
	return body;
}
