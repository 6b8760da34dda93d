/**
 * Test client for the sandbox: every JSON response it receives is validated against the swagger
 * schema of its endpoint (success bodies) or Insightly's `{"Message"}` error shape, so each test
 * doubles as a contract test.
 */
import type { Sandbox } from '../../sandbox';
import { validateResponse } from '../../sandbox/swagger';

interface ApiResponse {
	status: number;
	headers: Headers;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	raw: Buffer;
}

interface CallOptions {
	body?: unknown;
	/** Raw body (multipart); sent as is with `contentType`. */
	rawBody?: Buffer;
	contentType?: string;
	query?: Record<string, string | number | boolean>;
	/** Override the API key; `null` sends no Authorization header. */
	key?: string | null;
	/** Skip the swagger check (binary downloads). */
	binary?: boolean;
}

export const basic = (key: string, password = '') =>
	`Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;

/** Throws unless `body` matches the swagger response schema of method + path + status. */
function expectSwagger(method: string, path: string, status: number, body: unknown): void {
	if (status >= 400) {
		if (typeof (body as { Message?: unknown })?.Message !== 'string') {
			throw new Error(
				`${method} ${path} ${status}: error body without Message: ${JSON.stringify(body)}`,
			);
		}
		return;
	}
	const errors = validateResponse(method, path, status, body);
	if (errors.length) {
		throw new Error(
			`${method} ${path} ${status} does not match the swagger:\n${errors.slice(0, 10).join('\n')}`,
		);
	}
}

export function client(sandbox: Sandbox) {
	return async function call(
		method: string,
		path: string,
		options: CallOptions = {},
	): Promise<ApiResponse> {
		const url = new URL(sandbox.apiUrl + path);
		for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
		const headers: Record<string, string> = {};
		const key = options.key === undefined ? sandbox.apiKey : options.key;
		if (key !== null) headers.Authorization = basic(key);
		let payload: Buffer | string | undefined;
		if (options.rawBody) {
			payload = options.rawBody;
			headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
		} else if (options.body !== undefined) {
			payload = JSON.stringify(options.body);
			headers['Content-Type'] = 'application/json';
		}
		const response = await fetch(url, { method, headers, body: payload });
		const raw = Buffer.from(await response.arrayBuffer());
		let body: unknown;
		if (!options.binary && raw.length) body = JSON.parse(raw.toString('utf8'));
		if (!options.binary && response.status !== 429 && raw.length)
			expectSwagger(method, url.pathname, response.status, body);
		if (response.status === 429) expectSwagger(method, url.pathname, 429, body);
		return { status: response.status, headers: response.headers, body, raw };
	};
}

/** A multipart/form-data body with one file and optional text fields. */
export function multipart(
	file: { name: string; type: string; data: Buffer },
	fields: Record<string, string> = {},
): { rawBody: Buffer; contentType: string } {
	const boundary = '----sandbox-test-boundary';
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
			),
		);
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
		),
		file.data,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	);
	return {
		rawBody: Buffer.concat(parts),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
