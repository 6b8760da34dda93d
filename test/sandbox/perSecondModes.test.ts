// The sandbox's per-second limit counted two ways (a sliding 1-second window, fixed wall-clock
// seconds) and the network latency it can inject, which the node's pacing is tested and
// benchmarked against (docs/design.md, "Pacing").
import { NetworkLatency } from '../../sandbox/latency';
import { Limits } from '../../sandbox/limits';
import { useSandbox } from '../helpers/sandbox';
import { client } from './helpers';

const sb = useSandbox({ seed: { records: 5 }, perSecondLimit: 10 });
const call = client(sb);

const admin = async (method: string, path: string, body?: unknown) => {
	const res = await fetch(`${sb.adminUrl}${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

/** Verdicts for arrivals at these real times (ms). */
function admitAll(limits: Limits, times: number[]): string[] {
	return times.map((t) => limits.admit(0, t));
}

describe('per-second limit', () => {
	// Ten requests in the last tenth of second 5, then more just after the second turns.
	const lateBurst = Array.from({ length: 10 }, (_, i) => 5_900 + i * 10);

	it('sliding (the default): no 1,000 ms ever holds more than the limit', () => {
		const limits = new Limits(1000, false, 10);
		expect(limits.perSecondWindow).toBe('sliding');
		expect(admitAll(limits, lateBurst)).toEqual(Array(10).fill('ok'));
		expect(admitAll(limits, [6_000, 6_899])).toEqual(['per-second', 'per-second']);
		// 1,000 ms after the first of the burst, one place is free again.
		expect(admitAll(limits, [6_900, 6_901])).toEqual(['ok', 'per-second']);
	});

	it('fixed: each wall-clock second holds the limit, so a burst may straddle two', () => {
		const limits = new Limits(1000, false, 10, 'utcDay', 'fixed');
		expect(admitAll(limits, lateBurst)).toEqual(Array(10).fill('ok'));
		expect(admitAll(limits, [5_999])).toEqual(['per-second']);
		// Second 6 starts empty: 20 requests within 200 ms, all accepted.
		const next = Array.from({ length: 11 }, (_, i) => 6_000 + i * 10);
		expect(admitAll(limits, next)).toEqual([...Array(10).fill('ok'), 'per-second']);
		expect(admitAll(limits, [7_000])).toEqual(['ok']);
	});

	it('switching the window or the limit starts counting afresh', () => {
		const limits = new Limits(1000, false, 2);
		expect(admitAll(limits, [100, 200, 300])).toEqual(['ok', 'ok', 'per-second']);
		limits.set({ perSecondWindow: 'fixed' }, 0);
		expect(admitAll(limits, [400, 500, 600])).toEqual(['ok', 'ok', 'per-second']);
		expect(() => limits.set({ perSecondWindow: 'hourly' as never }, 0)).toThrow(
			/sliding" or "fixed/,
		);
	});

	it('fixed over HTTP: at most 10 accepted per wall-clock second, the rest refused with Retry-After', async () => {
		sb.reset({ perSecondLimit: 10, perSecondWindow: 'fixed' });
		const results = await Promise.all(Array.from({ length: 25 }, () => call('GET', '/Users/Me')));
		for (const r of results.filter((r) => r.status === 429))
			expect(r.headers.get('retry-after')).toBe('1');
		// Counted from the log (each request dated when it arrived, real time: the clock is not
		// moved here), whatever seconds a loaded machine spread the 25 over.
		const perSecond = new Map<number, { ok: number; refused: number }>();
		for (const entry of sb.log()) {
			const second = Math.floor(Date.parse(entry.time) / 1000);
			const count = perSecond.get(second) ?? { ok: 0, refused: 0 };
			if (entry.status === 429) count.refused++;
			else count.ok++;
			perSecond.set(second, count);
		}
		for (const { ok, refused } of perSecond.values()) {
			expect(ok).toBeLessThanOrEqual(10);
			if (refused) expect(ok).toBe(10);
		}
		expect(results.filter((r) => r.status === 429).length).toBe(
			[...perSecond.values()].reduce((sum, c) => sum + c.refused, 0),
		);
	});
});

describe('injected network latency', () => {
	it('draws a round trip in [min, max], split by the share before the limits count', () => {
		const latency = new NetworkLatency({ latencyMs: [20, 120], latencyBeforeCount: 0.25 }, 42);
		const draws = Array.from({ length: 500 }, () => latency.draw());
		for (const { beforeCountMs, beforeAnswerMs } of draws) {
			const total = beforeCountMs + beforeAnswerMs;
			expect(total).toBeGreaterThanOrEqual(20);
			expect(total).toBeLessThanOrEqual(120);
			expect(Math.abs(beforeCountMs - total * 0.25)).toBeLessThanOrEqual(0.5);
		}
		const totals = draws.map((d) => d.beforeCountMs + d.beforeAnswerMs);
		// Spread over the whole range, not stuck at one value.
		expect(Math.min(...totals)).toBeLessThan(30);
		expect(Math.max(...totals)).toBeGreaterThan(110);
		// Seeded: the same seed draws the same delays.
		const again = new NetworkLatency({ latencyMs: [20, 120], latencyBeforeCount: 0.25 }, 42);
		expect(Array.from({ length: 500 }, () => again.draw())).toEqual(draws);
	});

	it('is off by default and refuses settings that make no sense', () => {
		const latency = new NetworkLatency({ latencyMs: false, latencyBeforeCount: 0.5 }, 1);
		expect(latency.draw()).toEqual({ beforeCountMs: 0, beforeAnswerMs: 0 });
		expect(() => latency.set({ latencyMs: [50, 10] })).toThrow(/latencyMs/);
		expect(() => latency.set({ latencyMs: [-1, 10] })).toThrow(/latencyMs/);
		expect(() => latency.set({ latencyBeforeCount: 2 })).toThrow(/latencyBeforeCount/);
	});

	it('over HTTP, every API answer takes at least the minimum; the admin API none', async () => {
		sb.reset({ latencyMs: [60, 80], latencyBeforeCount: 1 });
		const sentAt = Date.now();
		const answers = await Promise.all(Array.from({ length: 5 }, () => call('GET', '/Users/Me')));
		const elapsed = Date.now() - sentAt;
		expect(answers.every((r) => r.status === 200)).toBe(true);
		expect(elapsed).toBeGreaterThanOrEqual(60);
		// All of it on the way in: the log dates each request when it reached the limits.
		for (const entry of sb.log())
			expect(Date.parse(entry.time) - sentAt).toBeGreaterThanOrEqual(59);
		const adminStarted = Date.now();
		await admin('GET', '/limits');
		// (An upper bound only as loose as a loaded machine needs: 60 ms is the floor of the API's.)
		expect(Date.now() - adminStarted).toBeLessThan(60 + 1000);
	});

	it('is set and reported through the admin API, and a plain reset goes back to the start options', async () => {
		const set = await admin('POST', '/limits', {
			perSecondWindow: 'fixed',
			latencyMs: [10, 30],
			latencyBeforeCount: 0.5,
		});
		expect(set.status).toBe(200);
		expect(set.body).toMatchObject({
			perSecondLimit: 10,
			perSecondWindow: 'fixed',
			latencyMs: [10, 30],
			latencyBeforeCount: 0.5,
		});
		const refused = await admin('POST', '/limits', { latencyMs: [30, 10] });
		expect(refused.status).toBe(400);
		expect(refused.body.Message).toMatch(/latencyMs/);
		sb.reset();
		expect((await admin('GET', '/limits')).body).toMatchObject({
			perSecondWindow: 'sliding',
			latencyMs: false,
		});
	});
});
