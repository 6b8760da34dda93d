/**
 * Insightly's two request limits: a per-second burst limit (on real time: it protects the
 * server, whatever the virtual clock says) and a daily quota per plan on the virtual clock. Both
 * answer 429; `X-RateLimit-Remaining` tells them apart (0 = daily).
 *
 * When the daily quota comes back is not documented (docs/live-api.md, "Rate limits"), so the
 * sandbox plays both readings: `utcDay` resets the count at midnight UTC; `rolling` counts the
 * requests of the last 24 hours, so each one comes back 24 hours after it was made (what
 * Insightly's help page is quoted as saying).
 */
import { utcDay } from './dates';

export type Plan = 'free' | 'legacy' | 'plus' | 'professional' | 'enterprise';

/** How the daily quota is counted: per UTC calendar day, or over the last 24 hours. */
export type DailyQuota = 'utcDay' | 'rolling';

export const PLAN_DAILY_LIMITS: Record<Plan, number> = {
	free: 1_000,
	legacy: 20_000,
	plus: 40_000,
	professional: 60_000,
	enterprise: 100_000,
};

const DAY_MS = 24 * 60 * 60 * 1000;

export type LimitVerdict = 'ok' | 'per-second' | 'daily';

/**
 * How the per-second limit counts: `sliding` (default), any 1,000 ms ending now holds at most
 * the limit, the strictest reading; `fixed`, each wall-clock second (floor(ms / 1000)) holds at
 * most the limit, so a burst may straddle two seconds. Insightly does not say which it uses
 * (docs/live-api.md, "Rate limits"); tests and benchmarks play both.
 */
export type PerSecondWindow = 'sliding' | 'fixed';

export class Limits {
	private day = '';
	private used = 0;
	/** `rolling`: virtual times of the requests counted in the last 24 hours, oldest first. */
	private stamps: number[] = [];
	/** Real-time stamps of the requests accepted in the last second (`sliding`). */
	private recent: number[] = [];
	/** `fixed`: the wall-clock second being counted and the requests accepted in it. */
	private second = -1;
	private inSecond = 0;

	constructor(
		private readonly planLimit: number,
		public dailyLimit: number | false,
		public perSecondLimit: number | false,
		public readonly quota: DailyQuota = 'utcDay',
		public perSecondWindow: PerSecondWindow = 'sliding',
	) {}

	/** Whether the per-second limit lets a request arriving at `realNow` in, counting it if so. */
	private admitPerSecond(limit: number, realNow: number): boolean {
		if (this.perSecondWindow === 'fixed') {
			const second = Math.floor(realNow / 1000);
			if (second !== this.second) {
				this.second = second;
				this.inSecond = 0;
			}
			if (this.inSecond >= limit) return false;
			this.inSecond++;
			return true;
		}
		while (this.recent.length && realNow - this.recent[0] >= 1000) this.recent.shift();
		if (this.recent.length >= limit) return false;
		this.recent.push(realNow);
		return true;
	}

	private roll(virtualNow: number): void {
		if (this.quota === 'rolling') {
			let expired = 0;
			while (expired < this.stamps.length && this.stamps[expired] <= virtualNow - DAY_MS) expired++;
			if (expired) this.stamps.splice(0, expired);
			this.used = this.stamps.length;
			return;
		}
		const day = utcDay(virtualNow);
		if (day !== this.day) {
			this.day = day;
			this.used = 0;
		}
	}

	private count(virtualNow: number, requests = 1): void {
		if (this.quota === 'rolling') {
			const last = this.stamps[this.stamps.length - 1];
			for (let i = 0; i < requests; i++) this.stamps.push(virtualNow);
			// The virtual clock can be moved back: the stamps stay in time order.
			if (last !== undefined && last > virtualNow) this.stamps.sort((a, b) => a - b);
		}
		this.used += requests;
	}

	/** Decides on one authenticated request and, if accepted, counts it. */
	admit(virtualNow: number, realNow = Date.now()): LimitVerdict {
		this.roll(virtualNow);
		if (this.dailyLimit !== false && this.used >= this.dailyLimit) return 'daily';
		if (this.perSecondLimit !== false && !this.admitPerSecond(this.perSecondLimit, realNow))
			return 'per-second';
		this.count(virtualNow);
		return 'ok';
	}

	private restartPerSecond(): void {
		this.recent = [];
		this.second = -1;
		this.inSecond = 0;
	}

	/**
	 * `X-RateLimit-Limit` / `X-RateLimit-Remaining`. With the daily quota off, the plan's figure
	 * is shown and nothing is ever used up.
	 */
	headers(virtualNow: number): { limit: number; remaining: number } {
		this.roll(virtualNow);
		if (this.dailyLimit === false) return { limit: this.planLimit, remaining: this.planLimit };
		return { limit: this.dailyLimit, remaining: Math.max(0, this.dailyLimit - this.used) };
	}

	/** Requests counted against the quota now: since midnight UTC, or in the last 24 hours. */
	usedToday(virtualNow: number): number {
		this.roll(virtualNow);
		return this.used;
	}

	/**
	 * `remaining` sets what is left now. With the rolling quota, requests added to get there
	 * count as made now (they come back in 24 hours); requests taken away are the oldest.
	 */
	set(
		o: {
			dailyLimit?: number | false;
			perSecondLimit?: number | false;
			perSecondWindow?: PerSecondWindow;
			remaining?: number;
		},
		virtualNow: number,
	): void {
		if (o.dailyLimit !== undefined) this.dailyLimit = o.dailyLimit;
		if (o.perSecondWindow !== undefined && o.perSecondWindow !== this.perSecondWindow) {
			if (o.perSecondWindow !== 'sliding' && o.perSecondWindow !== 'fixed')
				throw new Error(`perSecondWindow must be "sliding" or "fixed"`);
			this.perSecondWindow = o.perSecondWindow;
			this.restartPerSecond();
		}
		if (o.perSecondLimit !== undefined) {
			this.perSecondLimit = o.perSecondLimit;
			this.restartPerSecond();
		}
		if (o.remaining !== undefined) {
			this.roll(virtualNow);
			const limit = this.dailyLimit === false ? this.planLimit : this.dailyLimit;
			const used = Math.max(0, limit - o.remaining);
			if (this.quota === 'rolling') {
				if (used < this.stamps.length) this.stamps.splice(0, this.stamps.length - used);
				else this.count(virtualNow, used - this.stamps.length);
			}
			this.used = used;
		}
	}
}
