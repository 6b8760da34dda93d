import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveApiBaseUrl } from './apiUrl';
import { clock } from './clock';
import { buildApiError, isDailyLimitMessage, secretsOf, serverText } from './errors';
import { encodeMultipart, type MultipartPayload } from './multipart';
import { rateLimitStateFor, recordRateLimitHeaders, type RateLimitState } from './rateLimitLedger';
import {
	classifyNetworkError,
	decideRetry,
	DEFAULT_RETRY_SETTINGS,
	isDailyLimitResponse,
	type AttemptOutcome,
	type HttpMethod,
	type RetrySettings,
} from './retryPolicy';
import { pacerFor } from './throttle';

export type InsightlyFunctions = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface InsightlyRequestOptions {
	method: HttpMethod;
	/** Relative to the API URL, with a leading slash: '/Contacts/12'. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	multipart?: MultipartPayload;
	/**
	 * File downloads: a successful response's body is a stream (see `ByteStream`), never held in
	 * memory whole; the caller reads it once or destroys it.
	 */
	binary?: boolean;
	itemIndex?: number;
	/** Names the record in a 404 / 403 message. */
	record?: { typeName: string; id?: string | number };
	retry?: Partial<RetrySettings>;
}

export interface InsightlyResponse<T = unknown> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
	/** Requests sent for this call, retries included. */
	attempts: number;
}

const CREDENTIAL_TYPE = 'insightlyApi';
/** How much of a failed download's body is read for its message. */
const ERROR_BODY_BYTES = 64 * 1024;

/** The part of a Node.js readable stream the request layer and the download use. */
export interface ByteStream {
	on(event: 'data', listener: (chunk: Buffer) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	destroy(error?: Error): unknown;
}

export function isByteStream(value: unknown): value is ByteStream {
	return (
		!!value &&
		typeof value === 'object' &&
		typeof (value as ByteStream).on === 'function' &&
		typeof (value as ByteStream).destroy === 'function'
	);
}

/** The first `limit` bytes of a stream, which is then closed. */
function readStart(stream: ByteStream, limit: number): Promise<Buffer> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let length = 0;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			stream.destroy();
			resolve(Buffer.concat(chunks).subarray(0, limit));
		};
		stream.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			length += chunk.length;
			if (length >= limit) finish();
		});
		stream.on('end', finish);
		stream.on('close', finish);
		stream.on('error', finish);
	});
}
const DEFAULT_REQUESTS_PER_SECOND = 10;
const REQUEST_TIMEOUT_MS = 120_000;

interface ResolvedCredential {
	baseUrl: string;
	/** `Basic base64(key:)`: the key as user name, an empty password. */
	authorization: string;
	key: string;
	secrets: string[];
	requestsPerSecond: number;
}

/** FNV-1a: a process-local name for the credential, so maps never hold the key itself. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16);
}

async function resolveCredential(
	this: InsightlyFunctions,
	itemIndex?: number,
): Promise<ResolvedCredential> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const baseUrl = resolveApiBaseUrl(credentials.apiUrl, credentials.allowLocalhost);
	if (!baseUrl) {
		throw new NodeOperationError(
			this.getNode(),
			'The API URL in the Insightly credential is not an Insightly API URL',
			{
				itemIndex,
				description:
					'Use the API URL shown in Insightly under your profile icon → User Settings → API (for example https://api.na1.insightly.com/v3.1/) or just the pod (na1). ' +
					'The API key is only ever sent to https://api.<pod>.insightly.com; a local sandbox needs the credential\'s "Allow Localhost" option.',
			},
		);
	}
	const apiKey = String(credentials.apiKey ?? '');
	const rate = Number(credentials.maxRequestsPerSecond);
	return {
		baseUrl,
		authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`,
		key: fingerprint(`${baseUrl}\n${apiKey}`),
		secrets: secretsOf(apiKey),
		requestsPerSecond:
			Number.isFinite(rate) && rate > 0
				? Math.min(rate, DEFAULT_REQUESTS_PER_SECOND)
				: DEFAULT_REQUESTS_PER_SECOND,
	};
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

/** The network error code hidden somewhere in what n8n's helper threw. */
export function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	const match = message.match(
		/\b(E(?:CONN[A-Z]+|TIMEDOUT|AI_AGAIN|NOTFOUND|PIPE|ADDR[A-Z]+|HOSTUNREACH|NETUNREACH|SOCKETTIMEDOUT|PROTO))\b/,
	);
	return match ? match[1] : undefined;
}

function serverMessageOf(body: unknown, secrets: string[]): string | undefined {
	let parsed: unknown = body;
	const text = Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: undefined;
	if (text !== undefined) {
		try {
			parsed = JSON.parse(text);
		} catch {
			return text.trim() ? serverText(text, secrets) : undefined;
		}
	}
	const message =
		parsed && typeof parsed === 'object' ? (parsed as IDataObject).Message : undefined;
	return typeof message === 'string' ? serverText(message, secrets) : undefined;
}

/**
 * Sends one Insightly API call: throttled per credential, retried per the request policy,
 * failures turned into a NodeApiError that names the item, the record and what to do.
 */
export async function insightlyRequest<T = unknown>(
	this: InsightlyFunctions,
	options: InsightlyRequestOptions,
): Promise<InsightlyResponse<T>> {
	const credential = await resolveCredential.call(this, options.itemIndex);
	const settings: RetrySettings = { ...DEFAULT_RETRY_SETTINGS, ...options.retry };
	const pacer = pacerFor(credential.key, credential.requestsPerSecond);

	let body: unknown = options.body;
	// The credential has no `authenticate` block (see credentials/InsightlyApi.credentials.ts): the
	// key goes out here, and only to the base URL resolveCredential has checked.
	const headers: IDataObject = {
		Accept: 'application/json',
		Authorization: credential.authorization,
	};
	if (options.multipart) {
		const encoded = encodeMultipart(
			options.multipart,
			`----n8nInsightly${fingerprint(String(clock.now()))}${Math.floor(clock.random() * 1e9)}`,
		);
		body = encoded.body;
		headers['Content-Type'] = encoded.contentType;
	}

	let waitedMs = 0;
	let ambiguousDelete = false;
	for (let attempt = 1; ; attempt++) {
		const ticket = await pacer.acquire();
		let outcome: AttemptOutcome;
		let response:
			{ body: unknown; headers: Record<string, string>; statusCode: number } | undefined;
		try {
			const raw = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				method: options.method,
				url: `${credential.baseUrl}${options.path}`,
				qs: options.qs,
				body: body as IDataObject,
				headers,
				json: !options.multipart && !options.binary,
				encoding: options.binary ? 'stream' : undefined,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
				timeout: REQUEST_TIMEOUT_MS,
			})) as { body: unknown; headers: unknown; statusCode: number };
			pacer.answered(ticket);
			response = {
				body: raw.body,
				headers: lowerCaseHeaders(raw.headers),
				statusCode: raw.statusCode,
			};
			// A failed download's body is only read for its message, and only its beginning.
			if (
				options.binary &&
				isByteStream(raw.body) &&
				(raw.statusCode < 200 || raw.statusCode >= 300)
			)
				response.body = await readStart(raw.body, ERROR_BODY_BYTES);
			recordRateLimitHeaders(credential.key, response.headers);
			// A 429 whose Message names the daily quota is the daily limit even without
			// X-RateLimit-Remaining: 0 (docs/live-api.md, "Rate limits"): never retried.
			const dailyByMessage =
				response.statusCode === 429 &&
				isDailyLimitMessage(serverMessageOf(response.body, credential.secrets));
			outcome = {
				kind: 'response',
				status: response.statusCode,
				headers: dailyByMessage
					? { ...response.headers, 'x-ratelimit-remaining': '0' }
					: response.headers,
			};
		} catch (error) {
			const code = networkCodeOf(error) ?? 'EUNKNOWN';
			outcome = { kind: 'network', code, sent: classifyNetworkError(code).sent };
		}

		// A DELETE whose earlier attempt may have reached the server has done its job if the record is gone.
		if (response && options.method === 'DELETE' && ambiguousDelete && response.statusCode === 404) {
			return {
				body: undefined as T,
				headers: response.headers,
				statusCode: 202,
				attempts: attempt,
			};
		}

		// A per-second 429: the pacer widens its jitter allowance or, when others share the limit,
		// slows down (throttle.ts). The daily limit is not a matter of pace.
		if (
			outcome.kind === 'response' &&
			outcome.status === 429 &&
			!isDailyLimitResponse(429, outcome.headers)
		)
			pacer.backOff(ticket);

		const decision = decideRetry(
			options.method,
			outcome,
			attempt,
			waitedMs,
			settings,
			clock.random,
			clock.now(),
		);
		if (decision.action === 'success' && response) {
			return {
				body: response.body as T,
				headers: response.headers,
				statusCode: response.statusCode,
				attempts: attempt,
			};
		}
		if (decision.action === 'retry') {
			// Only an attempt that may have reached the server makes a later 404 a success: after a
			// refused connection the record was never deleted by us, so its 404 is a real one.
			if (
				options.method === 'DELETE' &&
				(outcome.kind === 'network'
					? outcome.sent
					: outcome.status >= 500 && outcome.status !== 503)
			) {
				ambiguousDelete = true;
			}
			waitedMs += decision.delayMs;
			await clock.sleep(decision.delayMs);
			continue;
		}
		const reason = decision.action === 'stop' ? decision.reason : 'clientError';
		throw buildApiError(this.getNode(), {
			method: options.method,
			path: options.path,
			status: response?.statusCode,
			serverMessage: response ? serverMessageOf(response.body, credential.secrets) : undefined,
			networkCode: outcome.kind === 'network' ? outcome.code : undefined,
			reason,
			attempts: attempt,
			headers: response?.headers ?? {},
			record: options.record,
			itemIndex: options.itemIndex,
			dailyLimit: rateLimitStateFor(credential.key).limit,
		});
	}
}

/** Latest X-RateLimit-Limit / X-RateLimit-Remaining seen for this context's credential. */
export async function getRateLimitState(this: InsightlyFunctions): Promise<RateLimitState> {
	const credential = await resolveCredential.call(this);
	return rateLimitStateFor(credential.key);
}
