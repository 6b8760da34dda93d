/**
 * The request policy of docs/design.md ("Request policy") as a pure function: given what happened to one
 * attempt, retry (after how long) or stop. No I/O here, so every row of the table is unit-tested.
 *
 * | outcome                                         | GET, PUT, DELETE | POST                 |
 * |-------------------------------------------------|------------------|----------------------|
 * | 429 with X-RateLimit-Remaining > 0 or absent     | retry            | retry                |
 * | 429 with X-RateLimit-Remaining: 0 (daily limit)  | stop             | stop                 |
 * | 503; connection refused before sending           | retry            | retry                |
 * | 500, 502, 504; reset or timeout after sending    | retry            | stop (may exist)     |
 * | other 4xx                                        | stop             | stop                 |
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type AttemptOutcome =
	| { kind: 'response'; status: number; headers: Record<string, string> }
	| { kind: 'network'; code: string; sent: boolean };

export interface RetrySettings {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** Upper bound of all waits of one request together. */
	maxTotalWaitMs: number;
	/** First backoff ceiling; doubles with each retry (full jitter draws in [0, ceiling]). */
	baseDelayMs: number;
	/** Ceiling of one backoff wait. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
	maxAttempts: 6,
	maxTotalWaitMs: 60_000,
	baseDelayMs: 500,
	maxDelayMs: 15_000,
};

export type StopReason =
	| 'dailyLimit'
	| 'clientError'
	| 'maybeCreated'
	| 'attemptsExhausted'
	| 'waitExhausted'
	| 'networkFatal';

export type RetryDecision =
	| { action: 'success' }
	| { action: 'retry'; delayMs: number }
	| { action: 'stop'; reason: StopReason };

/** Codes that mean the connection never carried the request, so even a POST can be re-sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** Codes after which the server may have received and processed the request. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

export function classifyNetworkError(code: string | undefined): {
	retryable: boolean;
	sent: boolean;
} {
	const normalized = (code ?? '').toUpperCase();
	if (NOT_SENT_CODES.has(normalized)) return { retryable: true, sent: false };
	if (MAYBE_SENT_CODES.has(normalized)) return { retryable: true, sent: true };
	// ENOTFOUND, certificate errors...: a wrong URL or setup, not a passing fault.
	return { retryable: false, sent: false };
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function isDailyLimitResponse(status: number, headers: Record<string, string>): boolean {
	const remaining = (headers['x-ratelimit-remaining'] ?? '').trim();
	// An empty header says nothing (Number('') is 0): treat it as absent, so the 429 is retried.
	return status === 429 && remaining !== '' && Number(remaining) <= 0;
}

function isRetryableFor(method: HttpMethod, outcome: AttemptOutcome): RetryDecision | 'retryable' {
	if (outcome.kind === 'network') {
		const { retryable } = classifyNetworkError(outcome.code);
		if (!retryable) return { action: 'stop', reason: 'networkFatal' };
		if (outcome.sent && method === 'POST') return { action: 'stop', reason: 'maybeCreated' };
		return 'retryable';
	}
	const { status, headers } = outcome;
	if (status < 300) return { action: 'success' };
	// Redirects are not followed (the key would go along); the redirect page is not a result.
	if (status < 400) return { action: 'stop', reason: 'clientError' };
	if (status === 429)
		return isDailyLimitResponse(status, headers)
			? { action: 'stop', reason: 'dailyLimit' }
			: 'retryable';
	if (status === 503) return 'retryable';
	if (status === 500 || status === 502 || status === 504) {
		return method === 'POST' ? { action: 'stop', reason: 'maybeCreated' } : 'retryable';
	}
	return { action: 'stop', reason: 'clientError' };
}

/**
 * @param attempt number of the attempt that just ended (1 for the first)
 * @param waitedMs time already spent waiting between attempts of this request
 */
export function decideRetry(
	method: HttpMethod,
	outcome: AttemptOutcome,
	attempt: number,
	waitedMs: number,
	settings: RetrySettings,
	random: () => number,
	nowMs: number,
): RetryDecision {
	const verdict = isRetryableFor(method, outcome);
	if (verdict !== 'retryable') return verdict;
	if (attempt >= settings.maxAttempts) return { action: 'stop', reason: 'attemptsExhausted' };

	const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
	let delayMs = Math.floor(random() * ceiling);
	if (outcome.kind === 'response') {
		const retryAfter = parseRetryAfter(outcome.headers['retry-after'], nowMs);
		// Retry-After is the server's own word: never wait less than it asks.
		if (retryAfter !== undefined) delayMs = Math.max(delayMs, retryAfter);
	}
	if (waitedMs + delayMs > settings.maxTotalWaitMs)
		return { action: 'stop', reason: 'waitExhausted' };
	return { action: 'retry', delayMs };
}
