/**
 * THE registry of Insightly record types. Every operation, the trigger, the field lists and the
 * swagger contract test are written once over this table: adding a record type is one entry here
 * plus its field list. Paths, id fields and features follow spec/insightly-v3.1.swagger.json.
 */
export interface RecordFeatures {
	create: boolean;
	update: boolean;
	delete: boolean;
	search: boolean;
	searchByTag: boolean;
	tags: boolean;
	links: boolean;
	notes: boolean;
	files: boolean;
	follow: boolean;
	pipeline: boolean;
	stateChange: boolean;
	trigger: boolean;
}

export interface RecordType {
	/** n8n resource value (camelCase). */
	key: string;
	/** Insightly's own spelling. */
	displayName: string;
	/** API collection path without slashes ('' for custom objects: chosen at run time). */
	path: string;
	idField: string;
	/** Fields that together make a human label. */
	nameFields: string[];
	/** Title of the record schema in the swagger. */
	schema: string;
	/** Singular name used in LINK_OBJECT_NAME. */
	linkObjectName?: string;
	/** Name for GET /CustomFields/{name}; undefined when the type has no custom fields. */
	customFieldsObject?: string;
	/** Name used by Insightly's web app in record URLs (…/details/<name>/<id>). */
	webName?: string;
	/** Only created through a parent record (Notes). */
	createdThroughParent?: boolean;
	features: RecordFeatures;
}

const NONE: RecordFeatures = {
	create: false,
	update: false,
	delete: false,
	search: true,
	searchByTag: false,
	tags: false,
	links: false,
	notes: false,
	files: false,
	follow: false,
	pipeline: false,
	stateChange: false,
	trigger: true,
};

const CRUD: Partial<RecordFeatures> = { create: true, update: true, delete: true };
/** Contacts, Organisations, Leads, Opportunities and Projects share the full set of sub-resources. */
const CRM_RECORD: Partial<RecordFeatures> = {
	...CRUD,
	searchByTag: true,
	tags: true,
	links: true,
	notes: true,
	files: true,
	follow: true,
};

function features(overrides: Partial<RecordFeatures>): RecordFeatures {
	return { ...NONE, ...overrides };
}

export const CUSTOM_OBJECT_RECORD = 'customObjectRecord';

export const RECORD_TYPES: RecordType[] = [
	{
		key: 'contact',
		displayName: 'Contact',
		path: 'Contacts',
		idField: 'CONTACT_ID',
		nameFields: ['FIRST_NAME', 'LAST_NAME'],
		schema: 'Contact',
		linkObjectName: 'Contact',
		customFieldsObject: 'Contacts',
		webName: 'Contact',
		features: features(CRM_RECORD),
	},
	{
		key: 'organisation',
		displayName: 'Organisation',
		path: 'Organisations',
		idField: 'ORGANISATION_ID',
		nameFields: ['ORGANISATION_NAME'],
		schema: 'Organisation',
		linkObjectName: 'Organisation',
		customFieldsObject: 'Organisations',
		webName: 'Organisation',
		features: features(CRM_RECORD),
	},
	{
		key: 'lead',
		displayName: 'Lead',
		path: 'Leads',
		idField: 'LEAD_ID',
		nameFields: ['FIRST_NAME', 'LAST_NAME'],
		schema: 'Lead',
		linkObjectName: 'Lead',
		customFieldsObject: 'Leads',
		webName: 'Lead',
		// The swagger has no /Leads/{id}/Links; lead links are made from the other record.
		features: features({ ...CRM_RECORD, links: false, pipeline: true }),
	},
	{
		key: 'opportunity',
		displayName: 'Opportunity',
		path: 'Opportunities',
		idField: 'OPPORTUNITY_ID',
		nameFields: ['OPPORTUNITY_NAME'],
		schema: 'Opportunity',
		linkObjectName: 'Opportunity',
		customFieldsObject: 'Opportunities',
		webName: 'Opportunity',
		features: features({ ...CRM_RECORD, pipeline: true, stateChange: true }),
	},
	{
		key: 'project',
		displayName: 'Project',
		path: 'Projects',
		idField: 'PROJECT_ID',
		nameFields: ['PROJECT_NAME'],
		schema: 'Project',
		linkObjectName: 'Project',
		customFieldsObject: 'Projects',
		webName: 'Project',
		features: features({ ...CRM_RECORD, pipeline: true }),
	},
	{
		key: 'task',
		displayName: 'Task',
		path: 'Tasks',
		idField: 'TASK_ID',
		nameFields: ['TITLE'],
		schema: 'Task',
		linkObjectName: 'Task',
		customFieldsObject: 'Tasks',
		webName: 'Task',
		features: features({ ...CRUD, links: true, follow: true }),
	},
	{
		key: 'event',
		displayName: 'Event',
		path: 'Events',
		idField: 'EVENT_ID',
		nameFields: ['TITLE'],
		schema: 'Event',
		linkObjectName: 'Event',
		customFieldsObject: 'Events',
		webName: 'Event',
		features: features({ ...CRUD, links: true }),
	},
	{
		key: 'note',
		displayName: 'Note',
		path: 'Notes',
		idField: 'NOTE_ID',
		nameFields: ['TITLE'],
		schema: 'Note',
		linkObjectName: 'Note',
		webName: 'Note',
		createdThroughParent: true,
		// Created through a parent record: the "create" operation asks for the parent.
		features: features({ ...CRUD, links: true, files: true, follow: true }),
	},
	{
		key: 'product',
		displayName: 'Product',
		path: 'Product',
		idField: 'PRODUCT_ID',
		nameFields: ['PRODUCT_NAME'],
		schema: 'Product',
		customFieldsObject: 'Product',
		webName: 'Product',
		features: features({ ...CRUD, follow: true }),
	},
	{
		key: 'quote',
		displayName: 'Quote',
		path: 'Quotation',
		idField: 'QUOTE_ID',
		nameFields: ['QUOTATION_NAME'],
		schema: 'Quotation',
		customFieldsObject: 'Quotation',
		webName: 'Quotation',
		features: features({ ...CRUD, follow: true }),
	},
	{
		key: CUSTOM_OBJECT_RECORD,
		displayName: 'Custom Object Record',
		path: '',
		idField: 'RECORD_ID',
		nameFields: ['RECORD_NAME'],
		schema: 'CustomObjectRecord',
		features: features({ ...CRUD, files: true }),
	},
	{
		key: 'user',
		displayName: 'User',
		path: 'Users',
		idField: 'USER_ID',
		nameFields: ['FIRST_NAME', 'LAST_NAME'],
		schema: 'User',
		features: features({ trigger: false }),
	},
];

const BY_KEY = new Map(RECORD_TYPES.map((type) => [type.key, type]));

export function getRecordType(key: string): RecordType {
	const type = BY_KEY.get(key);
	if (!type) throw new Error(`Unknown Insightly record type "${key}"`);
	return type;
}

/** Parent record types that notes can be created under (POST /{Parent}/{id}/Notes). */
export const NOTE_PARENTS = RECORD_TYPES.filter((type) => type.features.notes);

/** Record types that a link can point to (LINK_OBJECT_NAME values). */
export const LINK_TARGETS = RECORD_TYPES.filter((type) => type.linkObjectName);

/** A human label for a record from its name fields. */
export function recordLabel(type: RecordType, record: Record<string, unknown>): string {
	const parts = type.nameFields
		.map((field) => record[field])
		.filter((value) => value !== null && value !== undefined && value !== '');
	return parts.length
		? parts.join(' ')
		: `${type.displayName} ${String(record[type.idField] ?? '')}`.trim();
}
