import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { FIELD_PARAMETERS, readCustomFieldEntries } from '../descriptions/fieldProperties';
import { insightlyRequest } from '../transport';
import { buildCustomFieldsBody, customFieldKind } from '../utils/customFields';
import { buildRecordBody } from '../utils/fieldValues';
import { getRecordFields, getUpdatableFields } from '../schema';
import { InputError, parseJson } from '../utils/validation';
import { asDataObjects, type ExecutionCache, type Target } from './target';

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

/**
 * Whether Insightly's PUT merges CUSTOMFIELDS or replaces the set is unconfirmed
 * (docs/live-api.md, "Custom fields"). An update that names some custom fields therefore reads
 * the record first (one request) and sends the others back unchanged, so the result is the same
 * under both: no custom field is ever cleared by an update that did not name it. Fields
 * Insightly computes or locks are not sent back.
 */
export async function keepOtherCustomFields(
	this: IExecuteFunctions,
	target: Target,
	id: number,
	body: IDataObject,
	cache: ExecutionCache,
	itemIndex: number,
): Promise<void> {
	if (!Array.isArray(body.CUSTOMFIELDS) || !target.customFields) return;
	const named = new Set((body.CUSTOMFIELDS as IDataObject[]).map((entry) => entry.FIELD_NAME));
	const [current] = asDataObjects(
		(
			await insightlyRequest.call(this, {
				method: 'GET',
				path: `/${target.path}/${id}`,
				itemIndex,
				record: { typeName: target.label, id },
			})
		).body,
	);
	const metadata = await cache.customFieldsOf(this, target.customFields, itemIndex);
	const writable = new Set(
		metadata
			.filter(
				(field) => field.EDITABLE !== false && customFieldKind(field.FIELD_TYPE) !== 'computed',
			)
			.map((field) => field.FIELD_NAME),
	);
	const kept = ((current?.CUSTOMFIELDS as IDataObject[] | undefined) ?? [])
		.filter(
			(entry) =>
				typeof entry.FIELD_NAME === 'string' &&
				!named.has(entry.FIELD_NAME) &&
				writable.has(entry.FIELD_NAME),
		)
		.map((entry) => ({ FIELD_NAME: entry.FIELD_NAME, FIELD_VALUE: entry.FIELD_VALUE }));
	body.CUSTOMFIELDS = [...kept, ...(body.CUSTOMFIELDS as IDataObject[])];
}
