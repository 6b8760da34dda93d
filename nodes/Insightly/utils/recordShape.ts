/**
 * The shapes a record leaves the package in, one module for the action node, its AI-tool mode
 * and the polling trigger:
 *
 * - `raw`: Insightly's record as it came (41 keys for a contact, most of them `null`).
 * - `simplified`: `CUSTOMFIELDS` flattened into `customFields` keyed by API name, typed by the
 *   field definitions when they are known (utils/customFields.ts, `simplifyRecord`).
 * - `compact`: what a person reads in Table view and what an AI model can afford in its context:
 *   no `null`, empty text, empty list or empty object; the id and name fields and the email first;
 *   `TAGS` and `EMAILDOMAINS` as names, `LINKS` as ids grouped by the linked type, `DATES` as one
 *   line each; custom fields as in `simplified`. Field names stay Insightly's (`EMAIL_ADDRESS`, `Tier__c`) because
 *   they are what Search, Create and Update take back.
 *
 * Pure: no request, no n8n context. The caller fetches the field definitions when it has them.
 */
import type { IDataObject } from 'n8n-workflow';

import { simplifyRecord, type CustomFieldMetadata } from './customFields';

export const OUTPUT_SHAPES = ['compact', 'simplified', 'raw'] as const;
export type OutputShape = (typeof OUTPUT_SHAPES)[number];

export function isOutputShape(value: unknown): value is OutputShape {
	return typeof value === 'string' && (OUTPUT_SHAPES as readonly string[]).includes(value);
}

/** What the shape needs to know about the record's type. */
export interface ShapeContext {
	/** `CONTACT_ID`: put first, and tells the other end of a link from the record itself. */
	idField?: string;
	/** `FIRST_NAME`, `LAST_NAME`...: put right after the id. */
	nameFields?: readonly string[];
	/** Custom field definitions: type `customFields` values (lists, booleans, numbers). */
	metadata?: CustomFieldMetadata[];
}

/** Keys that go first in a compact record, after the id and name fields (Table view reads left to right). */
const LEADING_FIELDS = ['EMAIL_ADDRESS', 'TITLE', 'ORGANISATION_NAME'];

/** How one sub-collection is summarised, and under which key. */
interface Summary {
	key: string;
	summarise: (entries: IDataObject[], self: IDataObject, context: ShapeContext) => unknown;
}

/** Sub-collections and how each is summarised; they go last, in this order. A Map, so a server key such as "__proto__" finds nothing. */
const SUMMARISED = new Map<string, Summary>([
	['TAGS', { key: 'tags', summarise: (entries) => entries.map((tag) => tag.TAG_NAME) }],
	[
		'EMAILDOMAINS',
		{ key: 'emailDomains', summarise: (entries) => entries.map((domain) => domain.EMAIL_DOMAIN) },
	],
	['LINKS', { key: 'links', summarise: linkGroups }],
	['DATES', { key: 'dates', summarise: (entries) => entries.map(dateLine) }],
]);

function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return false;
}

/** A value without its empty parts, at any depth; `undefined` when nothing is left. */
function withoutEmpty(value: unknown): unknown {
	if (Array.isArray(value)) {
		const kept = value.map(withoutEmpty).filter((entry) => !isEmpty(entry));
		return kept.length ? kept : undefined;
	}
	if (value && typeof value === 'object') {
		// A null prototype: keys come from the server ("__proto__" is only a name here).
		const kept = Object.create(null) as IDataObject;
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			const compacted = withoutEmpty(entry);
			if (!isEmpty(compacted)) kept[key] = compacted as IDataObject[string];
		}
		return Object.keys(kept).length ? kept : undefined;
	}
	return isEmpty(value) ? undefined : value;
}

/**
 * A record's links grouped by the other end's type: `{ Organisation: ['12 (Employee)'], Note: [3, 4] }`,
 * the id alone when the link has no role or details.
 */
function linkGroups(links: IDataObject[], self: IDataObject, context: ShapeContext): IDataObject {
	const selfId = context.idField ? self[context.idField] : undefined;
	const groups: Record<string, Array<string | number>> = Object.create(null) as Record<
		string,
		Array<string | number>
	>;
	for (const link of links) {
		// A record's LINKS are seen from either end: the other end is the one that is not this record.
		const fromSelf = selfId === undefined || link.OBJECT_ID === selfId;
		const name = String((fromSelf ? link.LINK_OBJECT_NAME : link.OBJECT_NAME) ?? 'Record');
		const id = (fromSelf ? link.LINK_OBJECT_ID : link.OBJECT_ID) as string | number | undefined;
		if (id === undefined || id === null) continue;
		const notes = [link.ROLE, link.DETAILS].filter((note) => !isEmpty(note)).join(': ');
		(groups[name] ??= []).push(notes ? `${id} (${notes})` : id);
	}
	return groups as IDataObject;
}

/** `Birthday: 1980-05-01 (yearly)`; a midnight time is dropped, the date is what matters. */
function dateLine(date: IDataObject): string {
	const when = String(date.OCCASION_DATE ?? '').replace(/[ T]00:00:00(\.0+)?Z?$/, '');
	return `${String(date.OCCASION_NAME ?? 'Date')}: ${when}${date.REPEAT_YEARLY === true ? ' (yearly)' : ''}`;
}

/** The compact shape of one record (see the module comment). The input is not modified. */
export function compactRecord(record: IDataObject, context: ShapeContext = {}): IDataObject {
	const simplified = simplifyRecord(record, context.metadata);
	const leading = [context.idField, ...(context.nameFields ?? []), ...LEADING_FIELDS].filter(
		(key): key is string => typeof key === 'string',
	);
	const ordered: Array<[string, unknown]> = [];
	for (const key of leading) if (key in simplified) ordered.push([key, simplified[key]]);
	const trailing: Array<[string, unknown]> = [];
	for (const [key, value] of Object.entries(simplified)) {
		if (leading.includes(key) || key === 'customFields') continue;
		const summary = SUMMARISED.get(key);
		if (summary) {
			const entries = Array.isArray(value) ? (value as IDataObject[]).filter(Boolean) : [];
			trailing.push([summary.key, summary.summarise(entries, record, context)]);
		} else ordered.push([key, value]);
	}
	trailing.sort(([a], [b]) => summaryOrder(a) - summaryOrder(b));
	const compact: IDataObject = {};
	for (const [key, value] of [
		...ordered,
		...trailing,
		['customFields', simplified.customFields],
	] as Array<[string, unknown]>) {
		const kept = withoutEmpty(value);
		// Defined, not assigned: a server key "__proto__" stays a key, not a prototype.
		if (kept !== undefined)
			Object.defineProperty(compact, key, {
				value: kept,
				enumerable: true,
				writable: true,
				configurable: true,
			});
	}
	return compact;
}

function summaryOrder(key: string): number {
	return [...SUMMARISED.values()].findIndex((summary) => summary.key === key);
}

/** One record in the shape asked for. */
export function shapeRecord(
	record: IDataObject,
	shape: OutputShape,
	context: ShapeContext = {},
): IDataObject {
	if (shape === 'raw') return record;
	if (shape === 'simplified') return simplifyRecord(record, context.metadata);
	return compactRecord(record, context);
}

/** Whether a shape reads the custom field definitions (one request per object and execution). */
export function shapeUsesDefinitions(shape: OutputShape): boolean {
	return shape !== 'raw';
}
