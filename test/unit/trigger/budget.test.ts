import {
	addRequests,
	afterDailyLimitReached,
	afterPoll,
	afterProbe,
	BUCKET_MS,
	dailyLimit,
	DAY_MS,
	decidePoll,
	defaultBudget,
	defaultReserve,
	minimumSpacingMs,
	PROBE_INTERVAL_MS,
	requestsInLastDay,
	requestsLeft,
	type BudgetState,
} from '../../../nodes/Insightly/trigger/budget';

const NOW = Date.UTC(2025, 0, 6, 12, 0, 0);
const MIN = 60 * 1000;
const empty: BudgetState = { ledger: [] };

describe('trigger/budget', () => {
	it('derives the daily limit from the header, else the plan, else the Free plan', () => {
		expect(dailyLimit('enterprise', 1000)).toBe(1000);
		expect(dailyLimit('plus', undefined)).toBe(40000);
		expect(dailyLimit('unknown', undefined)).toBe(1000);
		expect(dailyLimit(undefined, Number.NaN)).toBe(1000);
	});

	it('defaults to 10% of a Free plan and 5% of larger plans, reserve 10%', () => {
		expect(defaultBudget(1000)).toBe(100);
		expect(defaultBudget(20000)).toBe(1000);
		expect(defaultBudget(100000)).toBe(5000);
		expect(defaultBudget(5)).toBe(1);
		expect(defaultReserve(1000)).toBe(100);
		expect(defaultReserve(60000)).toBe(6000);
	});

	it('counts requests over a rolling day in buckets, forgetting older ones', () => {
		let ledger = addRequests([], NOW, 3);
		ledger = addRequests(ledger, NOW + 1 * MIN, 2); // same bucket
		ledger = addRequests(ledger, NOW + 20 * MIN, 4);
		expect(ledger).toHaveLength(2);
		expect(requestsInLastDay(ledger, NOW + 20 * MIN)).toBe(9);
		// the first bucket counts until a full day has passed its end (on the safe side)
		expect(requestsInLastDay(ledger, NOW + DAY_MS + BUCKET_MS - 1)).toBe(9);
		expect(requestsInLastDay(ledger, NOW + DAY_MS + BUCKET_MS)).toBe(4);
		expect(addRequests(ledger, NOW + DAY_MS + BUCKET_MS, 0)).toEqual([[ledger[1][0], 4]]);
		// input untouched
		expect(requestsInLastDay(ledger, NOW + 20 * MIN)).toBe(9);
	});

	it('spaces polls evenly over the day', () => {
		expect(minimumSpacingMs(1, 100)).toBe(14.4 * MIN);
		expect(minimumSpacingMs(3, 100)).toBe(43.2 * MIN);
		const state = afterPoll(empty, NOW, 1);
		expect(decidePoll({ now: NOW + 14 * MIN, state, budget: 100, reserve: 0 })).toMatchObject({
			kind: 'skip',
			reason: 'spacing',
			until: NOW + 14.4 * MIN,
		});
		expect(decidePoll({ now: NOW + 15 * MIN, state, budget: 100, reserve: 0 })).toEqual({
			kind: 'poll',
			expectedCost: 1,
		});
		const expensive = afterPoll(empty, NOW, 3);
		expect(
			decidePoll({ now: NOW + 40 * MIN, state: expensive, budget: 100, reserve: 0 }),
		).toMatchObject({ reason: 'spacing' });
		expect(
			decidePoll({ now: NOW + 44 * MIN, state: expensive, budget: 100, reserve: 0 }),
		).toMatchObject({ kind: 'poll', expectedCost: 3 });
	});

	it('gives one notice per run of skipped ticks', () => {
		const state = afterPoll(empty, NOW, 1);
		const a = decidePoll({ now: NOW + 1 * MIN, state, budget: 100, reserve: 0 });
		const b = decidePoll({ now: NOW + 2 * MIN, state, budget: 100, reserve: 0 });
		const later = decidePoll({
			now: NOW + 16 * MIN,
			state: afterPoll(state, NOW + 15 * MIN, 1),
			budget: 100,
			reserve: 0,
		});
		expect(a.kind === 'skip' && b.kind === 'skip' && later.kind === 'skip').toBe(true);
		if (a.kind === 'skip' && b.kind === 'skip' && later.kind === 'skip') {
			expect(a.notice).toBe(b.notice);
			expect(later.notice).not.toBe(a.notice);
			expect(a.message).toContain('one poll every 15 min');
		}
	});

	it('never starts a poll that could pass the budget, and says when there is room again', () => {
		let state: BudgetState = { ledger: addRequests([], NOW, 98) };
		state = { ...state, lastCost: 3 };
		const decision = decidePoll({ now: NOW + 5 * MIN, state, budget: 100, reserve: 0 });
		expect(decision).toMatchObject({
			kind: 'skip',
			reason: 'budget',
			until: NOW + BUCKET_MS + DAY_MS,
		});
		expect(
			decidePoll({ now: NOW + BUCKET_MS + DAY_MS, state, budget: 100, reserve: 0 }),
		).toMatchObject({ kind: 'poll' });
		expect(requestsLeft(state, NOW, 100)).toBe(2);
		expect(requestsLeft(state, NOW, 50)).toBe(0);
	});

	it('refuses a poll that alone needs more than the budget', () => {
		expect(
			decidePoll({ now: NOW, state: { ledger: [], lastCost: 120 }, budget: 100, reserve: 0 }),
		).toMatchObject({ reason: 'tooExpensive' });
	});

	it('stays idle below the reserve while the reading is fresh (less than an hour old)', () => {
		const base = { state: empty, budget: 100, reserve: 100 };
		expect(
			decidePoll({ ...base, now: NOW, remaining: 99, remainingSeenAt: NOW - 5 * MIN }),
		).toMatchObject({ reason: 'reserve' });
		expect(
			decidePoll({ ...base, now: NOW, remaining: 100, remainingSeenAt: NOW - 5 * MIN }),
		).toMatchObject({ kind: 'poll' });
		// an hour-old reading no longer holds the trigger back: a poll refreshes it
		expect(
			decidePoll({ ...base, now: NOW, remaining: 5, remainingSeenAt: NOW - 61 * MIN }),
		).toMatchObject({ kind: 'poll' });
		// midnight UTC changes nothing: the quota may be a rolling 24 hours
		const justAfterMidnight = Date.UTC(2025, 0, 7, 0, 1);
		expect(
			decidePoll({
				...base,
				now: justAfterMidnight,
				remaining: 5,
				remainingSeenAt: justAfterMidnight - 5 * MIN,
			}),
		).toMatchObject({ reason: 'reserve' });
	});

	it('once the daily limit is used up, checks with one request an hour (not at midnight UTC), keeping the requests spent', () => {
		expect(PROBE_INTERVAL_MS).toBe(60 * MIN);
		const state = afterDailyLimitReached(afterPoll(empty, NOW - 30 * MIN, 2), NOW, 1);
		expect(state.pausedUntil).toBe(NOW + 60 * MIN);
		expect(state.lastCost).toBe(2);
		expect(requestsInLastDay(state.ledger, NOW)).toBe(3);
		const paused = decidePoll({ now: NOW + 59 * MIN, state, budget: 1000, reserve: 0 });
		expect(paused).toMatchObject({ kind: 'skip', reason: 'paused' });
		expect((paused as { message: string }).message).toMatch(/resets within 24 hours/);
		expect((paused as { message: string }).message).not.toMatch(/midnight/);
		// the reserve cannot hold the check back: the reading that says 0 is what it checks
		expect(
			decidePoll({
				now: NOW + 60 * MIN,
				state,
				budget: 1000,
				reserve: 100,
				remaining: 0,
				remainingSeenAt: NOW,
			}),
		).toEqual({ kind: 'probe' });
		// refused again: the next check an hour later
		const refused = afterProbe(state, NOW + 60 * MIN, 1, true);
		expect(refused.pausedUntil).toBe(NOW + 120 * MIN);
		expect(requestsInLastDay(refused.ledger, NOW + 60 * MIN)).toBe(4);
		expect(
			decidePoll({ now: NOW + 119 * MIN, state: refused, budget: 1000, reserve: 0 }),
		).toMatchObject({ reason: 'paused' });
		// answered: the pause is over and the same tick may poll
		const answered = afterProbe(refused, NOW + 120 * MIN, 1, false);
		expect(answered.pausedUntil).toBeUndefined();
		expect(answered.lastCost).toBe(2);
		expect(decidePoll({ now: NOW + 120 * MIN, state: answered, budget: 1000, reserve: 0 })).toEqual(
			{ kind: 'poll', expectedCost: 2 },
		);
		// a check still respects the Daily Request Budget
		expect(decidePoll({ now: NOW + 60 * MIN, state, budget: 3, reserve: 0 })).toMatchObject({
			kind: 'skip',
			reason: 'budget',
		});
	});

	it('expects the next poll to cost what the last one did, at least 1', () => {
		expect(afterPoll(empty, NOW, 0).lastCost).toBe(1);
		expect(afterPoll(empty, NOW, 2, 5).lastCost).toBe(5);
		expect(afterPoll({ ledger: [], skipNotice: 'x' }, NOW, 2).skipNotice).toBeUndefined();
	});

	it('keeps every-minute ticks within the Free budget over a simulated day', () => {
		let state: BudgetState = { ledger: [] };
		let requests = 0;
		let worst = 0;
		for (let minute = 0; minute < 3 * 24 * 60; minute++) {
			const now = NOW + minute * MIN + 137; // ticks a little late, as cron ticks are
			const decision = decidePoll({ now, state, budget: 100, reserve: 0 });
			if (decision.kind === 'poll') {
				const cost = minute % 97 === 0 ? 3 : 1; // now and then a busy poll
				requests += cost;
				state = afterPoll(state, now, cost);
			}
			worst = Math.max(worst, requestsInLastDay(state.ledger, now));
		}
		expect(worst).toBeLessThanOrEqual(100);
		// and the budget is used, not wasted: spacing alone keeps the rate under it
		expect(requests).toBeGreaterThan(3 * 90);
	});
});
