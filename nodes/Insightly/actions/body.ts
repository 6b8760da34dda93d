import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { FIELD_PARAMETERS, readCustomFieldEntries } from '../descriptions/fieldProperties';
import { buildCustomFieldsBody } from '../utils/customFields';
import { buildRecordBody } from '../utils/fieldValues';
import { getRecordFields, getUpdatableFields } from '../schema';
import { InputError, parseJson } from '../utils/validation';
import type { ExecutionCache, Target } from './target';

export type WriteMode = 'create' | 'update' | 'upsert';

/** Name of the optional JSON parameter of create, update and upsert. */
export const JSON_FIELDS_PARAMETER = 'jsonFields';

interface CustomFieldEntry {
	fieldName: string;
	value: unknown;
}

/** Custom field API names end in __c (v3 instances). */
export function isCustomFieldName(name: string): boolean {
	return /__c$/i.test(name);
}

/**
 * The optional Fields (JSON) parameter: an object of API names and values, handy to map a whole
 * incoming item. Custom fields go under CUSTOMFIELDS, as Insightly's array or as an object keyed by
 * field name. Every value then takes the same conversion and checks as the other parameters.
 */
function jsonFields(
	this: IExecuteFunctions,
	itemIndex: number,
): { fields: IDataObject; customFields: CustomFieldEntry[] } {
	const raw = this.getNodeParameter(JSON_FIELDS_PARAMETER, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return { fields: {}, customFields: [] };
	const parsed = parseJson<unknown>(raw, 'Fields (JSON)', itemIndex);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InputError('Fields (JSON) must be a JSON object such as {"TITLE": "CEO"}', {
			field: 'Fields (JSON)',
			itemIndex,
		});
	}
	const { CUSTOMFIELDS: custom, ...fields } = parsed as IDataObject;
	let customFields: CustomFieldEntry[] = [];
	if (Array.isArray(custom)) {
		customFields = (custom as IDataObject[]).map((entry) => ({
			fieldName: String(entry?.FIELD_NAME ?? ''),
			value: entry?.FIELD_VALUE,
		}));
	} else if (custom && typeof custom === 'object') {
		customFields = Object.entries(custom as IDataObject).map(([fieldName, value]) => ({
			fieldName,
			value,
		}));
	} else if (custom !== undefined) {
		throw new InputError(
			'CUSTOMFIELDS in Fields (JSON) must be a list of {FIELD_NAME, FIELD_VALUE} or an object keyed by field name',
			{ field: 'Fields (JSON)', itemIndex },
		);
	}
	return { fields, customFields };
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
	const specs =
		mode === 'update' ? getUpdatableFields(target.type.key) : getRecordFields(target.type.key);
	const values: IDataObject = {};
	if (mode !== 'update') {
		for (const spec of specs.filter((field) => field.required)) {
			values[spec.name] = this.getNodeParameter(spec.name, itemIndex, '') as IDataObject[string];
		}
	}
	const collection = this.getNodeParameter(
		mode === 'update' ? FIELD_PARAMETERS.updateFields : FIELD_PARAMETERS.additionalFields,
		itemIndex,
		{},
	) as IDataObject;
	Object.assign(values, collection);
	const json = jsonFields.call(this, itemIndex);
	for (const [name, value] of Object.entries(json.fields)) {
		if (values[name] !== undefined && values[name] !== '') {
			throw new InputError(
				`${name} is given both in Fields (JSON) and as a parameter: choose one`,
				{ field: 'Fields (JSON)', itemIndex },
			);
		}
		values[name] = value;
	}
	const clearFields =
		mode === 'update'
			? ((this.getNodeParameter(FIELD_PARAMETERS.clearFields, itemIndex, []) as string[]) ?? [])
			: [];

	const body = buildRecordBody(specs, values, {
		zone: this.getTimezone(),
		itemIndex,
		recordLabel: target.label,
		clearFields,
		// An upsert checks required fields only when it comes to create (see upsert).
		checkRequired: mode === 'create',
	});

	const entries = [
		...readCustomFieldEntries(this.getNodeParameter(FIELD_PARAMETERS.customFields, itemIndex, {})),
		...json.customFields,
	];
	if (entries.length) {
		if (!target.customFields) {
			throw new InputError(`${target.pluralLabel} have no custom fields`, {
				field: 'Custom Fields',
				itemIndex,
			});
		}
		const metadata = await cache.customFieldsOf(this, target.customFields, itemIndex);
		const customFields = buildCustomFieldsBody(entries, metadata, {
			zone: this.getTimezone(),
			itemIndex,
			objectLabel: target.label,
		});
		body.CUSTOMFIELDS = customFields as unknown as IDataObject[];
	}
	return body;
}
