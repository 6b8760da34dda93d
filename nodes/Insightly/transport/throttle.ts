import { clock } from './clock';

/**
 * Pacing per credential, shared by every node and trigger running in the same n8n process, and
 * adaptive so that several processes (queue-mode workers) sharing one Insightly limit settle on
 * a share of it without a shared store. docs/design.md ("Request policy", "Pacing") explains the
 * algorithm and its bounds.
 *
 * Two rules decide when a request may leave; the later of the two wins:
 *
 * 1. **A window at the ceiling**: at most `windowCount` sends in any `windowMs` plus a jitter
 *    allowance, counted on the times requests really left. At the default ceiling that is 10
 *    sends per 1,050 ms (9.52/s). Insightly counts arrivals: the sends of a window reach it
 *    within one second of each other only if the network delays an early one by more than the
 *    allowance more than a late one, so neither a sliding nor a fixed 1-second count sees 11.
 *    When the window's first send was answered sooner than the allowance, its round trip is
 *    the allowance: it reached Insightly before its answer came back.
 * 2. **Spacing at an adaptive rate** (additive increase, multiplicative decrease). The rate
 *    starts at the ceiling; a send may run half an interval ahead of its schedule, so one slow
 *    answer is made up, never a burst.
 *
 * A per-second 429 for a request sent after the pacer's last step is read two ways:
 * - this process's own last `windowCount + 1` sends could have arrived within one second (the
 *   first of them arrived before its answer came back): jitter can explain it, so the allowance
 *   widens by a step (up to `maxJitterMs`) and the rate stays;
 * - they could not, or the allowance is at its widest: others use the same limit, so the rate
 *   is multiplied by `decrease` (never below `floor`) and grows back by `increasePerSecond`
 *   every second, up to the ceiling.
 * After `calmMs` without a 429, the allowance narrows by a step.
 *
 * Reservations are handed out in order, so concurrent callers queue instead of waking together.
 */
export interface PacerSettings {
	/** Requests per second never exceeded: the credential's Max Requests per Second. */
	ceiling: number;
	/** Lowest adaptive rate (requests per second). */
	floor: number;
	/** Factor applied to the rate on a per-second 429 others caused. */
	decrease: number;
	/** Requests per second the rate regains each second after a decrease. */
	increasePerSecond: number;
	/** Sends allowed in any `windowMs` + jitter allowance. */
	windowCount: number;
	windowMs: number;
	/** Jitter allowance of the window: to start with, a step, the most. */
	jitterMs: number;
	jitterStepMs: number;
	maxJitterMs: number;
	/** Without a 429 for this long, the allowance narrows by a step. */
	calmMs: number;
}

/** Arrival-jitter allowance of the window at the ceiling (rule 1), to start with. */
export const ARRIVAL_JITTER_MS = 50;

/** The settings for a credential allowing `ceiling` requests per second. */
export function pacerSettings(ceiling: number): PacerSettings {
	const windowCount = Math.max(1, Math.floor(ceiling));
	return {
		ceiling,
		// With N processes the fair share is ceiling / N: a floor of a tenth keeps up to ten
		// processes able to settle below the limit (docs/design.md, "Pacing").
		floor: ceiling / 10,
		decrease: 0.7,
		// From 0.7 x 5 back to 5 per second (two processes' fair share) takes 15 s: one
		// congestion episode, a 429 or two, for about every 75 requests a process sends.
		increasePerSecond: ceiling / 100,
		windowCount,
		windowMs: Math.round((1000 * windowCount) / ceiling),
		jitterMs: ARRIVAL_JITTER_MS,
		jitterStepMs: 50,
		// 10 per 1,200 ms (8.3/s) at most: beyond, a 429 is taken for a share problem.
		maxJitterMs: 200,
		calmMs: 30_000,
	};
}

/** One send as the window counts it. */
interface Send {
	/** When the request left (the pacer's clock). */
	at: number;
	/** Send to answer, once the answer is in: the request reached Insightly within it. */
	roundTripMs?: number;
}

/** What `acquire` hands back: tells the pacer which send an answer or a 429 belongs to. */
export interface PacerTicket {
	/** When the request was allowed to leave (the pacer's clock). */
	readonly sentAt: number;
	readonly send: Send;
}

export class AdaptivePacer {
	/** Rate (requests per second) right after the last decrease, and when that was. */
	private baseRate: number;
	private decreasedAt: number;
	/** The earliest time the next request may leave under rule 2. */
	private nextAt: number;
	/** The latest sends (at most `windowCount + 1`), oldest first. */
	private readonly sends: Send[] = [];
	/** Allowance after the last widening, and when the last 429 was counted. */
	private jitterLevel: number;
	private lastStepAt = -Infinity;
	private decreases = 0;
	private widenings = 0;

	constructor(readonly settings: PacerSettings) {
		this.baseRate = settings.ceiling;
		this.decreasedAt = clock.now();
		this.nextAt = this.decreasedAt;
		this.jitterLevel = settings.jitterMs;
	}

	/** The adaptive rate at `now`: the last decrease plus what it has regained since. */
	rateAt(now: number): number {
		const { ceiling, increasePerSecond } = this.settings;
		const regained = (increasePerSecond * Math.max(0, now - this.decreasedAt)) / 1000;
		return Math.min(ceiling, this.baseRate + regained);
	}

	get rate(): number {
		return this.rateAt(clock.now());
	}

	/** The window's jitter allowance (ms) at `now`: a step narrower per calm spell since the last 429. */
	jitterAt(now: number): number {
		const { jitterMs, jitterStepMs, calmMs } = this.settings;
		const calmSpells = Math.floor(Math.max(0, now - this.lastStepAt) / calmMs);
		return Math.max(jitterMs, this.jitterLevel - calmSpells * jitterStepMs);
	}

	/** Per-second 429s that cut the rate so far. */
	get decreaseCount(): number {
		return this.decreases;
	}

	/** Per-second 429s that widened the window's jitter allowance instead. */
	get wideningCount(): number {
		return this.widenings;
	}

	/**
	 * Reserves the next slot and returns how long to wait for it (ms) and its ticket. The slot is
	 * recorded as a send at once, so later callers queue behind it; `acquire` moves it to when the
	 * request really left.
	 */
	reserve(): { waitMs: number; ticket: PacerTicket } {
		const now = clock.now();
		const { windowCount, windowMs } = this.settings;
		// Rule 2 lets a send run half an interval ahead of its schedule.
		let slot = Math.max(now, this.nextAt - 500 / this.rateAt(now));
		if (this.sends.length >= windowCount) {
			const first = this.sends[this.sends.length - windowCount];
			const allowance = Math.min(this.jitterAt(now), first.roundTripMs ?? Infinity);
			slot = Math.max(slot, first.at + windowMs + allowance);
		}
		// The clock may step back (tests, a corrected host clock): never schedule behind a slot
		// already given out.
		const last = this.sends[this.sends.length - 1];
		if (last !== undefined) slot = Math.max(slot, last.at);
		this.nextAt = Math.max(this.nextAt, slot) + 1000 / this.rateAt(slot);
		const send: Send = { at: slot };
		this.sends.push(send);
		if (this.sends.length > windowCount + 1) this.sends.shift();
		// (The epsilon keeps float noise such as 110.00000000000001 from adding a millisecond.)
		return {
			waitMs: Math.max(0, Math.ceil(slot - now - 1e-9)),
			ticket: { sentAt: slot, send },
		};
	}

	async acquire(): Promise<PacerTicket> {
		const { waitMs, ticket } = this.reserve();
		if (waitMs > 0) await clock.sleep(waitMs);
		const leftAt = clock.now();
		// Timers fire late and callers resume late: the window counts the real departure, so a
		// late send pushes the ones after it rather than bunching them.
		if (leftAt > ticket.send.at) ticket.send.at = leftAt;
		return { sentAt: ticket.send.at, send: ticket.send };
	}

	/** The request of `ticket` got an answer (any status): it reached Insightly by now. */
	answered(ticket: PacerTicket): void {
		ticket.send.roundTripMs = Math.max(0, clock.now() - ticket.send.at);
	}

	/**
	 * Whether this process's own sends can explain a 429 for `send`: it and the `windowCount`
	 * sends before it could have arrived within one second. The first of them arrived before its
	 * answer came back (or, unanswered, within the largest allowance); `send` arrived after it
	 * left. If `send` left a second after that, the eleventh request in Insightly's second was
	 * someone else's.
	 */
	private ownBurst(send: Send): boolean {
		const { windowCount, windowMs, maxJitterMs } = this.settings;
		const index = this.sends.indexOf(send);
		if (index < windowCount) return false;
		const first = this.sends[index - windowCount];
		return send.at < first.at + windowMs + (first.roundTripMs ?? maxJitterMs);
	}

	/**
	 * Insightly answered a per-second 429 to the request of `ticket`. Only a request sent after
	 * the last step counts: the others were paced the old way, and one episode must cost one
	 * step, not one per request that met it.
	 */
	backOff(ticket: PacerTicket): void {
		const now = clock.now();
		if (ticket.send.at < this.lastStepAt) return;
		const { decrease, floor, jitterStepMs, maxJitterMs } = this.settings;
		const jitter = this.jitterAt(now);
		this.lastStepAt = now;
		if (this.ownBurst(ticket.send) && jitter < maxJitterMs) {
			this.jitterLevel = Math.min(maxJitterMs, jitter + jitterStepMs);
			this.widenings++;
			return;
		}
		this.jitterLevel = jitter;
		this.baseRate = Math.max(floor, this.rateAt(now) * decrease);
		this.decreasedAt = now;
		this.decreases++;
		// The next request keeps to the lowered rate from now on.
		this.nextAt = Math.max(this.nextAt, now + 1000 / this.baseRate);
	}
}

/**
 * The pacers of this process, one per credential fingerprint. A registry is a value, so tests
 * can stand up two of them to play two n8n processes in one.
 */
export class PacerRegistry {
	private readonly pacers = new Map<string, AdaptivePacer>();

	/** The pacer of one credential; re-created when its configured ceiling changes. */
	pacerFor(credentialKey: string, ceiling: number): AdaptivePacer {
		const existing = this.pacers.get(credentialKey);
		if (existing && existing.settings.ceiling === ceiling) return existing;
		const pacer = new AdaptivePacer(pacerSettings(ceiling));
		this.pacers.set(credentialKey, pacer);
		return pacer;
	}

	/** Every pacer of this registry (to report on them; the keys are fingerprints). */
	list(): AdaptivePacer[] {
		return [...this.pacers.values()];
	}
}

/** The process-wide registry the request layer uses. */
export const pacers = new PacerRegistry();

export function pacerFor(credentialKey: string, ceiling: number): AdaptivePacer {
	return pacers.pacerFor(credentialKey, ceiling);
}
