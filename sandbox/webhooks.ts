/**
 * Insightly's workflow automation, as far as webhooks go (docs/live-api.md, "Webhooks"): a
 * "workflow process" on one object whose action is "Add New Webhook" POSTs the record to a URL,
 * with optional Basic authentication, when a record is added or edited.
 *
 * Registered through the admin API (`POST /__admin/webhooks`) or in process
 * (`sb.webhooks.register`), since Insightly's API cannot register webhooks. Fires on changes made
 * through the API (`POST /{type}` creates, `PUT /{type}` edits) that meet the criteria; changes
 * through the admin API or `sb.records` (the tests' back door) fire nothing, and deletes never
 * fire, as in Insightly. The body is `{"entity": {...}}`: the record as the API renders it, every
 * `yyyy-MM-dd HH:mm:ss` date in Microsoft's JSON form `/Date(ms-0800)/`. Deliveries run after
 * the API has answered (Insightly's workflow queue), one POST each, logged with their outcome.
 *
 * Targets must be loopback URLs (127.0.0.1, localhost, [::1]): the sandbox relays nothing to
 * other hosts.
 */
import { ApiError, badRequest } from './errors';
import type { RecordType } from './registry';
import type { SandboxState } from './state';

type Row = Record<string, unknown>;

/**
 * When the process runs, as Insightly's "when to monitor" options:
 * - `create`: "When a record is created";
 * - `both`: "When a record is created and edited (repeat check)";
 * - `once`: "When a record is created or edited (stop after process is triggered)": the first
 *   matching change of each record, never again for that record;
 * - `edit`: edits only (no Insightly option; for tests).
 */
export type WebhookOn = 'create' | 'edit' | 'both' | 'once';
export type ChangeKind = 'create' | 'edit';

export interface WebhookRegistration {
	/** The webhook's name in Insightly (shown in the log). */
	name?: string;
	/** The process's object: a collection path, any case (`Contacts`, `Fruit__c`). */
	recordType: string;
	on?: WebhookOn;
	/** Where to POST: http(s) on 127.0.0.1, localhost or [::1]. */
	url: string;
	/** Basic authentication towards the receiver. */
	auth?: { user: string; password: string };
	/** Criteria: every field (standard or custom) must equal the value (text: any case). */
	criteria?: Row;
	/** Wait before each delivery (Insightly's workflow queue), ms. Default 0. */
	delayMs?: number;
	/** Further attempts after a failed one (non-2xx or no answer). Default 0. */
	retries?: number;
	/** Pause between attempts, ms. Default 1000. */
	retryDelayMs?: number;
	/** Offset written into `/Date(ms±hhmm)/`. Default '-0800' (Insightly's example). */
	dateOffset?: string;
	/** Per-attempt timeout, ms. Default 10000. */
	timeoutMs?: number;
}

export interface Webhook extends Required<Omit<WebhookRegistration, 'auth' | 'criteria'>> {
	id: number;
	auth?: { user: string; password: string };
	criteria: Row;
}

export interface WebhookDelivery {
	id: number;
	webhookId: number;
	name: string;
	/** The record type's collection path. */
	recordType: string;
	recordId: number;
	event: ChangeKind;
	url: string;
	attempt: number;
	/** HTTP status of the answer; 0 when none came (refused, reset, timed out). */
	status: number;
	/** The answer's body, cut to 2,000 characters. */
	response?: string;
	error?: string;
	/** When the change happened (the sandbox's virtual clock). */
	changedAt: string;
	/** Real time the attempt was sent and took (for latency measurements). */
	sentAt: number;
	durationMs: number;
	body: { entity: Row };
}

/** Deliveries kept in the log at most (the oldest go first). */
export const DELIVERY_LOG_CAPACITY = 10_000;

const LOOPBACK_URL = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^\s]*)?$/i;
const INSIGHTLY_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `/Date(ms±hhmm)/` of a `yyyy-MM-dd HH:mm:ss` UTC date; other values unchanged, at any depth. */
export function toWebhookDates(value: unknown, offset: string): unknown {
	if (typeof value === 'string') {
		const m = INSIGHTLY_DATE.exec(value);
		if (!m) return value;
		const [, y, mo, d, h, mi, s] = m.map(Number);
		return `/Date(${Date.UTC(y, mo - 1, d, h, mi, s)}${offset})/`;
	}
	if (Array.isArray(value)) return value.map((entry) => toWebhookDates(entry, offset));
	if (value && typeof value === 'object') {
		const out: Row = {};
		for (const [key, entry] of Object.entries(value as Row))
			out[key] = toWebhookDates(entry, offset);
		return out;
	}
	return value;
}

/** A field's value in a rendered record: top level, or a custom field by FIELD_NAME. */
function fieldOf(record: Row, field: string): unknown {
	if (field in record) return record[field];
	const custom = Array.isArray(record.CUSTOMFIELDS)
		? (record.CUSTOMFIELDS as Row[]).find((entry) => entry.FIELD_NAME === field)
		: undefined;
	return custom?.FIELD_VALUE;
}

function meetsCriteria(record: Row, criteria: Row): boolean {
	return Object.entries(criteria).every(([field, wanted]) => {
		const actual = fieldOf(record, field);
		if (typeof wanted === 'string' && typeof actual === 'string')
			return actual.toLowerCase() === wanted.toLowerCase();
		return actual === wanted || (actual == null && wanted == null);
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class WorkflowWebhooks {
	private readonly hooks = new Map<number, Webhook>();
	private readonly fired = new Map<number, Set<number>>();
	private deliveries: WebhookDelivery[] = [];
	private readonly pending = new Set<Promise<void>>();
	private nextId = 1;
	private nextDeliveryId = 1;
	private stopped = false;

	constructor(
		private readonly state: () => SandboxState,
		private readonly now: () => number,
	) {}

	register(input: WebhookRegistration): Webhook {
		if (!input || typeof input !== 'object') throw badRequest('A webhook must be a JSON object.');
		const type =
			typeof input.recordType === 'string' ? this.state().type(input.recordType) : undefined;
		if (!type)
			throw badRequest(
				`Unknown recordType '${String(input.recordType)}': use a collection path such as Contacts or a custom object name.`,
			);
		if (typeof input.url !== 'string' || !LOOPBACK_URL.test(input.url))
			throw badRequest(
				'url must be an http(s) URL on 127.0.0.1, localhost or [::1]: the sandbox posts nowhere else.',
			);
		const on = input.on ?? 'both';
		if (!['create', 'edit', 'both', 'once'].includes(on))
			throw badRequest("on must be 'create', 'edit', 'both' or 'once'.");
		if (
			input.auth !== undefined &&
			(typeof input.auth?.user !== 'string' || typeof input.auth?.password !== 'string')
		)
			throw badRequest('auth must be {"user": "...", "password": "..."}.');
		if (input.criteria !== undefined && (typeof input.criteria !== 'object' || !input.criteria))
			throw badRequest('criteria must be an object of field: value.');
		const offset = input.dateOffset ?? '-0800';
		if (!/^[+-]\d{4}$/.test(offset)) throw badRequest("dateOffset must look like '-0800'.");
		const number = (value: unknown, fallback: number, name: string) => {
			if (value === undefined) return fallback;
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
				throw badRequest(`${name} must be a number of 0 or more.`);
			return value;
		};
		const hook: Webhook = {
			id: this.nextId++,
			name: input.name ?? `Webhook ${this.nextId - 1}`,
			recordType: type.path,
			on,
			url: input.url,
			auth: input.auth,
			criteria: { ...(input.criteria ?? {}) },
			delayMs: number(input.delayMs, 0, 'delayMs'),
			retries: Math.floor(number(input.retries, 0, 'retries')),
			retryDelayMs: number(input.retryDelayMs, 1000, 'retryDelayMs'),
			dateOffset: offset,
			timeoutMs: number(input.timeoutMs, 10_000, 'timeoutMs'),
		};
		this.hooks.set(hook.id, hook);
		return hook;
	}

	list(): Webhook[] {
		return [...this.hooks.values()].map((hook) => ({ ...hook }));
	}

	remove(id: number): void {
		if (!this.hooks.delete(id)) throw new ApiError(404, `No webhook ${id}.`);
		this.fired.delete(id);
	}

	/** Removes every webhook (deliveries under way still finish) and empties the log. */
	clear(): void {
		this.hooks.clear();
		this.fired.clear();
		this.deliveries = [];
	}

	log(): WebhookDelivery[] {
		return this.deliveries.map((delivery) => ({ ...delivery }));
	}

	clearLog(): void {
		this.deliveries = [];
	}

	/** Resolves once every delivery started so far (retries included) has finished. */
	async settled(): Promise<void> {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
	}

	/** Stops scheduling: deliveries not yet sent are dropped (the sandbox is stopping). */
	stop(): void {
		this.stopped = true;
	}

	/** A record was created or edited through the API: deliver to every matching webhook. */
	changed(type: RecordType, kind: ChangeKind, record: Row): void {
		if (this.stopped) return;
		const recordId = Number(record[type.idField]);
		const changedAt = new Date(this.now()).toISOString();
		for (const hook of this.hooks.values()) {
			if (hook.recordType !== type.path) continue;
			if (hook.on === 'create' && kind !== 'create') continue;
			if (hook.on === 'edit' && kind !== 'edit') continue;
			if (!meetsCriteria(record, hook.criteria)) continue;
			if (hook.on === 'once') {
				const done = this.fired.get(hook.id) ?? new Set<number>();
				if (done.has(recordId)) continue;
				done.add(recordId);
				this.fired.set(hook.id, done);
			}
			const body = { entity: toWebhookDates(record, hook.dateOffset) as Row };
			const task = this.deliver(hook, kind, recordId, changedAt, body).finally(() =>
				this.pending.delete(task),
			);
			this.pending.add(task);
		}
	}

	private async deliver(
		hook: Webhook,
		event: ChangeKind,
		recordId: number,
		changedAt: string,
		body: { entity: Row },
	): Promise<void> {
		// After the API's answer has gone out, like Insightly's workflow queue.
		await sleep(hook.delayMs);
		const payload = JSON.stringify(body);
		for (let attempt = 1; attempt <= hook.retries + 1 && !this.stopped; attempt++) {
			if (attempt > 1) await sleep(hook.retryDelayMs);
			const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
			if (hook.auth)
				headers.Authorization = `Basic ${Buffer.from(`${hook.auth.user}:${hook.auth.password}`).toString('base64')}`;
			const sentAt = Date.now();
			const delivery: WebhookDelivery = {
				id: this.nextDeliveryId++,
				webhookId: hook.id,
				name: hook.name,
				recordType: hook.recordType,
				recordId,
				event,
				url: hook.url,
				attempt,
				status: 0,
				changedAt,
				sentAt,
				durationMs: 0,
				body,
			};
			try {
				const response = await fetch(hook.url, {
					method: 'POST',
					headers,
					body: payload,
					redirect: 'manual',
					signal: AbortSignal.timeout(hook.timeoutMs),
				});
				delivery.status = response.status;
				delivery.response = (await response.text()).slice(0, 2000);
			} catch (error) {
				delivery.error = String((error as Error)?.cause ?? (error as Error)?.message ?? error);
			}
			delivery.durationMs = Date.now() - sentAt;
			this.deliveries.push(delivery);
			if (this.deliveries.length > DELIVERY_LOG_CAPACITY)
				this.deliveries.splice(0, this.deliveries.length - DELIVERY_LOG_CAPACITY);
			if (delivery.status >= 200 && delivery.status < 300) return;
		}
	}
}
