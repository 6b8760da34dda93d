/**
 * Insightly's swagger file as the sandbox's contract: finds the operation for a method + concrete
 * path, hands out its request-body and response schemas, and validates values against them with
 * ajv. The swagger (2.0, generated from .NET) needs a few mechanical repairs before a JSON-schema
 * validator can use it; they are all in `repair()` and explained there.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import * as path from 'path';

export const SWAGGER_PATH = path.resolve(__dirname, '../spec/insightly-v3.1.swagger.json');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SwaggerParameter {
	name: string;
	in: 'query' | 'path' | 'body' | 'header' | 'formData';
	required?: boolean;
	type?: string;
	schema?: Json;
	maxLength?: number;
}

export interface SwaggerOperation {
	operationId: string;
	parameters?: SwaggerParameter[];
	responses: Record<string, { description?: string; schema?: Json }>;
	consumes?: string[];
	produces?: string[];
}

export interface OperationMatch {
	/** The swagger path template, e.g. `/Contacts/{id}/Tags` or `/{objectName}`. */
	template: string;
	/** Values of the template's `{params}`, taken from the concrete path. */
	params: Record<string, string>;
	/** All operations declared on the template, by lower-case method. */
	methods: Record<string, SwaggerOperation>;
	/** The operation for the requested method, if the swagger declares it. */
	operation?: SwaggerOperation;
}

let cachedDoc: Json | undefined;
export function swaggerDocument(): Json {
	if (!cachedDoc) cachedDoc = JSON.parse(readFileSync(SWAGGER_PATH, 'utf8'));
	return cachedDoc;
}

// ---------------------------------------------------------------- path matching

interface Template {
	template: string;
	segments: string[];
}
let templatesBySize: Map<number, Template[]> | undefined;

function templates(): Map<number, Template[]> {
	if (templatesBySize) return templatesBySize;
	templatesBySize = new Map();
	for (const template of Object.keys(swaggerDocument().paths)) {
		const segments = template.split('/').filter(Boolean);
		const list = templatesBySize.get(segments.length) ?? [];
		list.push({ template, segments });
		templatesBySize.set(segments.length, list);
	}
	return templatesBySize;
}

/** Path segments below `/v3.1`, without query string; `/v3.1` itself is optional. */
export function apiSegments(concretePath: string): string[] {
	const clean = concretePath.split('?')[0];
	const segments = clean.split('/').filter(Boolean).map(decodeURIComponent);
	if (segments[0]?.toLowerCase() === 'v3.1') segments.shift();
	return segments;
}

/**
 * The swagger template a concrete path belongs to. Literal segments match case-insensitively (as
 * Insightly does); when several templates match, the one whose literal segments come earliest and
 * most often wins (`/Contacts/Search` beats `/Contacts/{id}` beats `/{objectName}/{id}`).
 */
export function findOperation(method: string, concretePath: string): OperationMatch | undefined {
	const segments = apiSegments(concretePath);
	let best: { t: Template; score: number } | undefined;
	for (const t of templates().get(segments.length) ?? []) {
		let score = 0;
		let ok = true;
		for (let i = 0; i < segments.length; i++) {
			const seg = t.segments[i];
			if (seg.startsWith('{')) continue;
			if (seg.toLowerCase() !== segments[i].toLowerCase()) {
				ok = false;
				break;
			}
			score += 2 ** (segments.length - i);
		}
		if (ok && (!best || score > best.score)) best = { t, score };
	}
	if (!best) return undefined;
	const params: Record<string, string> = {};
	best.t.segments.forEach((seg, i) => {
		if (seg.startsWith('{')) params[seg.slice(1, -1)] = segments[i];
	});
	const methods = swaggerDocument().paths[best.t.template] as Record<string, SwaggerOperation>;
	return { template: best.t.template, params, methods, operation: methods[method.toLowerCase()] };
}

/** The operation on an exact template, e.g. `('post', '/Contacts')`. */
export function operationAt(method: string, template: string): SwaggerOperation | undefined {
	return swaggerDocument().paths[template]?.[method.toLowerCase()];
}

// ---------------------------------------------------------------- schemas

/**
 * Known errors in the swagger's response schemas, replaced by the schema the endpoint really
 * returns. Keyed by `METHOD template`.
 */
const RESPONSE_ERRATA: Record<string, () => Json> = {
	// The generic custom-object template copies the record schema onto its attachment list.
	'GET /{objectName}/{id}/FileAttachments': () => ({
		type: 'array',
		items: { $ref: '#/definitions/APIFileAttachment' },
	}),
	'POST /{objectName}/{id}/FileAttachments': () => ({ $ref: '#/definitions/APIFileAttachment' }),
	// Documents no schema (the default answer is the file itself); `format=JSON` gives metadata.
	'GET /FileAttachments/{id}': () => ({ $ref: '#/definitions/APIFileAttachment' }),
};

/** The raw swagger schema of a request body, if the operation takes one. */
export function requestBodySchema(method: string, template: string): Json | undefined {
	return operationAt(method, template)?.parameters?.find((p) => p.in === 'body')?.schema;
}

/**
 * The raw swagger schema of a response. A status the swagger does not list falls back to the
 * operation's first documented success schema (the swagger says 201 for some GETs that answer
 * 200); a `GET /X/{id}` without any schema falls back to the items of `GET /X`.
 */
export function responseSchema(method: string, template: string, status: number): Json | undefined {
	const key = `${method.toUpperCase()} ${template}`;
	if (RESPONSE_ERRATA[key] && status < 300) return RESPONSE_ERRATA[key]();
	const op = operationAt(method, template);
	if (!op) return undefined;
	const exact = op.responses[String(status)]?.schema;
	if (exact) return exact;
	if (status >= 300) return undefined;
	for (const [code, response] of Object.entries(op.responses)) {
		if (code.startsWith('2') && response.schema) return response.schema;
	}
	if (method.toLowerCase() === 'get' && template.endsWith('/{id}')) {
		const list = responseSchema('get', template.slice(0, -'/{id}'.length), 200);
		if (list?.type === 'array') return list.items;
	}
	return undefined;
}

/** Follows a `#/definitions/X` reference (one level). */
export function deref(schema: Json): Json {
	if (schema && typeof schema.$ref === 'string') {
		return swaggerDocument().definitions[schema.$ref.split('/').pop()];
	}
	return schema;
}

const DEFINITIONS_ID = 'insightly-swagger';
/** Swagger formats that only restate the type (`string`, `boolean`) are dropped; these are kept. */
const KEPT_FORMATS: Record<string, string> = {
	'date-time': 'insightly-date-time',
	int32: 'int32',
	int64: 'int64',
};

/**
 * Repairs a swagger schema for ajv:
 * - `maxLength: 0` means "unlimited" in this generator, and maxLength/minLength on non-strings
 *   are noise: both are dropped;
 * - `format` is kept only where it constrains something (date-time, int32, int64); date-times
 *   use Insightly's own `yyyy-MM-dd HH:mm:ss` form (see the formats below);
 * - `type: object` without properties is .NET's `System.Object` (any JSON value), e.g. the
 *   custom field's `FIELD_VALUE`;
 * - every property may be `null`: Insightly serialises unset fields as null and `null` clears a
 *   field on update (swagger 2.0 cannot say "nullable");
 * - `$ref`s point into the definitions registered with ajv.
 */
function repair(schema: Json): Json {
	if (Array.isArray(schema)) return schema.map(repair);
	if (!schema || typeof schema !== 'object') return schema;
	const out: Json = {};
	for (const [key, value] of Object.entries(schema)) {
		if (key === '$ref') out.$ref = `${DEFINITIONS_ID}${value as string}`;
		else if (key === 'properties') {
			out.properties = {};
			for (const [name, prop] of Object.entries(value as Json)) {
				out.properties[name] = nullable(repair(prop));
			}
		} else if (key === 'format') {
			if (KEPT_FORMATS[value as string]) out.format = KEPT_FORMATS[value as string];
		} else if (key === 'maxLength' || key === 'minLength') {
			if (schema.type === 'string' && (key === 'minLength' || (value as number) > 0))
				out[key] = value;
		} else out[key] = repair(value);
	}
	if (out.type === 'object' && !out.properties && !out.items) delete out.type;
	return out;
}

function nullable(schema: Json): Json {
	if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
	if (schema.$ref) return { anyOf: [{ $ref: schema.$ref }, { type: 'null' }] };
	return schema;
}

/** Insightly's body/response form of a UTC timestamp. */
export const INSIGHTLY_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** What the sandbox accepts in request bodies: Insightly's form, ISO 8601, or a bare date. */
export const ACCEPTED_DATE_TIME =
	/^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

type Mode = 'request' | 'response';
const ajvs: Partial<Record<Mode, Ajv>> = {};

function ajvFor(mode: Mode): Ajv {
	const existing = ajvs[mode];
	if (existing) return existing;
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv, ['int32', 'int64']);
	// Responses must carry the server's exact form; requests may use any sensible date form.
	ajv.addFormat(
		'insightly-date-time',
		mode === 'response' ? INSIGHTLY_DATE_TIME : ACCEPTED_DATE_TIME,
	);
	ajv.addSchema({ $id: DEFINITIONS_ID, definitions: repair(swaggerDocument().definitions) });
	ajvs[mode] = ajv;
	return ajv;
}

const compiled = new WeakMap<object, Partial<Record<Mode, ValidateFunction>>>();

/** Validates a value against a raw swagger schema; returns readable error lines (empty = valid). */
export function validateAgainst(schema: Json, value: unknown, mode: Mode = 'response'): string[] {
	let byMode = compiled.get(schema);
	if (!byMode) compiled.set(schema, (byMode = {}));
	let validate = byMode[mode];
	if (!validate) validate = byMode[mode] = ajvFor(mode).compile(repair(schema));
	if (validate(value)) return [];
	return (validate.errors ?? []).map(describeError);
}

function describeError(error: ErrorObject): string {
	const where = error.instancePath
		? error.instancePath.replace(/^\//, '').replace(/\//g, '.')
		: 'body';
	return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Validates a response body against the swagger schema of `method` + concrete `path` + `status`.
 * Throws when the swagger has no such endpoint or no schema for it, so a test cannot pass by
 * validating against nothing.
 */
export function validateResponse(
	method: string,
	concretePath: string,
	status: number,
	body: unknown,
): string[] {
	const match = findOperation(method, concretePath);
	if (!match?.operation) throw new Error(`swagger has no operation ${method} ${concretePath}`);
	const schema = responseSchema(method, match.template, status);
	if (!schema)
		throw new Error(`swagger has no response schema for ${method} ${match.template} ${status}`);
	return validateAgainst(schema, body, 'response');
}
