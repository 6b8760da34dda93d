/**
 * THE registry of Insightly record types: every fact about a type lives here and nowhere else.
 * Operations, parameters, dropdowns, the trigger, the generated field lists and the contract tests
 * read it; no other module names a record type. Adding a record type is one entry here plus
 * `npm run generate` (its field list). Paths, id fields and verbs follow
 * spec/insightly-v3.1.swagger.json (test/contract/registry.test.ts checks each entry against it).
 */

/** Operations on records of one type (the values of the node's Operation parameter). */
export type RecordOperation =
	| 'create'
	| 'update'
	| 'upsert'
	| 'delete'
	| 'get'
	| 'getAll'
	| 'search'
	| 'getCurrent'
	| 'setPipeline'
	| 'setPipelineStage'
	| 'changeState';

/** Resources that live on a record rather than being records (the node's other resources). */
export const ATTACHED_RESOURCES = ['tag', 'link', 'fileAttachment', 'follow'] as const;
export type AttachedResource = (typeof ATTACHED_RESOURCES)[number];

export function isAttachedResource(resource: string): resource is AttachedResource {
	return (ATTACHED_RESOURCES as readonly string[]).includes(resource);
}

export interface RecordType {
	/** n8n resource value (camelCase). */
	key: string;
	/** Insightly's own spelling, singular. */
	displayName: string;
	/** Plural for messages and actions ("Get many opportunities"). */
	pluralName: string;
	/** API collection path without slashes ('' for custom objects: chosen at run time). */
	path: string;
	idField: string;
	/** Fields that together make a human label. */
	nameFields: string[];
	/** Title of the record schema in the swagger. */
	schema: string;
	/** Operations Insightly offers on the type. */
	operations: readonly RecordOperation[];
	/** Resources attached to records of the type (tags, links, files, follows). */
	attached: readonly AttachedResource[];
	/** `GET /{path}/SearchByTag` exists. */
	searchByTag: boolean;
	/** Lists and searches take `brief=true` (top-level fields only). */
	brief: boolean;
	/** Singular name used in LINK_OBJECT_NAME; undefined when nothing can link to the type. */
	linkObjectName?: string;
	/**
	 * Custom fields: the name for `GET /CustomFields/{object}` and the FIELD_FOR values of the
	 * type's fields (Insightly answers an unknown object with every field of the instance, so the
	 * answer is filtered by FIELD_FOR). Custom object records take both from the chosen object.
	 */
	customFields?: { object: string; fieldFor: readonly string[] };
	/** Name used by Insightly's web app in record URLs (…/details/<name>/<id>). */
	webName?: string;
	/** Notes can be created on records of the type (POST /{path}/{id}/Notes). */
	noteParent: boolean;
	/** Created only under a parent record (notes: POST /{Parent}/{id}/Notes; no POST /Notes). */
	createdThroughParent: boolean;
	/** Categories (CATEGORY_ID) come from this list path. */
	categoryPath?: string;
	/** Pipelines offered for the type: those whose flag is not false (all when undefined). */
	pipelineFlag?: 'FOR_OPPORTUNITIES' | 'FOR_PROJECTS';
	/**
	 * Fields offered for search and Field Equals on types the node cannot write (writable types
	 * offer their generated field list).
	 */
	searchFields?: readonly string[];
	/**
	 * `/Search` may take only one of field_name/value and updated_after_utc (unconfirmed for
	 * users: docs/live-api.md, "Search and updated_after_utc"); the node then sends the field and
	 * applies "updated after" itself.
	 */
	oneSearchFilter?: boolean;
	/** The polling trigger can watch the type (`/{path}/Search?updated_after_utc=`). */
	trigger: boolean;
	/** The record type chosen at run time (custom objects): path and custom fields from its name. */
	custom: boolean;
}

type Entry = Omit<
	RecordType,
	| 'pluralName'
	| 'attached'
	| 'searchByTag'
	| 'brief'
	| 'noteParent'
	| 'createdThroughParent'
	| 'trigger'
	| 'custom'
> &
	Partial<RecordType>;

function entry(fields: Entry): RecordType {
	return {
		pluralName: `${fields.displayName}s`,
		attached: [],
		searchByTag: false,
		brief: true,
		noteParent: false,
		createdThroughParent: false,
		trigger: true,
		custom: false,
		...fields,
	};
}

const READ: RecordOperation[] = ['get', 'getAll', 'search'];
const CRUD: RecordOperation[] = ['create', 'delete', ...READ, 'update'];
const CRUD_UPSERT: RecordOperation[] = [...CRUD, 'upsert'];
const PIPELINES: RecordOperation[] = ['setPipeline', 'setPipelineStage'];
/** Contacts, Organisations, Leads, Opportunities and Projects share the full set of sub-resources. */
const ALL_ATTACHED: AttachedResource[] = ['tag', 'link', 'fileAttachment', 'follow'];

/** Custom fields of a built-in type: the object for /CustomFields and its FIELD_FOR values. */
function customFields(object: string, ...fieldFor: string[]): RecordType['customFields'] {
	return { object, fieldFor };
}

export const CUSTOM_OBJECT_RECORD = 'customObjectRecord';

export const RECORD_TYPES: readonly RecordType[] = [
	entry({
		key: 'contact',
		displayName: 'Contact',
		path: 'Contacts',
		idField: 'CONTACT_ID',
		nameFields: ['FIRST_NAME', 'LAST_NAME'],
		schema: 'Contact',
		operations: CRUD_UPSERT,
		attached: ALL_ATTACHED,
		searchByTag: true,
		noteParent: true,
		linkObjectName: 'Contact',
		customFields: customFields('Contacts', 'CONTACT'),
		webName: 'Contact',
	}),
	entry({
		key: 'organisation',
		displayName: 'Organisation',
		path: 'Organisations',
		idField: 'ORGANISATION_ID',
		nameFields: ['ORGANISATION_NAME'],
		schema: 'Organisation',
		operations: CRUD_UPSERT,
		attached: ALL_ATTACHED,
		searchByTag: true,
		noteParent: true,
		linkObjectName: 'Organisation',
		customFields: customFields('Organisations', 'ORGANISATION'),
		webName: 'Organisation',
	}),
	entry({
		key: 'lead',
		displayName: 'Lead',
		path: 'Leads',
		idField: 'LEAD_ID',
		nameFields: ['FIRST_NAME', 'LAST_NAME'],
		schema: 'Lead',
		operations: [...CRUD_UPSERT, ...PIPELINES],
		// The swagger has no /Leads/{id}/Links; lead links are made from the other record.
		attached: ['tag', 'fileAttachment', 'follow'],
		searchByTag: true,
		noteParent: true,
		linkObjectName: 'Lead',
		customFields: customFields('Leads', 'LEAD'),
		webName: 'Lead',
	}),
	entry({
		key: 'opportunity',
		displayName: 'Opportunity',
		pluralName: 'Opportunities',
		path: 'Opportunities',
		idField: 'OPPORTUNITY_ID',
		nameFields: ['OPPORTUNITY_NAME'],
		schema: 'Opportunity',
		operations: [...CRUD_UPSERT, ...PIPELINES, 'changeState'],
		attached: ALL_ATTACHED,
		searchByTag: true,
		noteParent: true,
		linkObjectName: 'Opportunity',
		customFields: customFields('Opportunities', 'OPPORTUNITY'),
		webName: 'Opportunity',
		categoryPath: 'OpportunityCategories',
		pipelineFlag: 'FOR_OPPORTUNITIES',
	}),
	entry({
		key: 'project',
		displayName: 'Project',
		path: 'Projects',
		idField: 'PROJECT_ID',
		nameFields: ['PROJECT_NAME'],
		schema: 'Project',
		operations: [...CRUD_UPSERT, ...PIPELINES],
		attached: ALL_ATTACHED,
		searchByTag: true,
		noteParent: true,
		linkObjectName: 'Project',
		customFields: customFields('Projects', 'PROJECT'),
		webName: 'Project',
		categoryPath: 'ProjectCategories',
		pipelineFlag: 'FOR_PROJECTS',
	}),
	entry({
		key: 'task',
		displayName: 'Task',
		path: 'Tasks',
		idField: 'TASK_ID',
		nameFields: ['TITLE'],
		schema: 'Task',
		operations: CRUD_UPSERT,
		attached: ['link', 'follow'],
		linkObjectName: 'Task',
		customFields: customFields('Tasks', 'TASK'),
		webName: 'Task',
		categoryPath: 'TaskCategories',
	}),
	entry({
		key: 'event',
		displayName: 'Event',
		path: 'Events',
		idField: 'EVENT_ID',
		nameFields: ['TITLE'],
		schema: 'Event',
		operations: CRUD_UPSERT,
		attached: ['link'],
		linkObjectName: 'Event',
		customFields: customFields('Events', 'EVENT'),
		webName: 'Event',
	}),
	entry({
		key: 'note',
		displayName: 'Note',
		path: 'Notes',
		idField: 'NOTE_ID',
		nameFields: ['TITLE'],
		schema: 'Note',
		// No Create or Update: a note is created on a parent record, never in a collection.
		operations: CRUD,
		attached: ['link', 'fileAttachment', 'follow'],
		createdThroughParent: true,
		linkObjectName: 'Note',
		webName: 'Note',
	}),
	entry({
		key: 'product',
		displayName: 'Product',
		path: 'Product',
		idField: 'PRODUCT_ID',
		nameFields: ['PRODUCT_NAME'],
		schema: 'Product',
		operations: CRUD_UPSERT,
		attached: ['follow'],
		customFields: customFields('Product', 'PRODUCT'),
		webName: 'Product',
	}),
	entry({
		key: 'quote',
		displayName: 'Quote',
		path: 'Quotation',
		idField: 'QUOTE_ID',
		nameFields: ['QUOTATION_NAME'],
		schema: 'Quotation',
		operations: CRUD_UPSERT,
		attached: ['follow'],
		// Which FIELD_FOR live quotes carry is not on record (docs/live-api.md): accept both.
		customFields: customFields('Quotation', 'QUOTATION', 'QUOTE'),
		webName: 'Quotation',
	}),
	entry({
		key: 'email',
		searchFields: ['SUBJECT', 'EMAIL_FROM', 'OWNER_USER_ID'],
		displayName: 'Email',
		path: 'Emails',
		idField: 'EMAIL_ID',
		nameFields: ['SUBJECT'],
		schema: 'Email',
		// Insightly files emails (from its mail integrations); the API cannot create or edit them.
		operations: ['delete', ...READ],
		// Emails list their attachments but take no upload (no POST /Emails/{id}/FileAttachments).
		attached: ['tag', 'link', 'follow'],
		searchByTag: true,
		linkObjectName: 'Email',
		webName: 'Email',
	}),
	entry({
		key: 'milestone',
		searchFields: ['TITLE', 'PROJECT_ID', 'OWNER_USER_ID'],
		displayName: 'Milestone',
		path: 'Milestones',
		idField: 'MILESTONE_ID',
		nameFields: ['TITLE'],
		schema: 'Milestone',
		// Written only under their project (/Projects/{id}/Milestones), not offered yet.
		operations: READ,
	}),
	entry({
		key: 'ticket',
		displayName: 'Ticket',
		path: 'Ticket',
		idField: 'TICKET_ID',
		nameFields: ['SUBJECT'],
		schema: 'Ticket',
		operations: CRUD_UPSERT,
		attached: ['tag', 'follow'],
		searchByTag: true,
		// FIELD_FOR of ticket custom fields is not on record (docs/live-api.md): a guess, and the
		// filter keeps every field when none matches.
		customFields: customFields('Ticket', 'TICKET'),
		webName: 'Ticket',
	}),
	entry({
		key: 'prospect',
		displayName: 'Prospect',
		path: 'Prospect',
		idField: 'PROSPECT_ID',
		nameFields: ['FIRST_NAME', 'LAST_NAME'],
		schema: 'Prospect',
		operations: CRUD_UPSERT,
		attached: ['tag', 'follow'],
		searchByTag: true,
		customFields: customFields('Prospect', 'PROSPECT'),
		webName: 'Prospect',
	}),
	entry({
		key: 'knowledgeArticle',
		displayName: 'Knowledge Article',
		path: 'KnowledgeArticle',
		idField: 'ARTICLE_ID',
		nameFields: ['Title'],
		schema: 'KnowledgeArticle',
		operations: CRUD_UPSERT,
		attached: ['tag', 'follow'],
		searchByTag: true,
		customFields: customFields('KnowledgeArticle', 'KNOWLEDGE_ARTICLE', 'KNOWLEDGEARTICLE'),
		webName: 'KnowledgeArticle',
		categoryPath: 'KnowledgeArticleCategory',
	}),
	entry({
		key: 'pricebook',
		displayName: 'Price Book',
		path: 'Pricebook',
		idField: 'PRICEBOOK_ID',
		nameFields: ['NAME'],
		schema: 'Pricebook',
		// The spec has no DELETE /Pricebook/{id}.
		operations: ['create', ...READ, 'update', 'upsert'],
		attached: ['follow'],
		webName: 'Pricebook',
	}),
	entry({
		key: 'pricebookEntry',
		searchFields: ['PRODUCT_ID', 'PRICEBOOK_ID', 'CURRENCY_CODE'],
		displayName: 'Price Book Entry',
		pluralName: 'Price Book Entries',
		path: 'PricebookEntry',
		idField: 'PRICEBOOK_ENTRY_ID',
		nameFields: ['CURRENCY_CODE', 'PRICE'],
		schema: 'PricebookEntry',
		// Written under their product or price book (/Product/{id}/PricebookEntry), not offered yet.
		operations: READ,
		customFields: customFields('PricebookEntry', 'PRICEBOOK_ENTRY', 'PRICEBOOKENTRY'),
	}),
	entry({
		key: 'opportunityLineItem',
		searchFields: ['OPPORTUNITY_ID', 'PRICEBOOK_ENTRY_ID', 'DESCRIPTION'],
		displayName: 'Opportunity Line Item',
		path: 'OpportunityLineItem',
		idField: 'OPPORTUNITY_ITEM_ID',
		nameFields: ['DESCRIPTION'],
		schema: 'OpportunityLineItem',
		// Written under their opportunity (/Opportunities/{id}/OpportunityLineItem), not offered yet.
		operations: READ,
		customFields: customFields(
			'OpportunityLineItem',
			'OPPORTUNITY_LINE_ITEM',
			'OPPORTUNITYLINEITEM',
		),
	}),
	entry({
		key: 'quotationLineItem',
		searchFields: ['QUOTE_ID', 'OPPORTUNITY_ITEM_ID', 'DESCRIPTION'],
		displayName: 'Quote Line Item',
		path: 'QuotationLineItem',
		idField: 'QUOTATION_ITEM_ID',
		nameFields: ['DESCRIPTION'],
		schema: 'QuotationLineItem',
		// Written under their quote (/Quotation/{id}/QuotationLineItem), not offered yet.
		operations: READ,
		customFields: customFields('QuotationLineItem', 'QUOTATION_LINE_ITEM', 'QUOTATIONLINEITEM'),
	}),
	entry({
		key: 'team',
		displayName: 'Team',
		path: 'Teams',
		idField: 'TEAM_ID',
		nameFields: ['TEAM_NAME'],
		schema: 'Team',
		// Teams decide who sees which records: changing them from a workflow is an administrator's
		// act the node does not offer (read only). No /Teams/Search, so no search and no trigger.
		operations: ['get', 'getAll'],
		trigger: false,
	}),
	entry({
		key: CUSTOM_OBJECT_RECORD,
		displayName: 'Custom Object Record',
		path: '',
		idField: 'RECORD_ID',
		nameFields: ['RECORD_NAME'],
		schema: 'CustomObjectRecord',
		operations: CRUD_UPSERT,
		attached: ['fileAttachment'],
		custom: true,
	}),
	entry({
		key: 'user',
		searchFields: ['EMAIL_ADDRESS', 'FIRST_NAME', 'LAST_NAME'],
		oneSearchFilter: true,
		displayName: 'User',
		path: 'Users',
		idField: 'USER_ID',
		nameFields: ['FIRST_NAME', 'LAST_NAME'],
		schema: 'User',
		operations: ['get', 'getCurrent', 'getAll', 'search'],
		// GET /Users and /Users/Search document no brief parameter.
		brief: false,
	}),
];

const BY_KEY = new Map(RECORD_TYPES.map((type) => [type.key, type]));

function builtIn(key: string): RecordType {
	const type = BY_KEY.get(key);
	if (!type) throw new Error(`The registry has no "${key}"`);
	return type;
}

/** Insightly's users: owners and responsible users of records, and the credential's own user. */
export const USERS = builtIn('user');
/** Organisations: what an ORGANISATION_ID refers to. */
export const ORGANISATIONS = builtIn('organisation');

/** The record type of a resource value; the error lists the valid ones. */
export function getRecordType(key: string): RecordType {
	const type = BY_KEY.get(key);
	if (!type) {
		throw new Error(
			`Unknown Insightly record type "${key}": use one of ${RECORD_TYPES.map((t) => t.key).join(', ')}`,
		);
	}
	return type;
}

export function supports(type: RecordType, operation: RecordOperation): boolean {
	return type.operations.includes(operation);
}

/** Record types that can be written (create or update): the ones with a generated field list. */
export const WRITABLE_TYPES = RECORD_TYPES.filter(
	(type) => supports(type, 'create') || supports(type, 'update'),
);

/** Parent record types that notes can be created under (POST /{Parent}/{id}/Notes). */
export const NOTE_PARENTS = RECORD_TYPES.filter((type) => type.noteParent);

/** Record types that a link can point to (LINK_OBJECT_NAME values). */
export const LINK_TARGETS = RECORD_TYPES.filter((type) => type.linkObjectName);

/** Record types carrying an attached resource (tags, links, files, follows). */
export function typesWith(resource: AttachedResource): RecordType[] {
	return RECORD_TYPES.filter((type) => type.attached.includes(resource));
}

/** A human label for a record from its name fields. */
export function recordLabel(type: RecordType, record: Record<string, unknown>): string {
	const parts = type.nameFields
		.map((field) => record[field])
		.filter((value) => value !== null && value !== undefined && value !== '');
	return parts.length
		? parts.join(' ')
		: `${type.displayName} ${String(record[type.idField] ?? '')}`.trim();
}
