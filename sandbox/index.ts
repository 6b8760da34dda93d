/**
 * The Insightly v3.1 sandbox: `startSandbox()` starts it on 127.0.0.1 and returns a handle with
 * its URLs, in-process access to its data, clock, limits, faults and request log.
 */
import type { AddressInfo } from 'net';
import { recordHelpers, type LooseRecord } from './convenience';
import { SandboxCore, type RequestLogEntry, type SandboxOptions } from './core';
import type { FaultRule } from './faults';
import type { PerSecondWindow, Plan } from './limits';
import { createSandboxServer } from './server';
import type { SandboxState } from './state';
import type { Webhook, WebhookDelivery, WebhookRegistration } from './webhooks';

export type { Plan, PerSecondWindow, SandboxOptions, RequestLogEntry, FaultRule, SandboxState };
export type { Webhook, WebhookDelivery, WebhookRegistration };
export { PLAN_DAILY_LIMITS } from './limits';
export { validateResponse, findOperation, responseSchema } from './swagger';

export interface Sandbox {
	apiUrl: string;
	baseUrl: string;
	adminUrl: string;
	apiKey: string;
	port: number;
	/** Live view of the data store (a new object after `reset`). */
	readonly state: SandboxState;
	reset(options?: Partial<SandboxOptions>): void;
	stop(): Promise<void>;
	clock: {
		now(): number;
		set(time: string | number): void;
		advance(ms: number): void;
		freeze(time?: string | number): void;
		unfreeze(): void;
	};
	log(): RequestLogEntry[];
	clearLog(): void;
	faults: { add(rule: FaultRule): void; clear(): void };
	limits: {
		set(o: {
			dailyLimit?: number | false;
			perSecondLimit?: number | false;
			perSecondWindow?: PerSecondWindow;
			remaining?: number;
			latencyMs?: [number, number] | false;
			latencyBeforeCount?: number;
		}): void;
		usedToday(): number;
	};
	records: {
		create(path: string, body: object): LooseRecord;
		update(path: string, body: object): LooseRecord;
		remove(path: string, id: number): void;
		list(path: string): LooseRecord[];
	};
}

/** Insightly's workflow automation webhooks (sandbox/webhooks.ts); cleared by `reset`. */
export interface SandboxWebhooks {
	register(webhook: WebhookRegistration): Webhook;
	list(): Webhook[];
	remove(id: number): void;
	clear(): void;
	/** Every delivery attempt so far, oldest first. */
	log(): WebhookDelivery[];
	clearLog(): void;
	/** Resolves once every delivery under way (retries included) has finished. */
	settled(): Promise<void>;
}

/**
 * What `startSandbox` returns: a Sandbox plus its workflow automation webhooks in process (a
 * Sandbox from elsewhere, such as useSandbox's, reaches them through the admin API).
 */
export interface RunningSandbox extends Sandbox {
	webhooks: SandboxWebhooks;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const core = new SandboxCore(options);
	let apiUrl = '';
	const server = createSandboxServer(core, () => apiUrl);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const baseUrl = `http://127.0.0.1:${port}`;
	apiUrl = `${baseUrl}/v3.1`;
	return {
		apiUrl,
		baseUrl,
		adminUrl: `${baseUrl}/__admin`,
		get apiKey() {
			return core.options.apiKey;
		},
		port,
		get state() {
			return core.state;
		},
		reset: (o) => core.reset(o),
		stop: () =>
			new Promise<void>((resolve, reject) => {
				core.webhooks.stop();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
		clock: {
			now: () => core.clock.now(),
			set: (t) => core.clock.set(t),
			advance: (ms) => core.clock.advance(ms),
			freeze: (t) => core.clock.freeze(t),
			unfreeze: () => core.clock.unfreeze(),
		},
		log: () => [...core.logEntries],
		clearLog: () => {
			core.logEntries = [];
		},
		faults: { add: (rule) => core.faults.add(rule), clear: () => core.faults.clear() },
		limits: {
			set: (o) => {
				core.limits.set(o, core.clock.now());
				core.latency.set({
					...(o.latencyMs !== undefined ? { latencyMs: o.latencyMs } : {}),
					...(o.latencyBeforeCount !== undefined
						? { latencyBeforeCount: o.latencyBeforeCount }
						: {}),
				});
			},
			usedToday: () => core.limits.usedToday(core.clock.now()),
		},
		records: recordHelpers(core),
		webhooks: {
			register: (webhook) => core.webhooks.register(webhook),
			list: () => core.webhooks.list(),
			remove: (id) => core.webhooks.remove(id),
			clear: () => core.webhooks.clear(),
			log: () => core.webhooks.log(),
			clearLog: () => core.webhooks.clearLog(),
			settled: () => core.webhooks.settled(),
		},
	};
}
