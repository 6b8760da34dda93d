/**
 * Insightly's two request limits: a per-second burst limit (on real time: it protects the
 * server, whatever the virtual clock says) and a daily quota per plan that resets at midnight UTC
 * on the virtual clock. Both answer 429; `X-RateLimit-Remaining` tells them apart (0 = daily).
 */
import { utcDay } from './dates';

export type Plan = 'free' | 'legacy' | 'plus' | 'professional' | 'enterprise';

export const PLAN_DAILY_LIMITS: Record<Plan, number> = {
	free: 1_000,
	legacy: 20_000,
	plus: 40_000,
	professional: 60_000,
	enterprise: 100_000,
};

export type LimitVerdict = 'ok' | 'per-second' | 'daily';

export class Limits {
	private day = '';
	private used = 0;
	/** Real-time stamps of the requests accepted in the last second. */
	private recent: number[] = [];

	constructor(
		private readonly planLimit: number,
		public dailyLimit: number | false,
		public perSecondLimit: number | false,
	) {}

	private roll(virtualNow: number): void {
		const day = utcDay(virtualNow);
		if (day !== this.day) {
			this.day = day;
			this.used = 0;
		}
	}

	/** Decides on one authenticated request and, if accepted, counts it. */
	admit(virtualNow: number, realNow = Date.now()): LimitVerdict {
		this.roll(virtualNow);
		if (this.dailyLimit !== false && this.used >= this.dailyLimit) return 'daily';
		if (this.perSecondLimit !== false) {
			while (this.recent.length && realNow - this.recent[0] >= 1000) this.recent.shift();
			if (this.recent.length >= this.perSecondLimit) return 'per-second';
			this.recent.push(realNow);
		}
		this.used++;
		return 'ok';
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

	usedToday(virtualNow: number): number {
		this.roll(virtualNow);
		return this.used;
	}

	set(
		o: { dailyLimit?: number | false; perSecondLimit?: number | false; remaining?: number },
		virtualNow: number,
	): void {
		if (o.dailyLimit !== undefined) this.dailyLimit = o.dailyLimit;
		if (o.perSecondLimit !== undefined) {
			this.perSecondLimit = o.perSecondLimit;
			this.recent = [];
		}
		if (o.remaining !== undefined) {
			this.roll(virtualNow);
			const limit = this.dailyLimit === false ? this.planLimit : this.dailyLimit;
			this.used = Math.max(0, limit - o.remaining);
		}
	}
}
