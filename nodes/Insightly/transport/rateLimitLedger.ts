import { clock } from './clock';

/** The latest daily-quota headers Insightly sent for one credential. */
export interface RateLimitState {
	limit?: number;
	remaining?: number;
	seenAt?: number;
}

const ledger = new Map<string, RateLimitState>();

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
	const raw = headers[name];
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	return Number.isFinite(value) ? value : undefined;
}

/** Reads X-RateLimit-Limit / X-RateLimit-Remaining (lower-cased header names) into the ledger. */
export function recordRateLimitHeaders(
	credentialKey: string,
	headers: Record<string, string>,
): RateLimitState {
	const limit = headerNumber(headers, 'x-ratelimit-limit');
	const remaining = headerNumber(headers, 'x-ratelimit-remaining');
	if (limit === undefined && remaining === undefined) return ledger.get(credentialKey) ?? {};
	const state: RateLimitState = { ...ledger.get(credentialKey), seenAt: clock.now() };
	if (limit !== undefined) state.limit = limit;
	if (remaining !== undefined) state.remaining = remaining;
	ledger.set(credentialKey, state);
	return state;
}

export function rateLimitStateFor(credentialKey: string): RateLimitState {
	return { ...ledger.get(credentialKey) };
}
