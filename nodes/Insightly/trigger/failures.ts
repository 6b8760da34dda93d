/**
 * Reading the request layer's errors from the trigger's side: how many requests a failed call
 * made (for the budget ledger), and whether it failed because the instance's daily limit is
 * used up (then the trigger waits instead of failing).
 */
import { isDailyLimitMessage } from '../transport/errors';

interface ErrorShape {
	httpCode?: unknown;
	errorResponse?: {
		/** Insightly's own `Message`, redacted (transport/errors.ts, buildApiError). */
		serverMessage?: unknown;
		request?: { attempts?: unknown };
		response?: { headers?: Record<string, unknown> };
	};
}

/** Requests a failed insightlyRequest made, retries included (1 when it does not say). */
export function attemptsOf(error: unknown): number {
	const attempts = (error as ErrorShape | undefined)?.errorResponse?.request?.attempts;
	return typeof attempts === 'number' && attempts > 0 ? attempts : 1;
}

/**
 * A 429 that came with X-RateLimit-Remaining: 0, or whose Message names the daily limit: the
 * instance's daily limit is used up. Which of the two Insightly sends is not on record, so
 * either is enough.
 */
export function isDailyLimitError(error: unknown): boolean {
	const shape = error as ErrorShape | undefined;
	if (String(shape?.httpCode ?? '') !== '429') return false;
	const message = shape?.errorResponse?.serverMessage;
	if (typeof message === 'string' && isDailyLimitMessage(message)) return true;
	const remaining = shape?.errorResponse?.response?.headers?.['x-ratelimit-remaining'];
	return remaining !== undefined && String(remaining).trim() !== '' && Number(remaining) <= 0;
}

/**
 * The Daily Request Budget is too small for what the poll must do. The poll fails once with
 * this message (n8n shows the failing trigger and runs the error workflow); later polls under
 * the same condition only log it, until it changes.
 */
export class BudgetShortfall extends Error {
	constructor(
		/** Which condition: the same key means the same shortfall, already reported. */
		readonly condition: string,
		message: string,
		/** What to change. */
		readonly hint: string,
	) {
		super(message);
		this.name = 'BudgetShortfall';
	}
}
