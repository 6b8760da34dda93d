import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HttpMethod, StopReason } from './retryPolicy';

/** What the request layer knows about a failed call, with nothing secret in it. */
export interface FailureContext {
	method: HttpMethod;
	path: string;
	status?: number;
	/** Insightly's own `Message`, already redacted. */
	serverMessage?: string;
	networkCode?: string;
	reason: StopReason;
	attempts: number;
	headers: Record<string, string>;
	record?: { typeName: string; id?: string | number };
	itemIndex?: number;
	dailyLimit?: number;
}

const HEADERS_KEPT = [
	'retry-after',
	'x-ratelimit-limit',
	'x-ratelimit-remaining',
	'date',
	'content-type',
];

/** Response headers worth keeping on an error (n8n's poll back-off reads Retry-After there). */
export function keptHeaders(headers: Record<string, string>): Record<string, string> {
	const kept: Record<string, string> = {};
	for (const name of HEADERS_KEPT) if (headers[name] !== undefined) kept[name] = headers[name];
	return kept;
}

function recordLabel(context: FailureContext): string {
	if (!context.record) return 'The record';
	return context.record.id !== undefined
		? `${context.record.typeName} ${context.record.id}`
		: context.record.typeName;
}

function withServerMessage(text: string, context: FailureContext): string {
	return context.serverMessage ? `${text} Insightly said: "${context.serverMessage}"` : text;
}

/**
 * Words of a 429's `Message` that name the daily quota rather than the 10-per-second limit.
 * Insightly's exact wording is not on record (docs/live-api.md, "Rate limits"): any mention of a
 * day, 24 hours or a quota counts.
 */
const DAILY_LIMIT_WORDS = /\b(daily|per[ -]day|a day|each day|24[ -]?hours?|quota)\b/i;

/** Whether a 429's `Message` says the daily limit is used up (the header may not say so). */
export function isDailyLimitMessage(message: string | undefined): boolean {
	return typeof message === 'string' && DAILY_LIMIT_WORDS.test(message);
}

/** Message (short, for the node's red banner) and description (what to do next). */
export function describeFailure(context: FailureContext): { message: string; description: string } {
	const { status, reason } = context;
	const tries = context.attempts > 1 ? ` (after ${context.attempts} attempts)` : '';

	if (reason === 'dailyLimit' || (status === 429 && isDailyLimitMessage(context.serverMessage))) {
		const limit = context.dailyLimit
			? `${context.dailyLimit.toLocaleString('en-US')} requests`
			: 'requests';
		const answer =
			reason === 'dailyLimit'
				? 'Insightly answered 429 with X-RateLimit-Remaining: 0. Nothing was retried.'
				: `Insightly answered 429${tries} saying: "${context.serverMessage}".`;
		return {
			message: `Insightly's daily API limit is used up: this instance has made its ${limit} allowed in 24 hours`,
			description:
				`${answer} The quota is per Insightly instance and resets within 24 hours; Insightly does not say exactly ` +
				'when. To use fewer requests: ' +
				'space out the Insightly Trigger (its Daily Request Budget), use Get Many with a Limit instead of Return All, ' +
				'filter with Search or Updated After, turn on Brief, or move to a plan with a higher limit ' +
				'(Free 1,000; Legacy 20,000; Plus 40,000; Professional 60,000; Enterprise 100,000 a day).',
		};
	}
	if (reason === 'maybeCreated') {
		const what = status
			? `Insightly answered ${status}`
			: `the connection failed (${context.networkCode ?? 'network error'})`;
		return {
			message: `The create request may have succeeded: ${what} after the request was sent`,
			description:
				`POST ${context.path} was not retried, because a retry could create a duplicate record. ` +
				'Check in Insightly whether the record exists before running this item again (for example with Search, or use Create or Update).',
		};
	}
	if (reason === 'networkFatal' || (status === undefined && context.networkCode)) {
		return {
			message: `Could not reach Insightly (${context.networkCode ?? 'network error'})${tries}`,
			description:
				'Check the API URL in the credential: it is shown in Insightly under your profile icon → User Settings → API, ' +
				'for example https://api.na1.insightly.com/v3.1/ (or just the pod, na1).',
		};
	}
	switch (status) {
		case 400:
			return {
				message: withServerMessage('Insightly rejected the request as invalid (400).', context),
				description:
					'Usually a missing required field, a value that is too long or of the wrong type, or an ID that does not exist (owner, organisation, category, pipeline, stage...).',
			};
		case 401:
			return {
				message: 'Insightly rejected the API key (401)',
				description:
					'Check the API key in the credential. Find it in Insightly: profile icon (top right) → User Settings → API section. ' +
					'Also check that the API URL belongs to the same account, and that an administrator has not disabled API access for your user.',
			};
		case 402:
			return {
				message: withServerMessage(
					"Insightly refused the change: the plan's record or storage limit is reached (402).",
					context,
				),
				description: 'Delete records or files you no longer need, or upgrade the Insightly plan.',
			};
		case 403:
			return {
				message: withServerMessage(
					`Insightly denied access to ${context.record ? recordLabel(context) : 'this record or object'} (403).`,
					context,
				),
				description:
					"The API key's user lacks permission for this record or action, or the Insightly plan does not include this object " +
					'(products, quotes, tickets and some others need higher plans or add-ons).',
			};
		case 404:
			// A collection or search with no record id: on a live Professional plan Product,
			// Quotation and Pricebook answer 404 (docs/live-api.md, "Plan-restricted objects").
			if (!/\/\d+(\/|$)/.test(context.path)) {
				const object = context.path.split('/')[1] ?? context.path;
				return {
					message: withServerMessage(
						`Insightly has no ${object} here (404): this plan or instance may not include ${object}.`,
						context,
					),
					description: `Products, quotes and price books need Insightly's Enterprise plan; tickets, prospects and knowledge articles need Insightly Service or Marketing. Request: ${context.method} ${context.path}.`,
				};
			}
			return {
				message: withServerMessage(`${recordLabel(context)} was not found (404).`, context),
				description: `Check the ID; the record may have been deleted or belong to another Insightly instance. Request: ${context.method} ${context.path}.`,
			};
		case 405:
			return {
				message: `Insightly does not allow ${context.method} on ${context.path} (405).`,
				description:
					'Some Insightly objects use singular paths (Product, Pricebook, Quotation). This is a bug in the node if you see it: please report it.',
			};
		case 409:
			return {
				message: withServerMessage('Insightly reported a conflict (409).', context),
				description: 'The category, lead source or status is in use or deactivated.',
			};
		case 417:
			return {
				message: withServerMessage('Insightly could not complete the operation (417).', context),
				description:
					'Insightly answers 417 when a delete or a file attachment insert fails. Try again later; check the file size and type for uploads.',
			};
		case 429:
			return {
				message: `Insightly kept answering "too many requests" (429)${tries}`,
				description:
					'The per-second limit (10 requests per second) stayed exceeded, probably by other workflows or apps using the same Insightly instance. Lower the concurrency or try again later.',
			};
		default:
			if (status !== undefined && status >= 500) {
				return {
					message: withServerMessage(`Insightly had a server error (${status})${tries}.`, context),
					description:
						"This is on Insightly's side. The request was retried where that is safe; try again later.",
				};
			}
			return {
				message: withServerMessage(`Insightly answered ${status ?? 'with an error'}.`, context),
				description: `Request: ${context.method} ${context.path}.`,
			};
	}
}

/** A NodeApiError built only from redacted facts: the raw HTTP error (which holds the Authorization header) never travels. */
export function buildApiError(node: INode, context: FailureContext): NodeApiError {
	const { message, description } = describeFailure(context);
	const response: JsonObject = {
		message,
		httpCode: context.status !== undefined ? String(context.status) : null,
		response: { status: context.status ?? null, headers: keptHeaders(context.headers) },
		request: { method: context.method, path: context.path, attempts: context.attempts },
	};
	if (context.serverMessage) response.serverMessage = context.serverMessage;
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: context.status !== undefined ? String(context.status) : undefined,
		itemIndex: context.itemIndex,
	});
	// NodeApiError swaps any message that mentions a Node error code (ECONNRESET, ECONNREFUSED,
	// ETIMEDOUT...) for n8n's generic text, which would hide "the record may exist" or "after 6
	// attempts". The message built above is the one the user must see.
	error.message = message;
	return error;
}

/** Removes every occurrence of the secrets (and their base64 forms) from a text. */
/** Longest piece of server text that reaches a message (an error, a credential test result). */
export const MAX_SERVER_TEXT = 500;

/** The forms of an API key that must never be shown: itself and the Basic header's base64. */
export function secretsOf(apiKey: string): string[] {
	return apiKey
		? [apiKey, Buffer.from(`${apiKey}:`).toString('base64'), Buffer.from(apiKey).toString('base64')]
		: [];
}

/**
 * Text from a server made safe to show: every form of the key replaced first, then cut to
 * MAX_SERVER_TEXT. In the other order a cut could split the key and leave part of it.
 */
export function serverText(text: string, secrets: string[]): string {
	const redacted = redact(text, secrets).trim();
	return redacted.length > MAX_SERVER_TEXT ? `${redacted.slice(0, MAX_SERVER_TEXT)}…` : redacted;
}

export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret) continue;
		result = result.split(secret).join('[redacted]');
	}
	return result;
}
