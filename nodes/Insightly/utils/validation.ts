/**
 * Input checks that run before any request is sent. They throw `InputError`, which names the
 * offending field; the node turns it into a NodeOperationError carrying the item index.
 */

export class InputError extends Error {
	/** Parameter or field the message is about (display label, e.g. 'Contact ID'). */
	readonly field?: string;

	/** Item the value came from, when the caller knows it. */
	readonly itemIndex?: number;

	/** Optional hint shown under the message ("what to do next"). */
	readonly description?: string;

	constructor(
		message: string,
		options: { field?: string; itemIndex?: number; description?: string } = {},
	) {
		super(message);
		this.name = 'InputError';
		this.field = options.field;
		this.itemIndex = options.itemIndex;
		this.description = options.description;
	}
}

/** Characters and sequences that would let an "ID" escape its path segment. */
const PATH_BREAKERS = ['/', '?', '#', '..', '\\', '%'];

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (value === undefined) return 'nothing';
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/**
 * A record ID as a positive whole number. IDs end up in URL paths (`/Contacts/{id}`), so
 * anything that could change the path (`/`, `?`, `#`, `..`) is rejected with its own message
 * rather than being escaped: an ID that contains them is a mistake, never a real ID.
 */
export function parseRecordId(value: unknown, fieldLabel: string, itemIndex?: number): number {
	const fail = (why: string, description?: string): never => {
		throw new InputError(`${fieldLabel} ${why} (got ${describe(value)})`, {
			field: fieldLabel,
			itemIndex,
			description,
		});
	};

	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value <= 0) fail('must be a positive whole number');
		return value;
	}
	if (typeof value !== 'string') return fail('must be a positive whole number');

	const text = value.trim();
	if (text === '') return fail('is empty', 'Enter the numeric ID of the record, e.g. 12345.');
	if (PATH_BREAKERS.some((bad) => text.includes(bad))) {
		return fail(
			'must be a plain number, not a path or URL',
			'Use only the numeric ID, e.g. 12345, not a link to the record.',
		);
	}
	if (!/^\d+$/.test(text)) return fail('must be a positive whole number');
	const id = Number(text);
	if (!Number.isSafeInteger(id) || id <= 0) return fail('must be a positive whole number');
	return id;
}

/**
 * The API name of a custom object (`Fruit__c`). It becomes the first path segment
 * (`/Fruit__c/12`), so only the characters Insightly uses for API names are allowed.
 */
export function parseCustomObjectName(
	value: unknown,
	fieldLabel: string,
	itemIndex?: number,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(text)) {
		throw new InputError(
			`${fieldLabel} must be a custom object API name ending in "__c" (got ${describe(value)})`,
			{
				field: fieldLabel,
				itemIndex,
				description: 'Pick the object from the list, or use its API name such as Fruit__c.',
			},
		);
	}
	return text;
}

/**
 * Parses a JSON parameter. Objects and arrays that arrive already parsed (from an
 * expression) are returned as they are.
 */
export function parseJson<T = unknown>(value: unknown, fieldLabel: string, itemIndex?: number): T {
	if (typeof value !== 'string') {
		if (value === undefined || value === null) {
			throw new InputError(`${fieldLabel} is empty: expected JSON`, {
				field: fieldLabel,
				itemIndex,
			});
		}
		return value as T;
	}
	if (value.trim() === '') {
		throw new InputError(`${fieldLabel} is empty: expected JSON`, { field: fieldLabel, itemIndex });
	}
	// The parse error is thrown outside the catch block so n8n's lint sees an InputError,
	// not a swallowed-and-rethrown low-level error.
	let reason: string;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		reason = (error as Error).message;
	}
	throw new InputError(`${fieldLabel} is not valid JSON: ${reason}`, {
		field: fieldLabel,
		itemIndex,
		description: 'Check quotes, commas and brackets, or build the value with an expression.',
	});
}

/** True for values a user would call "empty": undefined, null, blank strings, empty arrays. */
export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

/** Returns the value unchanged, or throws when it is empty (see `isEmptyValue`). */
export function requireNonEmpty<T>(value: T, fieldLabel: string, itemIndex?: number): T {
	if (isEmptyValue(value)) {
		throw new InputError(`${fieldLabel} is required but empty`, { field: fieldLabel, itemIndex });
	}
	return value;
}

/** Longest relative path a Custom API Call may send. */
const MAX_API_PATH = 1_000;

/**
 * The relative path of a Custom API Call (`/Contacts/Search`), checked so it can only ever name
 * a resource of the API URL in the credential: no scheme or host, no `..` or `//`, no query or
 * fragment (the query has its own parameter), no encoded slash or dot, nothing but the
 * characters Insightly's paths use. A leading `/v3.1` is dropped (the API URL has it).
 */
export function parseApiPath(value: unknown, fieldLabel: string, itemIndex?: number): string {
	const fail = (why: string): never => {
		throw new InputError(`${fieldLabel} ${why} (got ${describe(value)})`, {
			field: fieldLabel,
			itemIndex,
			description:
				'Give the path after the API URL, such as /Contacts/Search or /Opportunities/12/Links; put query parameters under Query Parameters.',
		});
	};
	const raw = typeof value === 'string' ? value.trim() : '';
	if (raw === '') return fail('is empty');
	if (raw.length > MAX_API_PATH) return fail(`is longer than ${MAX_API_PATH} characters`);
	if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//'))
		return fail('must be a path, not a URL: the key is only sent to the API URL of the credential');
	const path = (raw.startsWith('/') ? raw : `/${raw}`).replace(/^\/v3\.1(?=\/|$)/i, '') || '/';
	if (/[?#]/.test(path)) return fail('must not hold a query or fragment');
	if (/%(2e|2f|5c)/i.test(path)) return fail('must not hold an encoded dot, slash or backslash');
	if (!/^\/[A-Za-z0-9_\-./~]*$/.test(path))
		return fail('holds characters an Insightly path never has');
	if (path.split('/').some((segment) => segment === '..' || segment === '.'))
		return fail('must not hold . or .. segments');
	if (path.includes('//')) return fail('must not hold an empty segment (//)');
	return path;
}
