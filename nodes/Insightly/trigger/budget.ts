/**
 * The trigger's daily request budget. Pure: the caller passes "now" and the rate-limit reading.
 *
 * Insightly limits requests per instance per day (1,000 on the Free plan), shared by every
 * workflow and every user of the instance. A trigger polling every minute would spend 1,440
 * requests a day on its own, so it keeps a ledger of its requests over a rolling 24 hours and:
 * - spaces polls evenly: at most one poll per 24 h × (expected cost of a poll) / budget; ticks in
 *   between are skipped, so any Poll Times setting works without errors;
 * - never starts a poll that could take the rolling count past the budget;
 * - stays idle while the instance's remaining requests (X-RateLimit-Remaining) are below the
 *   Reserve, so action nodes keep working;
 * - once Insightly answers that the daily limit is used up, checks with one request an hour and
 *   resumes as soon as Insightly answers again. Insightly does not document when the daily count
 *   comes back (its help page is quoted as saying a rolling 24 hours; other sources say "next
 *   day" or "midnight UTC"), so the trigger assumes no reset time: an hourly check finds the
 *   quota back within an hour of its return under any of them, for 24 requests a day at most.
 */
import { describeInstant } from './time';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Width of a ledger bucket. */
export const BUCKET_MS = 10 * 60 * 1000;
/** A rate-limit reading older than this no longer holds the trigger back: polling refreshes it. */
export const READING_TTL_MS = 60 * 60 * 1000;
/** While the daily limit is used up: one request this often to see whether it is back. */
export const PROBE_INTERVAL_MS = 60 * 60 * 1000;
/** Cron ticks are not exact to the millisecond: a tick this close to the spacing counts as on time. */
const SPACING_TOLERANCE_MS = 1000;

/** Daily request limits per plan (requests per instance per day). */
export const PLAN_DAILY_LIMITS: Record<string, number> = {
	free: 1000,
	legacy: 20000,
	plus: 40000,
	professional: 60000,
	enterprise: 100000,
};

/** [bucket index (ms / BUCKET_MS), requests in that bucket] */
export type Ledger = Array<[number, number]>;

export interface BudgetState {
	ledger: Ledger;
	/** When the last poll started (ms). */
	lastPollAt?: number;
	/** Requests the last poll took: the expected cost of the next one. */
	lastCost?: number;
	/**
	 * Insightly said the daily limit is used up: no requests before this (ms); then one request
	 * checks whether it is back (a probe), and either ends the pause or sets the next check.
	 */
	pausedUntil?: number;
	/** Which skip was last logged, so that a run of skipped ticks logs one line. */
	skipNotice?: string;
	/**
	 * A condition the budget cannot meet that was already reported as a failed poll (the
	 * condition's key): later polls log it instead of failing again, until it changes.
	 */
	alerted?: string;
	/** Since when (ms) the Reserve has held back every poll. */
	reserveSince?: number;
}

/**
 * The instance's daily limit: the X-RateLimit-Limit Insightly sent (what the server enforces)
 * when one was seen, else the plan chosen in the credential, else the Free plan's (the safe guess).
 */
export function dailyLimit(plan: string | undefined, headerLimit: number | undefined): number {
	if (headerLimit !== undefined && Number.isFinite(headerLimit) && headerLimit > 0)
		return headerLimit;
	return PLAN_DAILY_LIMITS[plan ?? ''] ?? PLAN_DAILY_LIMITS.free;
}

/** Default Daily Request Budget: 10% of a Free plan's limit (100), 5% of the larger plans'. */
export function defaultBudget(limit: number): number {
	const share = limit <= PLAN_DAILY_LIMITS.free ? 0.1 : 0.05;
	return Math.max(1, Math.floor(limit * share));
}

/** Default Reserve: 10% of the daily limit. */
export function defaultReserve(limit: number): number {
	return Math.floor(limit * 0.1);
}

function bucketOf(ms: number): number {
	return Math.floor(ms / BUCKET_MS);
}

/** First bucket still inside the rolling day; the partly covered one counts (erring on the safe side). */
function oldestLiveBucket(now: number): number {
	return bucketOf(now - DAY_MS);
}

export function requestsInLastDay(ledger: Ledger, now: number): number {
	const oldest = oldestLiveBucket(now);
	return ledger.reduce((sum, [bucket, count]) => (bucket >= oldest ? sum + count : sum), 0);
}

/** A new ledger with `count` more requests at `now`, without buckets that left the rolling day. */
export function addRequests(ledger: Ledger, now: number, count: number): Ledger {
	const oldest = oldestLiveBucket(now);
	const current = bucketOf(now);
	const kept: Ledger = ledger.filter(([bucket]) => bucket >= oldest).map(([b, c]) => [b, c]);
	if (count <= 0) return kept;
	const last = kept[kept.length - 1];
	if (last && last[0] === current) last[1] += count;
	else kept.push([current, count]);
	return kept;
}

/** When enough old requests will have left the rolling day for `needed` more to fit in `budget`. */
function whenRoomFor(ledger: Ledger, now: number, needed: number, budget: number): number {
	let excess = requestsInLastDay(ledger, now) + needed - budget;
	const oldest = oldestLiveBucket(now);
	for (const [bucket, count] of [...ledger].sort((a, b) => a[0] - b[0])) {
		if (bucket < oldest) continue;
		excess -= count;
		// The bucket stops counting once "now − 24h" has passed its end.
		if (excess <= 0) return (bucket + 1) * BUCKET_MS + DAY_MS;
	}
	return now + DAY_MS;
}

export function minimumSpacingMs(expectedCost: number, budget: number): number {
	return Math.ceil((DAY_MS * expectedCost) / budget);
}

export interface PollContextForBudget {
	now: number;
	state: BudgetState;
	budget: number;
	reserve: number;
	/** Latest X-RateLimit-Remaining seen for the credential, and when (ms). */
	remaining?: number;
	remainingSeenAt?: number;
}

export type SkipReason = 'paused' | 'reserve' | 'spacing' | 'budget' | 'tooExpensive';

export type PollDecision =
	| { kind: 'poll'; expectedCost: number }
	/** The daily limit was used up: check with one request whether it is back. */
	| { kind: 'probe' }
	| { kind: 'skip'; reason: SkipReason; message: string; until?: number; notice: string };

function skip(
	reason: SkipReason,
	state: BudgetState,
	message: string,
	until?: number,
): PollDecision {
	return { kind: 'skip', reason, message, until, notice: `${reason}@${state.lastPollAt ?? 0}` };
}

export function decidePoll(input: PollContextForBudget): PollDecision {
	const { now, state, budget, reserve } = input;
	const expectedCost = Math.max(1, state.lastCost ?? 1);

	if (state.pausedUntil !== undefined) {
		if (now < state.pausedUntil) {
			return skip(
				'paused',
				state,
				`Insightly's daily request limit is used up (it resets within 24 hours; Insightly does not say when): next check with one request after ${describeInstant(state.pausedUntil)}`,
				state.pausedUntil,
			);
		}
		// The check is one request, and still one the budget must allow. The Reserve cannot hold
		// it back: the reading below the reserve is the very thing it checks.
		if (requestsInLastDay(state.ledger, now) + 1 > budget) {
			const until = whenRoomFor(state.ledger, now, 1, budget);
			return skip(
				'budget',
				state,
				`Daily Request Budget of ${budget} is spent for the last 24 hours; next check of Insightly's daily limit after ${describeInstant(until)}`,
				until,
			);
		}
		return { kind: 'probe' };
	}

	// A reading stays valid for an hour whatever the time of day: the quota may come back over a
	// rolling 24 hours rather than at midnight, so midnight proves nothing.
	const readingIsFresh =
		input.remaining !== undefined &&
		input.remainingSeenAt !== undefined &&
		now - input.remainingSeenAt < READING_TTL_MS;
	if (readingIsFresh && (input.remaining as number) < reserve) {
		return skip(
			'reserve',
			state,
			`Insightly has ${input.remaining} requests left of its daily limit, below the Reserve of ${reserve}: not polling, so that other nodes keep working`,
		);
	}

	if (expectedCost > budget) {
		return skip(
			'tooExpensive',
			state,
			`One poll needs about ${expectedCost} requests, more than the Daily Request Budget of ${budget}: set the budget to at least ${expectedCost}`,
		);
	}

	if (state.lastPollAt !== undefined) {
		const earliest = state.lastPollAt + minimumSpacingMs(expectedCost, budget);
		if (now + SPACING_TOLERANCE_MS < earliest) {
			return skip(
				'spacing',
				state,
				`Daily Request Budget of ${budget} allows one poll every ${Math.ceil(minimumSpacingMs(expectedCost, budget) / 60000)} min; skipping ticks until ${describeInstant(earliest)}`,
				earliest,
			);
		}
	}

	if (requestsInLastDay(state.ledger, now) + expectedCost > budget) {
		const until = whenRoomFor(state.ledger, now, expectedCost, budget);
		return skip(
			'budget',
			state,
			`Daily Request Budget of ${budget} is spent for the last 24 hours; next poll after ${describeInstant(until)}`,
			until,
		);
	}

	return { kind: 'poll', expectedCost };
}

/**
 * How many more requests a poll may make without passing the budget (the caller stops reading
 * pages there and discards the incomplete poll).
 */
export function requestsLeft(state: BudgetState, now: number, budget: number): number {
	return Math.max(0, budget - requestsInLastDay(state.ledger, now));
}

/**
 * The budget state after a poll that made `requests` requests. `nextCost` is what the next poll
 * is expected to cost: by default the same, more when this one stopped at the budget unfinished.
 */
export function afterPoll(
	state: BudgetState,
	now: number,
	requests: number,
	nextCost = requests,
): BudgetState {
	return {
		ledger: addRequests(state.ledger, now, requests),
		lastPollAt: now,
		lastCost: Math.max(1, nextCost),
	};
}

/**
 * The budget state after Insightly answered that the instance's daily limit is used up: no
 * requests for an hour, then a check with one.
 */
export function afterDailyLimitReached(
	state: BudgetState,
	now: number,
	requests: number,
): BudgetState {
	return {
		...afterPoll(state, now, requests),
		lastCost: state.lastCost,
		pausedUntil: now + PROBE_INTERVAL_MS,
	};
}

/**
 * The budget state after a check of the daily limit that made `requests` requests: still used
 * up, the next check an hour later; answered, the pause is over (the poll follows at once).
 */
export function afterProbe(
	state: BudgetState,
	now: number,
	requests: number,
	stillUsedUp: boolean,
): BudgetState {
	const next: BudgetState = { ...state, ledger: addRequests(state.ledger, now, requests) };
	delete next.skipNotice;
	if (stillUsedUp) next.pausedUntil = now + PROBE_INTERVAL_MS;
	else delete next.pausedUntil;
	return next;
}
