// The pacing of docs/design.md ("Pacing") on virtual time: one process reaches 9.5 requests per
// second without a 429, and several processes sharing one limit settle on fair shares with few
// 429s. See pacerSimulation.ts for the model; the figures quoted in the docs come from here.
import { simulate } from './pacerSimulation';

const LATENCY: [number, number] = [20, 120];

describe('one process', () => {
	it.each(['sliding', 'fixed'] as const)(
		'%s second, 20-120 ms round trip split evenly: >= 9.5/s and no 429',
		async (window) => {
			const result = await simulate({
				processes: 1,
				requestsEach: 1000,
				window,
				latencyMs: LATENCY,
				beforeCount: 0.5,
				itemMs: 3,
			});
			if (process.env.PACER_FIGURES) console.log(window, 'even', JSON.stringify(result));
			expect(result.rejected).toBe(0);
			expect(result.acceptedPerSecond).toBeGreaterThanOrEqual(9.5);
		},
	);

	it.each(['sliding', 'fixed'] as const)(
		'%s second, the whole 20-120 ms on the way in (100 ms of arrival jitter): 429s stay rare and are retried',
		async (window) => {
			const result = await simulate({
				processes: 1,
				requestsEach: 1000,
				window,
				latencyMs: LATENCY,
				beforeCount: 1,
				itemMs: 3,
			});
			if (process.env.PACER_FIGURES) console.log(window, 'inbound', JSON.stringify(result));
			expect(result.processes[0].succeeded).toBe(1000);
			expect(result.rejectedShare).toBeLessThan(0.02);
			expect(result.acceptedPerSecond).toBeGreaterThan(8.5);
		},
	);
});

describe('several processes, one limit, no shared store', () => {
	// The 429 share grows with the number of processes: each probes upwards on its own, so the
	// sum rises N times as fast and meets the limit more often (docs/design.md, "Pacing").
	it.each([
		[2, 'sliding', 0.03],
		[2, 'fixed', 0.03],
		[3, 'sliding', 0.05],
		[4, 'sliding', 0.08],
	] as const)(
		'%i processes, %s second: fair shares, the limit used, 429s below %d of requests',
		async (processes, window, most429) => {
			const result = await simulate({
				processes,
				requestsEach: 1200 / processes,
				window,
				latencyMs: LATENCY,
				beforeCount: 0.5,
				itemMs: 3,
				staggerMs: 3000,
			});
			if (process.env.PACER_FIGURES) console.log(processes, window, JSON.stringify(result));
			expect(result.processes.every((p) => p.succeeded === 1200 / processes)).toBe(true);
			// Jain's index: 1 is equal shares; 0.95 is, for two, about 6.1/s against 3.9/s.
			expect(result.fairness).toBeGreaterThan(0.95);
			expect(result.acceptedPerSecondShared).toBeGreaterThan(7);
			expect(result.rejectedShare).toBeLessThan(most429);
		},
	);
});
