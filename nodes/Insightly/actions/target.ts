import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getRecordType, type RecordType } from '../objects';
import { insightlyRequest } from '../transport';
import type { CustomFieldMetadata } from '../utils/customFields';
import { recordIdFromUrl } from '../utils/recordUrl';
import { InputError, parseCustomObjectName, parseRecordId } from '../utils/validation';

/** Where a type's custom fields are read: GET /CustomFields/{object}, kept if FIELD_FOR matches. */
export interface CustomFieldSource {
	object: string;
	fieldFor: readonly string[];
}

/** A record type resolved for one item: custom objects get their path from the chosen object. */
export interface Target {
	type: RecordType;
	/** API collection path without slashes: 'Contacts', 'Product', 'Fruit__c'. */
	path: string;
	/** Where the custom fields are defined, when the type has custom fields. */
	customFields?: CustomFieldSource;
	/** Human name for messages: 'Contact', 'Fruit__c record'. */
	label: string;
	/** Plural for messages: 'Opportunities', 'Fruit__c records'. */
	pluralLabel: string;
}

/** The target of a custom object's records. */
function customObjectTarget(type: RecordType, objectName: string): Target {
	return {
		type,
		path: objectName,
		customFields: { object: objectName, fieldFor: [objectName] },
		label: `${objectName} record`,
		pluralLabel: `${objectName} records`,
	};
}

export function resolveTarget(this: IExecuteFunctions, typeKey: string, itemIndex: number): Target {
	const type = getRecordType(typeKey);
	if (!type.custom) {
		return {
			type,
			path: type.path,
			customFields: type.customFields,
			label: type.displayName,
			pluralLabel: type.pluralName,
		};
	}
	const objectName = parseCustomObjectName(
		this.getNodeParameter('customObjectName', itemIndex),
		'Custom Object',
		itemIndex,
	);
	return customObjectTarget(type, objectName);
}

/**
 * The record ID of a resource locator parameter, checked before it reaches a URL: By URL must be
 * a record URL of `type` (utils/recordUrl.ts); List and ID a positive whole number.
 */
export function recordIdParameter(
	this: IExecuteFunctions,
	name: string,
	type: RecordType,
	label: string,
	itemIndex: number,
): number {
	const locator = this.getNodeParameter(name, itemIndex, undefined, { extractValue: false });
	if (locator && typeof locator === 'object' && 'mode' in locator) {
		const { mode, value } = locator as { mode: unknown; value: unknown };
		if (mode === 'url') {
			if (!type.webName)
				throw new InputError(
					`${label}: ${type.pluralName} have no web-app URL; choose the record By ID`,
					{
						field: label,
						itemIndex,
					},
				);
			return recordIdFromUrl(
				value,
				{ webName: type.webName, displayName: type.displayName },
				label,
				itemIndex,
			);
		}
		return parseRecordId(value, label, itemIndex);
	}
	return parseRecordId(locator, label, itemIndex);
}

/**
 * Per-execution memory of instance metadata (custom field definitions), so a run of many items
 * asks Insightly once per object rather than once per item.
 */
export class ExecutionCache {
	private readonly customFields = new Map<string, Promise<CustomFieldMetadata[]>>();

	customFieldsOf(
		context: IExecuteFunctions,
		source: CustomFieldSource,
		itemIndex: number,
	): Promise<CustomFieldMetadata[]> {
		let pending = this.customFields.get(source.object);
		if (!pending) {
			pending = insightlyRequest
				.call(context, { method: 'GET', path: `/CustomFields/${source.object}`, itemIndex })
				.then((response) => {
					const all = Array.isArray(response.body) ? (response.body as CustomFieldMetadata[]) : [];
					return filterCustomFieldsFor(all, source.fieldFor);
				});
			// A failed lookup must not poison later items.
			pending.catch(() => this.customFields.delete(source.object));
			this.customFields.set(source.object, pending);
		}
		return pending;
	}
}

/**
 * Insightly answers an unknown object name with every custom field of the instance; keep those
 * whose FIELD_FOR is the type's (from the registry, or the custom object's name). When none
 * matches, keep them all rather than hide the fields the user expects.
 */
export function filterCustomFieldsFor(
	fields: CustomFieldMetadata[],
	fieldFor: readonly string[],
): CustomFieldMetadata[] {
	const wanted = new Set(fieldFor.map((name) => name.toUpperCase()));
	const matching = fields.filter(
		(field) => !field.FIELD_FOR || wanted.has(String(field.FIELD_FOR).toUpperCase()),
	);
	return matching.length ? matching : fields;
}

/** Return All → no limit; otherwise the Limit parameter. */
export function limitOf(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
}

export function asDataObjects(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') return [body as IDataObject];
	return [];
}
