/**
 * Writes nodes/Insightly/schema/fields.generated.ts: for every writable record type in the
 * registry, the writable scalar fields of its request body schema in Insightly's swagger, typed
 * for n8n. Run through `npm run generate` (scripts/generate.ts), which also formats it.
 *
 * Decisions encoded here (the swagger cannot tell us):
 * - Which body schema: the POST body of the collection path (`POST /Contacts`); Notes have no
 *   collection POST, so `PUT /Notes`; custom object records use `POST /{objectName}`.
 * - Skipped: read-only properties, sub-collections (CUSTOMFIELDS, TAGS, LINKS, DATES,
 *   EMAILDOMAINS: they have their own parameters), the record's id field, and properties the
 *   swagger marks writable but Insightly maintains itself (SERVER_MAINTAINED below).
 * - Date kind: a name ending in `_UTC` is a moment in time (converted to UTC); every other
 *   date-time property (DATE_OF_BIRTH, DUE_DATE, FORECAST_CLOSE_DATE...) is a calendar day.
 * - References and known option values: the tables below, with their sources.
 * The output is deterministic (swagger property order; stable serialisation), so the unit test
 * can regenerate it in memory and compare with the committed file.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';

import { WRITABLE_TYPES, type RecordType } from '../nodes/Insightly/objects';
import type {
	FieldOption,
	FieldSpec,
	RecordFieldTable,
	ReferenceKind,
} from '../nodes/Insightly/schema/types';

export const DEFAULT_SWAGGER_PATH = resolve(__dirname, '../spec/insightly-v3.1.swagger.json');
export const OUTPUT_PATH = resolve(__dirname, '../nodes/Insightly/schema/fields.generated.ts');

interface SwaggerProperty {
	type?: string;
	format?: string;
	maxLength?: number;
	readOnly?: boolean;
	$ref?: string;
	items?: SwaggerProperty;
	enum?: Array<string | number>;
}
interface SwaggerSchema {
	title?: string;
	required?: string[];
	properties?: Record<string, SwaggerProperty>;
	$ref?: string;
}
interface SwaggerParameter {
	in: string;
	name: string;
	schema?: SwaggerSchema;
}
export interface Swagger {
	paths: Record<string, Record<string, { parameters?: SwaggerParameter[] }>>;
	definitions: Record<string, SwaggerSchema>;
}

/**
 * In the swagger's `required` lists, but filled by Insightly when a create leaves them out:
 * recorded live scripts create leads with names only and tasks with title, status and due date
 * (docs/live-api.md, "Create, update, delete"). Only confirmed-required fields stay required.
 */
export const FILLED_BY_INSIGHTLY: Record<string, string> = {
	'Lead.LEAD_SOURCE_ID': 'amp-labs/connectors test/insightly/write-delete/leads (names only)',
	'Lead.LEAD_STATUS_ID': 'amp-labs/connectors test/insightly/write-delete/leads (names only)',
	'Task.COMPLETED': 'PipedreamHQ/pipedream components/insightly/actions/create-task',
	'Task.OWNER_USER_ID': 'PipedreamHQ/pipedream components/insightly/actions/create-task',
};

/** Sub-collections: written through their own parameters/operations, never as scalar fields. */
export const SUB_COLLECTIONS = ['CUSTOMFIELDS', 'TAGS', 'LINKS', 'DATES', 'EMAILDOMAINS'];

/** Marked writable in the swagger but set by Insightly itself (docs/live-api.md, "Audit and server-maintained fields"). */
export const SERVER_MAINTAINED: Record<string, string> = {
	DATE_CREATED_UTC: 'audit timestamp',
	DATE_UPDATED_UTC: 'audit timestamp',
	IMAGE_URL: 'set through /{id}/Image uploads',
	REMINDER_SENT: 'set when Insightly sends the reminder',
	IS_SYNCING: 'set through PUT /Quotation/{id}/Sync',
};

/** Reference fields → the list their dropdown loads (ids of other records or settings). */
const REFERENCES: Record<string, ReferenceKind> = {
	OWNER_USER_ID: 'users',
	RESPONSIBLE_USER_ID: 'users',
	ORGANISATION_ID: 'organisations',
	PIPELINE_ID: 'pipelines',
	STAGE_ID: 'pipelineStages',
	CATEGORY_ID: 'categories',
	LEAD_SOURCE_ID: 'leadSources',
	LEAD_STATUS_ID: 'leadStatuses',
};

/** Labels of reference fields ('Owner Name or ID' per n8n's dynamic-options convention). */
const REFERENCE_LABELS: Record<string, string> = {
	OWNER_USER_ID: 'Owner',
	RESPONSIBLE_USER_ID: 'Responsible User',
};

interface KnownOptions {
	options: Array<[name: string, value: string | number]>;
	default: string | number;
	source: string;
}

/**
 * Known values, keyed `Schema.FIELD` or `*.FIELD`. The swagger enumerates none of them; the
 * sources are docs/live-api.md and Insightly's web app ([?] where unconfirmed).
 * Users can still send any other value through an expression.
 */
const KNOWN_OPTIONS: Record<string, KnownOptions> = {
	'*.VISIBLE_TO': {
		options: [
			['Everyone', 'EVERYONE'],
			['Owner', 'OWNER'],
			['Team', 'TEAM'],
			['Individuals', 'INDIVIDUALS'],
		],
		default: 'EVERYONE',
		source: 'docs/live-api.md, Audit and server-maintained fields (live records)',
	},
	'Opportunity.OPPORTUNITY_STATE': {
		// Title case, as every recorded live response shows ("Open", "Lost"); the swagger lists none.
		options: [
			['Open', 'Open'],
			['Won', 'Won'],
			['Lost', 'Lost'],
			['Abandoned', 'Abandoned'],
			['Suspended', 'Suspended'],
		],
		default: 'Open',
		source:
			'Insightly/insightly-ruby cassettes get_opportunities.yml, update_opportunity.yml; docs/live-api.md',
	},
	'Opportunity.BID_TYPE': {
		options: [
			['Fixed Bid', 'Fixed Bid'],
			['Per Hour', 'Per Hour'],
			['Per Day', 'Per Day'],
			['Per Week', 'Per Week'],
			['Per Month', 'Per Month'],
			['Per Year', 'Per Year'],
		],
		default: 'Fixed Bid',
		source: 'Insightly web app [?]',
	},
	'Project.STATUS': {
		options: [
			['Not Started', 'NOT STARTED'],
			['In Progress', 'IN PROGRESS'],
			['Deferred', 'DEFERRED'],
			['Cancelled', 'CANCELLED'],
			['Abandoned', 'ABANDONED'],
			['Completed', 'COMPLETED'],
		],
		default: 'NOT STARTED',
		source: 'Insightly web app [?]',
	},
	'Task.STATUS': {
		options: [
			['Not Started', 'NOT STARTED'],
			['In Progress', 'IN PROGRESS'],
			['Completed', 'COMPLETED'],
			['Deferred', 'DEFERRED'],
			['Waiting', 'WAITING'],
		],
		default: 'NOT STARTED',
		source: 'docs/live-api.md (Pipedream UI values, webhook shows "NOT STARTED")',
	},
	'Task.PRIORITY': {
		options: [
			['Low', 1],
			['Medium', 2],
			['High', 3],
		],
		default: 2,
		source: 'Insightly web app [?]',
	},
};

/** Words that keep their own spelling in labels. */
const WORD_SPELLING: Record<string, string> = {
	ID: 'ID',
	SKU: 'SKU',
	URL: 'URL',
	LINKEDIN: 'LinkedIn',
	OF: 'of',
};

/** Whole-name labels where Insightly's words differ from the API name. */
const LABEL_OVERRIDES: Record<string, string> = {
	PHONE_FAX: 'Fax',
	PHONE_HOME: 'Home Phone',
	PHONE_MOBILE: 'Mobile Phone',
	PHONE_OTHER: 'Other Phone',
	PHONE_ASSISTANT: 'Assistant Phone',
	SHIPPING_HANDLING: 'Shipping and Handling',
	SOCIAL_LINKEDIN: 'LinkedIn',
	SOCIAL_FACEBOOK: 'Facebook',
	SOCIAL_TWITTER: 'Twitter',
};

const ADDRESS_KINDS: Record<string, string> = {
	MAIL: 'Mailing',
	OTHER: 'Other',
	BILLING: 'Billing',
	SHIP: 'Shipping',
	SHIPPING: 'Shipping',
};

function titleCase(words: string[]): string {
	return words
		.map((word) => WORD_SPELLING[word] ?? word.charAt(0) + word.slice(1).toLowerCase())
		.join(' ');
}

/** 'EMAIL_ADDRESS' → 'Email Address'; 'ADDRESS_MAIL_CITY' → 'Mailing Address City'; 'START_DATE_UTC' → 'Start Date'. */
export function fieldLabel(name: string): string {
	if (LABEL_OVERRIDES[name]) return LABEL_OVERRIDES[name];
	if (name in REFERENCES) {
		return `${REFERENCE_LABELS[name] ?? titleCase(name.replace(/_ID$/, '').split('_'))} Name or ID`;
	}
	let words = name.split('_');
	if (words[words.length - 1] === 'UTC') words = words.slice(0, -1);
	if (words[0] === 'ADDRESS' && words.length === 3 && ADDRESS_KINDS[words[1]]) {
		return `${ADDRESS_KINDS[words[1]]} Address ${titleCase([words[2]])}`;
	}
	return titleCase(words);
}

export function dateKindOf(name: string): 'date' | 'dateTime' {
	return name.endsWith('_UTC') ? 'dateTime' : 'date';
}

function resolveSchema(swagger: Swagger, schema: SwaggerSchema): SwaggerSchema {
	if (schema.$ref) return swagger.definitions[schema.$ref.replace('#/definitions/', '')];
	return schema;
}

/** The request body schema of one operation, or undefined when it has none. */
export function bodySchemaOf(
	swagger: Swagger,
	method: string,
	path: string,
): SwaggerSchema | undefined {
	const body = swagger.paths[path]?.[method.toLowerCase()]?.parameters?.find(
		(parameter) => parameter.in === 'body',
	);
	return body?.schema ? resolveSchema(swagger, body.schema) : undefined;
}

/** The operation whose body defines a record type's writable fields (see header). */
export function sourceOperation(
	swagger: Swagger,
	type: RecordType,
): { method: string; path: string } | undefined {
	const path = type.custom ? '/{objectName}' : `/${type.path}`;
	for (const method of ['POST', 'PUT']) {
		if (bodySchemaOf(swagger, method, path)) return { method, path };
	}
	return undefined;
}

/** Defaults other than n8n's empty value, where an empty value would surprise (keyed like KNOWN_OPTIONS). */
const DEFAULTS: Record<string, boolean> = {
	'Product.ACTIVE': true, // a new product is meant to be sold
};

function toOptions(known: KnownOptions): FieldOption[] {
	return known.options
		.map(([label, value]) => ({ label, value }))
		.sort((a, b) => a.label.localeCompare(b.label));
}

function fieldSpec(
	schemaTitle: string,
	name: string,
	property: SwaggerProperty,
	required: boolean,
): FieldSpec {
	const spec: FieldSpec = { name, label: fieldLabel(name), kind: 'string' };
	const known = KNOWN_OPTIONS[`${schemaTitle}.${name}`] ?? KNOWN_OPTIONS[`*.${name}`];
	const reference = REFERENCES[name];

	if (reference) {
		spec.kind = 'options';
		spec.integer = true;
		spec.reference = reference;
	} else if (known) {
		spec.kind = 'options';
		spec.options = toOptions(known);
		spec.default = known.default;
		if (property.type === 'integer') spec.integer = true;
	} else if (property.type === 'integer') {
		spec.kind = 'number';
		spec.integer = true;
	} else if (property.type === 'number') {
		spec.kind = 'number';
	} else if (property.type === 'boolean') {
		spec.kind = 'boolean';
	} else if (property.format === 'date-time') {
		spec.kind = 'dateTime';
		spec.dateKind = dateKindOf(name);
	}
	// maxLength is meaningful for text only (the swagger puts 255 on some booleans and dates).
	if (
		(spec.kind === 'string' || (spec.kind === 'options' && !spec.integer)) &&
		property.maxLength
	) {
		spec.maxLength = property.maxLength;
	}
	if (required) spec.required = true;
	const fixedDefault = DEFAULTS[`${schemaTitle}.${name}`];
	if (fixedDefault !== undefined) spec.default = fixedDefault;
	return spec;
}

export function buildFieldTable(swagger: Swagger): RecordFieldTable {
	const table: RecordFieldTable = {};
	for (const type of WRITABLE_TYPES) {
		const source = sourceOperation(swagger, type);
		if (!source)
			throw new Error(`No request body schema for ${type.key} (/${type.path}) in the swagger`);
		const schema = bodySchemaOf(swagger, source.method, source.path)!;
		const properties = schema.properties ?? {};
		const required = new Set(
			(schema.required ?? []).filter(
				(name) => !FILLED_BY_INSIGHTLY[`${schema.title ?? type.schema}.${name}`],
			),
		);
		// A create body may hold fields the update body lacks (Ticket's first comment).
		const updateSchema =
			source.method === 'POST' ? bodySchemaOf(swagger, 'PUT', source.path) : undefined;
		const createOnly = (name: string) =>
			updateSchema !== undefined && !(name in (updateSchema.properties ?? {}));

		const fields = Object.entries(properties)
			.filter(
				([name, property]) =>
					!property.readOnly &&
					name !== type.idField &&
					!SUB_COLLECTIONS.includes(name) &&
					!(name in SERVER_MAINTAINED) &&
					property.type !== 'array' &&
					property.type !== 'object' &&
					!property.$ref,
			)
			.map(([name, property]) => {
				const spec = fieldSpec(schema.title ?? type.schema, name, property, required.has(name));
				if (createOnly(name)) spec.createOnly = true;
				return spec;
			});

		table[type.key] = {
			schema: schema.title ?? type.schema,
			source: `${source.method} ${source.path}`,
			fields,
		};
	}
	return table;
}

// ---- deterministic TypeScript rendering -------------------------------------------------

function renderValue(value: unknown): string {
	if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
		return `{ ${entries.map(([key, entry]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : renderValue(key)}: ${renderValue(entry)}`).join(', ')} }`;
	}
	throw new Error(`Cannot render ${String(value)}`);
}

/** Key order of a rendered field, so the output does not depend on construction order. */
const FIELD_KEY_ORDER: Array<keyof FieldSpec> = [
	'name',
	'label',
	'kind',
	'integer',
	'maxLength',
	'required',
	'createOnly',
	'reference',
	'dateKind',
	'options',
	'default',
];

export function renderFieldsSource(table: RecordFieldTable): string {
	const lines = [
		'// GENERATED FILE: do not edit by hand.',
		"// Written by scripts/generate-fields.ts from Insightly's swagger (spec/insightly-v3.1.swagger.json).",
		'// Regenerate with `npm run generate`; test/unit/descriptions/fields.test.ts fails when stale.',
		"import type { RecordFieldTable } from './types';",
		'',
		'export const RECORD_FIELDS: RecordFieldTable = {',
	];
	for (const [key, record] of Object.entries(table)) {
		lines.push(
			`\t${key}: {`,
			`\t\tschema: ${renderValue(record.schema)},`,
			`\t\tsource: ${renderValue(record.source)},`,
			'\t\tfields: [',
		);
		for (const field of record.fields) {
			const ordered = Object.fromEntries(
				FIELD_KEY_ORDER.filter((name) => field[name] !== undefined).map((name) => [
					name,
					field[name],
				]),
			);
			lines.push(`\t\t\t${renderValue(ordered)},`);
		}
		lines.push('\t\t],', '\t},');
	}
	lines.push('};', '');
	return lines.join('\n');
}

export function loadSwagger(file = DEFAULT_SWAGGER_PATH): Swagger {
	return JSON.parse(readFileSync(file, 'utf8')) as Swagger;
}

export function generateFieldsSource(swagger: Swagger): string {
	return renderFieldsSource(buildFieldTable(swagger));
}
