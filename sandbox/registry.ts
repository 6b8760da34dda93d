/**
 * The record types the sandbox serves, each described once. What a type supports (POST, tags,
 * links, notes, files...) is not listed here: it is read from the swagger, whose paths say it.
 */
import { deref, operationAt, requestBodySchema, responseSchema } from './swagger';

export interface RecordType {
	/** Collection segment exactly as the swagger spells it: `Contacts`, `Product`, `Fruit__c`. */
	path: string;
	idField: string;
	/** Singular name used in LINK_OBJECT_NAME and error messages. */
	linkName: string;
	/** FIELD_FOR of this type's custom fields (custom objects: the object name). */
	fieldFor?: string;
	/** The swagger collection template: `/Contacts`, or `/{objectName}` for custom objects. */
	template: string;
	custom: boolean;
	/** `record_type` value of `GET /Tags` (only for types with tags). */
	tagRecordType?: string;
	/** Where the swagger declares the write body when the collection has no POST/PUT. */
	bodyTemplate?: string;
	/** Required on create although the body schema's `required` list omits them. */
	alsoRequired?: string[];
	/**
	 * In the body schema's `required` list, but filled by Insightly when absent (live scripts
	 * create leads with names only and tasks without COMPLETED or an owner: docs/live-api.md,
	 * "Create, update, delete").
	 */
	filledByServer?: string[];
}

const builtIn = (
	path: string,
	idField: string,
	linkName: string,
	fieldFor?: string,
	tagRecordType?: string,
): RecordType => ({
	path,
	idField,
	linkName,
	fieldFor,
	template: `/${path}`,
	custom: false,
	tagRecordType,
});

/**
 * Built-in types in the order their id ranges are allocated (see `typeIdBase`). New types go at
 * the end: a type inserted earlier would move the id range of every type after it.
 */
export const BUILT_IN_TYPES: readonly RecordType[] = [
	builtIn('Contacts', 'CONTACT_ID', 'Contact', 'CONTACT', 'contacts'),
	builtIn('Organisations', 'ORGANISATION_ID', 'Organisation', 'ORGANISATION', 'organisations'),
	{
		...builtIn('Leads', 'LEAD_ID', 'Lead', 'LEAD', 'leads'),
		filledByServer: ['LEAD_SOURCE_ID', 'LEAD_STATUS_ID'],
	},
	builtIn('Opportunities', 'OPPORTUNITY_ID', 'Opportunity', 'OPPORTUNITY', 'opportunities'),
	builtIn('Projects', 'PROJECT_ID', 'Project', 'PROJECT', 'projects'),
	{
		...builtIn('Tasks', 'TASK_ID', 'Task', 'TASK'),
		filledByServer: ['COMPLETED', 'OWNER_USER_ID'],
	},
	builtIn('Events', 'EVENT_ID', 'Event', 'EVENT'),
	builtIn('Notes', 'NOTE_ID', 'Note'),
	builtIn('Emails', 'EMAIL_ID', 'Email', undefined, 'emails'),
	{
		...builtIn('Milestones', 'MILESTONE_ID', 'Milestone'),
		bodyTemplate: '/Projects/{id}/Milestones',
	},
	builtIn('Product', 'PRODUCT_ID', 'Product', 'PRODUCT'),
	builtIn('Pricebook', 'PRICEBOOK_ID', 'Pricebook'),
	builtIn('Quotation', 'QUOTE_ID', 'Quotation', 'QUOTATION'),
	builtIn('Users', 'USER_ID', 'User'),
	// ---- added after custom objects took the ranges that follow Users (see `typeIdBase`).
	// Service and marketing types: `GET /Tags?record_type=` documents none of them.
	builtIn('Ticket', 'TICKET_ID', 'Ticket', 'TICKET'),
	builtIn('Prospect', 'PROSPECT_ID', 'Prospect', 'PROSPECT'),
	builtIn('KnowledgeArticle', 'ARTICLE_ID', 'KnowledgeArticle', 'KNOWLEDGE_ARTICLE'),
	// Read-only at their own path; written as children of their parent (not modelled, 501).
	{
		...builtIn('PricebookEntry', 'PRICEBOOK_ENTRY_ID', 'PricebookEntry', 'PRICEBOOK_ENTRY'),
		bodyTemplate: '/Pricebook/{id}/PricebookEntry',
	},
	{
		...builtIn(
			'OpportunityLineItem',
			'OPPORTUNITY_ITEM_ID',
			'OpportunityLineItem',
			'OPPORTUNITY_LINE_ITEM',
		),
		bodyTemplate: '/Opportunities/{id}/OpportunityLineItem',
	},
	{
		...builtIn(
			'QuotationLineItem',
			'QUOTATION_ITEM_ID',
			'QuotationLineItem',
			'QUOTATION_LINE_ITEM',
		),
		bodyTemplate: '/Quotation/{id}/QuotationLineItem',
	},
	// The swagger's description of POST /Teams: "TEAM_NAME is required when creating a Team with
	// ANONYMOUS_TEAM set to false" (anonymous teams are not modelled: ANONYMOUS_TEAM is unknown).
	{ ...builtIn('Teams', 'TEAM_ID', 'Team'), alsoRequired: ['TEAM_NAME'] },
];

export function customObjectType(objectName: string): RecordType {
	return {
		path: objectName,
		idField: 'RECORD_ID',
		linkName: objectName,
		fieldFor: objectName,
		template: '/{objectName}',
		custom: true,
	};
}

/**
 * First id of a type: each type gets its own million-wide range, so an id used with the wrong
 * type (a contact id sent as an organisation id) is a 404, not a silent hit.
 */
export function idBase(typeIndex: number): number {
	return (typeIndex + 1) * 1_000_000 + 1;
}

/** Built-in types that had id ranges before custom objects (Contacts ... Users). */
const FIRST_BUILT_INS = BUILT_IN_TYPES.findIndex((t) => t.path === 'Users') + 1;
/** Ranges kept for custom objects right after those (the first, Fruit__c, starts at 16,000,001). */
export const MAX_CUSTOM_OBJECTS = 85;

/**
 * First id of `BUILT_IN_TYPES[typeIndex]`. The first built-ins keep `idBase(index)`; types added
 * later start after the custom-object ranges (Ticket 101,000,001, Prospect 102,000,001...), so
 * adding a type changes no existing id.
 */
export function typeIdBase(typeIndex: number): number {
	return idBase(typeIndex < FIRST_BUILT_INS ? typeIndex : typeIndex + MAX_CUSTOM_OBJECTS + 1);
}

/** First id of the `n`-th custom object (1-based). */
export function customObjectIdBase(n: number): number {
	if (n < 1 || n > MAX_CUSTOM_OBJECTS)
		throw new Error(`The sandbox holds at most ${MAX_CUSTOM_OBJECTS} custom objects.`);
	return idBase(FIRST_BUILT_INS + n);
}

/** Insightly answers 405 to the plural of its singular collections (`/Products`, `/PricebookEntries`). */
export function isPluralOfSingularPath(segment: string): boolean {
	const lower = segment.toLowerCase();
	return BUILT_IN_TYPES.some(
		(t) =>
			!t.path.endsWith('s') &&
			[`${t.path}s`, `${t.path}es`, ...(t.path.endsWith('y') ? [`${t.path.slice(0, -1)}ies`] : [])]
				.map((p) => p.toLowerCase())
				.includes(lower),
	);
}

/** Whether the swagger declares `method` on a sub-path of the type, e.g. `('post', t, '/{id}/Tags')`. */
export function supports(type: RecordType, method: string, subPath: string): boolean {
	return operationAt(method, type.template + subPath) !== undefined;
}

/** Sub-collections a record carries in full responses and drops with `brief=true`. */
export const SUB_COLLECTIONS = [
	'CUSTOMFIELDS',
	'TAGS',
	'LINKS',
	'DATES',
	'EMAILDOMAINS',
	'TEAMMEMBERS',
] as const;

/** Fields the server maintains whatever the swagger's readOnly flags say. */
export const SERVER_MAINTAINED = ['DATE_CREATED_UTC', 'DATE_UPDATED_UTC', 'CREATED_USER_ID'];

export interface TypeSchemas {
	/** Properties of the record as returned (response schema of `GET /X`). */
	response: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	responseOrder: string[];
	/** Properties the swagger's POST/PUT body declares. */
	body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	/**
	 * `required` of the body schema minus ids and server-maintained fields (a swagger quirk), plus
	 * the type's `alsoRequired`.
	 */
	requiredOnCreate: string[];
	/** Fields of the POST body that the PUT body lacks (Ticket's `TicketCommentBodyHtml`). */
	createOnly: Set<string>;
	/** Properties with `format: date-time`, normalised to Insightly's form on write. */
	dateFields: Set<string>;
	readOnly: Set<string>;
}

const schemaCache = new Map<string, TypeSchemas>();

export function schemasOf(type: RecordType): TypeSchemas {
	const cached = schemaCache.get(type.template);
	if (cached) return cached;
	const list = responseSchema('get', type.template, 200);
	const response = deref(list.items).properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const bodyTemplate = type.bodyTemplate ?? type.template;
	const bodySchema = deref(
		requestBodySchema('post', bodyTemplate) ?? requestBodySchema('put', bodyTemplate),
	);
	const body = (bodySchema?.properties ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const readOnly = new Set(
		Object.keys(response).filter(
			(k) => response[k].readOnly || SERVER_MAINTAINED.includes(k) || !(k in body),
		),
	);
	for (const k of SUB_COLLECTIONS) readOnly.delete(k);
	readOnly.add(type.idField);
	const requiredOnCreate = [
		...((bodySchema?.required ?? []) as string[]).filter(
			(k) => !readOnly.has(k) && k !== type.idField && !(type.filledByServer ?? []).includes(k),
		),
		...(type.alsoRequired ?? []),
	];
	const postBody = deref(requestBodySchema('post', bodyTemplate))?.properties;
	const putBody = deref(requestBodySchema('put', bodyTemplate))?.properties;
	const createOnly = new Set(
		postBody && putBody ? Object.keys(postBody).filter((k) => !(k in putBody)) : [],
	);
	const dateFields = new Set(
		Object.keys({ ...response, ...body }).filter(
			(k) => (body[k] ?? response[k]).format === 'date-time',
		),
	);
	const schemas: TypeSchemas = {
		response,
		responseOrder: Object.keys(response),
		body,
		requiredOnCreate,
		createOnly,
		dateFields,
		readOnly,
	};
	schemaCache.set(type.template, schemas);
	return schemas;
}
