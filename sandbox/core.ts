/**
 * The sandbox's moving parts in one place: options, virtual clock, data, limits, faults and the
 * request log. `reset` rebuilds all of it; the HTTP server and the admin API work on this object.
 */
import { VirtualClock } from './clock';
import { Faults, type FaultRule } from './faults';
import { NetworkLatency } from './latency';
import {
	Limits,
	PLAN_DAILY_LIMITS,
	type DailyQuota,
	type PerSecondWindow,
	type Plan,
} from './limits';
import { Records } from './records';
import { seedInstance, DEFAULT_SEED } from './seed';
import { SandboxState } from './state';
import { WorkflowWebhooks } from './webhooks';

export interface SandboxOptions {
	port?: number;
	apiKey?: string;
	plan?: Plan;
	dailyLimit?: number | false;
	perSecondLimit?: number | false;
	seed?: { records?: number; seed?: number } | false;
	startTime?: string | number;
	/**
	 * How far the server's clock (record timestamps) runs ahead of the reference time that
	 * `startTime` names and a client reads from its own clock, in ms; negative: behind. Default 0.
	 */
	clockSkewMs?: number;
	/** `utcDay` (default): the daily quota resets at midnight UTC; `rolling`: it counts the last 24 h. */
	dailyQuota?: DailyQuota;
	/** How the per-second limit counts (limits.ts): `sliding` (default) or `fixed` seconds. */
	perSecondWindow?: PerSecondWindow;
	/** Round trip added to every API request, uniform in [min, max] ms (latency.ts); default off. */
	latencyMs?: [number, number] | false;
	/** Share of that latency spent before the limits count the request (default 0.5). */
	latencyBeforeCount?: number;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	status: number;
	time: string;
	fault?: string;
}

/** The log keeps the most recent entries only, so long benchmarks do not grow without bound. */
export const LOG_CAPACITY = 20_000;

export class SandboxCore {
	options!: Required<Omit<SandboxOptions, 'port' | 'startTime'>> &
		Pick<SandboxOptions, 'startTime'>;
	clock!: VirtualClock;
	state!: SandboxState;
	records!: Records;
	limits!: Limits;
	faults!: Faults;
	latency!: NetworkLatency;
	logEntries: RequestLogEntry[] = [];
	/** Workflow automation webhooks (webhooks.ts): registrations and their delivery log. */
	readonly webhooks = new WorkflowWebhooks(
		() => this.state,
		() => this.clock.now(),
	);

	constructor(private readonly initial: SandboxOptions) {
		this.reset();
	}

	/**
	 * Wipes and reseeds; clears log, faults, quota counters, webhooks and their log; restarts the
	 * clock.
	 */
	reset(overrides: Partial<SandboxOptions> = {}): void {
		this.webhooks.clear();
		const o = { ...this.initial, ...overrides };
		const plan = o.plan ?? 'professional';
		this.options = {
			apiKey: o.apiKey ?? 'sandbox-key-0001',
			plan,
			dailyLimit: o.dailyLimit ?? PLAN_DAILY_LIMITS[plan],
			perSecondLimit: o.perSecondLimit ?? 10,
			seed: o.seed === undefined ? DEFAULT_SEED : o.seed,
			startTime: o.startTime,
			clockSkewMs: o.clockSkewMs ?? 0,
			dailyQuota: o.dailyQuota ?? 'utcDay',
			perSecondWindow: o.perSecondWindow ?? 'sliding',
			latencyMs: o.latencyMs ?? false,
			latencyBeforeCount: o.latencyBeforeCount ?? 0.5,
		};
		this.clock = new VirtualClock(o.startTime, this.options.clockSkewMs);
		this.state = new SandboxState();
		this.records = new Records(this.state, this.clock);
		seedInstance(this.state, this.clock.now(), this.options.seed);
		this.state.instance.PLAN_NAME = plan.charAt(0).toUpperCase() + plan.slice(1);
		this.limits = new Limits(
			PLAN_DAILY_LIMITS[plan],
			this.options.dailyLimit,
			this.options.perSecondLimit,
			this.options.dailyQuota,
			this.options.perSecondWindow,
		);
		const seed = this.options.seed ? (this.options.seed.seed ?? DEFAULT_SEED.seed) : 1;
		this.faults = new Faults(seed);
		this.latency = new NetworkLatency(
			{
				latencyMs: this.options.latencyMs,
				latencyBeforeCount: this.options.latencyBeforeCount,
			},
			seed,
		);
		this.logEntries = [];
	}

	log(entry: RequestLogEntry): void {
		this.logEntries.push(entry);
		if (this.logEntries.length > LOG_CAPACITY)
			this.logEntries.splice(0, this.logEntries.length - LOG_CAPACITY);
	}

	addFault(rule: FaultRule): void {
		this.faults.add(rule);
	}
}
