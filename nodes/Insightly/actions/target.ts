import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CUSTOM_OBJECT_RECORD, getRecordType, type RecordType } from '../objects';
import { insightlyRequest } from '../transport';
import type { CustomFieldMetadata } from '../utils/customFields';
import { parseCustomObjectName, parseRecordId } from '../utils/validation';

/** A record type resolved for one item: custom objects get their path from the chosen object. */
export interface Target {
	type: RecordType;
	/** API collection path without slashes: 'Contacts', 'Product', 'Fruit__c'. */
	path: string;
	/** Name for GET /CustomFields/{name}, when the type has custom fields. */
	customFieldsObject?: string;
	/** Human name for messages: 'Contact', 'Fruit__c record'. */
	label: string;
}

export function resolveTarget(this: IExecuteFunctions, typeKey: string, itemIndex: number): Target {
	const type = getRecordType(typeKey);
	if (type.key !== CUSTOM_OBJECT_RECORD) {
		return {
			type,
			path: type.path,
			customFieldsObject: type.customFieldsObject,
			label: type.displayName,
		};
	}
	const objectName = parseCustomObjectName(
		this.getNodeParameter('customObjectName', itemIndex),
		'Custom Object',
		itemIndex,
	);
	return { type, path: objectName, customFieldsObject: objectName, label: `${objectName} record` };
}

/** The record ID of a resource locator parameter, checked before it reaches a URL. */
export function recordIdParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	const value = this.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
	return parseRecordId(value, label, itemIndex);
}

/**
 * Per-execution memory of instance metadata (custom field definitions), so a run of many items
 * asks Insightly once per object rather than once per item.
 */
export class ExecutionCache {
	private readonly customFields = new Map<string, Promise<CustomFieldMetadata[]>>();

	customFieldsOf(
		context: IExecuteFunctions,
		objectName: string,
		itemIndex: number,
	): Promise<CustomFieldMetadata[]> {
		let pending = this.customFields.get(objectName);
		if (!pending) {
			pending = insightlyRequest
				.call(context, { method: 'GET', path: `/CustomFields/${objectName}`, itemIndex })
				.then((response) => {
					const all = Array.isArray(response.body) ? (response.body as CustomFieldMetadata[]) : [];
					return filterCustomFieldsFor(all, objectName);
				});
			// A failed lookup must not poison later items.
			pending.catch(() => this.customFields.delete(objectName));
			this.customFields.set(objectName, pending);
		}
		return pending;
	}
}

/**
 * Insightly answers an unknown object name with every custom field of the instance; keep those
 * of this object (FIELD_FOR is the singular upper-case name, e.g. CONTACT, or the custom object).
 */
export function filterCustomFieldsFor(
	fields: CustomFieldMetadata[],
	objectName: string,
): CustomFieldMetadata[] {
	const wanted = new Set([
		objectName.toUpperCase(),
		objectName.toUpperCase().replace(/S$/, ''),
		singularUpper(objectName),
	]);
	const matching = fields.filter(
		(field) => !field.FIELD_FOR || wanted.has(String(field.FIELD_FOR).toUpperCase()),
	);
	return matching.length ? matching : fields;
}

function singularUpper(objectName: string): string {
	const upper = objectName.toUpperCase();
	if (upper === 'OPPORTUNITIES') return 'OPPORTUNITY';
	if (upper === 'QUOTATION') return 'QUOTE';
	return upper;
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
