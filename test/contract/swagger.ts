/**
 * The swagger as a contract for tests: every path, query parameter and body the node sends must
 * be one Insightly documents. Concrete paths (`/Contacts/12/Tags`) are matched to templates
 * (`/Contacts/{id}/Tags`); custom object records (`/Fruit__c/3`) to `/{objectName}/{id}`.
 *
 * Two documented swagger quirks are accepted rather than reported:
 * - on PUT, the record's own id (CONTACT_ID...) is marked readOnly but is how Insightly finds the
 *   record to update, so it may be sent;
 * - the custom object record schema omits RECORD_ID, which a PUT must carry.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface SwaggerProperty {
	type?: string;
	format?: string;
	readOnly?: boolean;
	maxLength?: number;
	$ref?: string;
	items?: SwaggerProperty & SwaggerSchema;
}
interface SwaggerSchema {
	title?: string;
	type?: string;
	required?: string[];
	properties?: Record<string, SwaggerProperty>;
	items?: SwaggerProperty & SwaggerSchema;
	$ref?: string;
}
interface SwaggerParameter {
	name: string;
	in: 'path' | 'query' | 'body' | 'header' | 'formData';
	type?: string;
	required?: boolean;
	schema?: SwaggerSchema;
}
interface SwaggerOperation {
	operationId?: string;
	parameters?: SwaggerParameter[];
}
interface SwaggerDocument {
	basePath: string;
	paths: Record<string, Partial<Record<Lowercase<HttpMethod>, SwaggerOperation>>>;
	definitions: Record<string, SwaggerSchema>;
}

const SWAGGER_PATH = resolve(__dirname, '../../spec/insightly-v3.1.swagger.json');

let cached: SwaggerDocument | undefined;
export function loadSwagger(): SwaggerDocument {
	cached ??= JSON.parse(readFileSync(SWAGGER_PATH, 'utf8')) as SwaggerDocument;
	return cached;
}

/** Record id fields the swagger leaves out of a PUT body schema, by path template. */
const MISSING_ID_FIELDS: Record<string, string> = { '/{objectName}': 'RECORD_ID' };

const CUSTOM_OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*__c$/;
const INSIGHTLY_BODY_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

class ContractError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ContractError';
	}
}

interface MatchedOperation {
	method: HttpMethod;
	/** The concrete path without query string or base path. */
	path: string;
	template: string;
	operation: SwaggerOperation;
	pathParams: Record<string, string>;
}

/** '/v3.1/Contacts/12?brief=true' → '/Contacts/12'. */
export function normalisePath(path: string): string {
	let clean = path.split(/[?#]/)[0];
	const { basePath } = loadSwagger();
	if (clean.startsWith(`${basePath}/`)) clean = clean.slice(basePath.length);
	if (clean.length > 1 && clean.endsWith('/')) clean = clean.slice(0, -1);
	return clean.startsWith('/') ? clean : `/${clean}`;
}

function segmentMatches(
	templateSegment: string,
	segment: string,
	index: number,
	parameter: SwaggerParameter | undefined,
): boolean {
	if (!templateSegment.startsWith('{')) return templateSegment === segment;
	if (segment === '') return false;
	// A leading {objectName} is a custom object: without this, any typo (/Contact) would match.
	if (index === 0 && templateSegment === '{objectName}') return CUSTOM_OBJECT_NAME.test(segment);
	if (parameter?.type === 'integer') return /^[1-9]\d*$/.test(segment);
	return true;
}

/**
 * Finds the documented operation for a method and concrete path. Among matching templates the
 * most specific wins (`/Contacts/Search` over `/Contacts/{id}`, `/Contacts` over `/{objectName}`).
 */
export function findOperation(method: HttpMethod, rawPath: string): MatchedOperation | undefined {
	const path = normalisePath(rawPath);
	const segments = path
		.slice(1)
		.split('/')
		.map((segment) => decodeURIComponent(segment));
	const candidates: Array<{ match: MatchedOperation; literals: number }> = [];

	for (const [template, operations] of Object.entries(loadSwagger().paths)) {
		const operation = operations[method.toLowerCase() as Lowercase<HttpMethod>];
		if (!operation) continue;
		const templateSegments = template.slice(1).split('/');
		if (templateSegments.length !== segments.length) continue;
		const pathParams: Record<string, string> = {};
		const matches = templateSegments.every((templateSegment, index) => {
			const name = templateSegment.replace(/^\{(.*)\}$/, '$1');
			const parameter = operation.parameters?.find(
				(candidate) => candidate.in === 'path' && candidate.name === name,
			);
			if (!segmentMatches(templateSegment, segments[index], index, parameter)) return false;
			if (templateSegment.startsWith('{')) pathParams[name] = segments[index];
			return true;
		});
		if (matches) {
			const literals = templateSegments.filter((segment) => !segment.startsWith('{')).length;
			candidates.push({ match: { method, path, template, operation, pathParams }, literals });
		}
	}
	candidates.sort((a, b) => b.literals - a.literals);
	return candidates[0]?.match;
}

/** Throws unless the swagger documents `method path`; returns the matched operation. */
export function assertPathExists(method: HttpMethod, path: string): MatchedOperation {
	const found = findOperation(method, path);
	if (!found) {
		const templates = Object.entries(loadSwagger().paths)
			.filter(([template]) => template.split('/')[1] === normalisePath(path).split('/')[1])
			.map(
				([template, operations]) =>
					`${Object.keys(operations).join(',').toUpperCase()} ${template}`,
			);
		throw new ContractError(
			`${method} ${path} is not in Insightly's swagger${templates.length ? `; documented under that segment: ${templates.join('; ')}` : ''}`,
		);
	}
	return found;
}

/** Throws unless every query parameter is documented for the operation. */
export function assertQueryAllowed(
	method: HttpMethod,
	path: string,
	qs: Record<string, unknown> = {},
): void {
	const { operation, template } = assertPathExists(method, path);
	const allowed = (operation.parameters ?? [])
		.filter((parameter) => parameter.in === 'query')
		.map((parameter) => parameter.name);
	for (const name of Object.keys(qs)) {
		if (!allowed.includes(name)) {
			throw new ContractError(
				`${method} ${template}: query parameter "${name}" is not documented (allowed: ${allowed.join(', ') || 'none'})`,
			);
		}
	}
}

function resolveSchema(schema: SwaggerSchema | SwaggerProperty): SwaggerSchema {
	if (schema.$ref) {
		const resolved = loadSwagger().definitions[schema.$ref.replace('#/definitions/', '')];
		if (!resolved) throw new ContractError(`Swagger reference ${schema.$ref} is missing`);
		return resolved;
	}
	return schema as SwaggerSchema;
}

/** The request body schema of an operation (resolved), or undefined when it takes none. */
function bodySchemaOf(operation: SwaggerOperation): SwaggerSchema | undefined {
	const parameter = operation.parameters?.find((candidate) => candidate.in === 'body');
	return parameter?.schema ? resolveSchema(parameter.schema) : undefined;
}

/** The readOnly `*_ID` property that identifies the record of a schema (CONTACT_ID...). */
function recordIdField(schema: SwaggerSchema, template: string): string | undefined {
	const declared = Object.entries(schema.properties ?? {}).find(
		([name, property]) => property.readOnly && name.endsWith('_ID'),
	);
	return declared?.[0] ?? MISSING_ID_FIELDS[template];
}

function checkValueType(where: string, property: SwaggerProperty, value: unknown): void {
	if (value === null) return; // null clears a field (v3.1)
	const fail = (expected: string) => {
		throw new ContractError(`${where} must be ${expected}, got ${JSON.stringify(value)}`);
	};
	switch (property.type) {
		case 'integer':
			if (!Number.isInteger(value)) fail('an integer');
			break;
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value)) fail('a number');
			break;
		case 'boolean':
			if (typeof value !== 'boolean') fail('a boolean');
			break;
		case 'string':
			if (typeof value !== 'string') fail('a string');
			if (property.format === 'date-time' && !INSIGHTLY_BODY_DATE.test(value as string))
				fail('a date as yyyy-MM-dd HH:mm:ss');
			if (property.maxLength && (value as string).length > property.maxLength)
				fail(`at most ${property.maxLength} characters`);
			break;
		default:
			break; // objects (FIELD_VALUE) and untyped properties accept anything
	}
}

function checkObject(
	where: string,
	schema: SwaggerSchema,
	value: unknown,
	allowedExtra: string[],
): void {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new ContractError(
			`${where} must be an object (schema ${schema.title ?? 'untitled'}), got ${JSON.stringify(value)}`,
		);
	}
	const properties = schema.properties ?? {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		const fieldWhere = `${where}.${key}`;
		if (allowedExtra.includes(key)) {
			if (!Number.isInteger(entry))
				throw new ContractError(
					`${fieldWhere} (record id) must be an integer, got ${JSON.stringify(entry)}`,
				);
			continue;
		}
		const property = properties[key];
		if (!property) {
			throw new ContractError(
				`${fieldWhere} is not in the swagger schema ${schema.title ?? ''} (known: ${Object.keys(properties).join(', ')})`,
			);
		}
		if (property.readOnly) throw new ContractError(`${fieldWhere} is read-only in the swagger`);
		if (property.type === 'array') {
			if (!Array.isArray(entry)) throw new ContractError(`${fieldWhere} must be an array`);
			if (property.items) {
				const itemSchema = resolveSchema(property.items);
				entry.forEach((item, index) => {
					if (itemSchema.properties) checkObject(`${fieldWhere}[${index}]`, itemSchema, item, []);
					else checkValueType(`${fieldWhere}[${index}]`, itemSchema as SwaggerProperty, item);
				});
			}
		} else if (property.$ref) {
			if (entry !== null) checkObject(fieldWhere, resolveSchema(property), entry, []);
		} else {
			checkValueType(fieldWhere, property, entry);
		}
	}
}

/**
 * Throws unless every key of the body (and of nested CUSTOMFIELDS / TAGS / LINKS items and
 * referenced objects) exists in the operation's body schema, is writable and has the
 * documented JSON type (dates in Insightly's `yyyy-MM-dd HH:mm:ss`).
 */
export function assertBodyWritable(method: HttpMethod, path: string, body: unknown): void {
	const matched = assertPathExists(method, path);
	const where = `${method} ${matched.template} body`;
	const schema = bodySchemaOf(matched.operation);
	if (!schema) {
		if (
			body === undefined ||
			(typeof body === 'object' && body !== null && Object.keys(body).length === 0)
		)
			return;
		throw new ContractError(`${where}: the swagger documents no request body`);
	}
	if (schema.type === 'array' || Array.isArray(body)) {
		if (schema.type !== 'array' || !Array.isArray(body)) {
			throw new ContractError(
				`${where} must be ${schema.type === 'array' ? 'an array' : 'a single object'}`,
			);
		}
		const itemSchema = resolveSchema(schema.items ?? {});
		body.forEach((item, index) => checkObject(`${where}[${index}]`, itemSchema, item, []));
		return;
	}
	const idField = method === 'PUT' ? recordIdField(schema, matched.template) : undefined;
	checkObject(where, schema, body, idField ? [idField] : []);
}

/** Required body fields (swagger `required` minus read-only and undocumented ones) missing from a POST body. */
export function missingRequiredFields(
	method: HttpMethod,
	path: string,
	body: Record<string, unknown>,
): string[] {
	const schema = bodySchemaOf(assertPathExists(method, path).operation);
	if (!schema) return [];
	const properties = schema.properties ?? {};
	return (schema.required ?? []).filter(
		(name) => properties[name] && !properties[name].readOnly && body[name] === undefined,
	);
}

/** One recorded request (e.g. from the sandbox log or a spied transport call). */
interface RecordedRequest {
	method: HttpMethod;
	path: string;
	qs?: Record<string, unknown>;
	body?: unknown;
}

/**
 * Path, query parameters and body of one request against the swagger in one call. Multipart
 * uploads (FileAttachments) carry form fields, not a JSON body: pass them without `body`.
 */
export function assertRequestConforms(request: RecordedRequest): MatchedOperation {
	const matched = assertPathExists(request.method, request.path);
	const [, query] = request.path.split('?');
	const inlineQs = query ? Object.fromEntries(new URLSearchParams(query)) : {};
	assertQueryAllowed(request.method, request.path, { ...inlineQs, ...(request.qs ?? {}) });
	if (request.body !== undefined) assertBodyWritable(request.method, request.path, request.body);
	return matched;
}
