import { clock } from '../../../nodes/Insightly/transport/clock';
import {
	AdaptivePacer,
	PacerRegistry,
	pacerFor,
	pacerSettings,
} from '../../../nodes/Insightly/transport/throttle';

/** A fake clock: `now` moves only when someone sleeps (or the test advances it). */
function useFakeClock(start = 1_000_000) {
	let now = start;
	const sleeps: number[] = [];
	jest.spyOn(clock, 'now').mockImplementation(() => now);
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
		sleeps.push(ms);
		now += ms;
	});
	return {
		sleeps,
		advance: (ms: number) => (now += ms),
		get now() {
			return now;
		},
	};
}

/** The most sends within any `windowMs` (half-open, as the sandbox's sliding window counts). */
function busiest(times: number[], windowMs = 1000): number {
	let most = 0;
	for (const start of times)
		most = Math.max(most, times.filter((t) => t >= start && t < start + windowMs).length);
	return most;
}

afterEach(() => jest.restoreAllMocks());

describe('pacerSettings', () => {
	it('at the default ceiling: 10 sends per 1,000 ms + 50 ms, a floor of 1/s, 0.7 on a 429, +0.1/s each second', () => {
		expect(pacerSettings(10)).toEqual({
			ceiling: 10,
			floor: 1,
			decrease: 0.7,
			increasePerSecond: 0.1,
			windowCount: 10,
			windowMs: 1000,
			jitterMs: 50,
			jitterStepMs: 50,
			maxJitterMs: 200,
			calmMs: 30_000,
		});
	});

	it('a lower or fractional ceiling keeps the window at that rate', () => {
		expect(pacerSettings(4)).toMatchObject({ windowCount: 4, windowMs: 1000 });
		expect(pacerSettings(2.5)).toMatchObject({ windowCount: 2, windowMs: 800 });
		expect(pacerSettings(1)).toMatchObject({ windowCount: 1, windowMs: 1000, floor: 0.1 });
	});
});

describe('AdaptivePacer at its ceiling', () => {
	it('spaces sends about 100 ms apart, at most 10 per 1,050 ms: 9.52 per second sustained', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		const sentAt: number[] = [];
		for (let i = 0; i < 101; i++) sentAt.push((await pacer.acquire()).sentAt);
		expect(sentAt.slice(0, 12).map((t) => t - sentAt[0])).toEqual([
			0, 50, 150, 250, 350, 450, 550, 650, 750, 850, 1050, 1100,
		]);
		expect(sentAt[100] - sentAt[0]).toBe(10 * 1050);
		expect(100 / ((sentAt[100] - sentAt[0]) / 1000)).toBeCloseTo(9.52, 2);
		for (let i = 10; i < sentAt.length; i++)
			expect(sentAt[i] - sentAt[i - 10]).toBeGreaterThanOrEqual(1050);
		for (let i = 1; i < sentAt.length; i++)
			expect(sentAt[i] - sentAt[i - 1]).toBeGreaterThanOrEqual(50);
		expect(busiest(sentAt)).toBe(10);
		expect(time.sleeps.every((ms) => ms > 0)).toBe(true);
	});

	it('a send that leaves late is counted when it left, so the window keeps 1,050 ms', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		const sentAt: number[] = [];
		for (let i = 0; i < 25; i++) {
			sentAt.push((await pacer.acquire()).sentAt);
			// A slow answer: the caller comes back 130 ms later (the pace asks for 100).
			if (i % 3 === 0) time.advance(130);
		}
		for (let i = 10; i < sentAt.length; i++)
			expect(sentAt[i] - sentAt[i - 10]).toBeGreaterThanOrEqual(1050);
	});

	it('a window whose first send was answered in 20 ms needs only 1,020 ms: it reached Insightly by then', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		const sentAt: number[] = [];
		for (let i = 0; i < 11; i++) {
			const ticket = await pacer.acquire();
			sentAt.push(ticket.sentAt);
			time.advance(20);
			pacer.answered(ticket);
		}
		expect(sentAt[10] - sentAt[0]).toBe(1020);
	});

	it('concurrent callers queue in order instead of all waking at once', () => {
		useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		const waits = Array.from({ length: 12 }, () => pacer.reserve().waitMs);
		expect(waits).toEqual([0, 50, 150, 250, 350, 450, 550, 650, 750, 850, 1050, 1100]);
	});

	it('a rested pacer lets the next request go at once but never saves up a burst', () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		expect(pacer.reserve().waitMs).toBe(0);
		time.advance(60_000);
		expect([pacer.reserve().waitMs, pacer.reserve().waitMs, pacer.reserve().waitMs]).toEqual([
			0, 50, 150,
		]);
	});

	it('honours a configured lower ceiling', () => {
		useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(4));
		expect([0, 1, 2, 3, 4, 5].map(() => pacer.reserve().waitMs)).toEqual([
			0, 125, 375, 625, 1050, 1175,
		]);
	});

	it('a clock that steps back never schedules a send before one already given out', () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		pacer.reserve();
		time.advance(-5_000);
		expect(pacer.reserve().waitMs).toBeGreaterThanOrEqual(5_000);
	});
});

describe('AdaptivePacer adapting to per-second 429s', () => {
	/** Sends `count` requests as fast as the pacer lets them go; returns their tickets. */
	async function sendAll(pacer: AdaptivePacer, count: number) {
		const tickets = [];
		for (let i = 0; i < count; i++) tickets.push(await pacer.acquire());
		return tickets;
	}

	it('a 429 its own burst explains (11 sends within 1.2 s) widens the window a step, not the rate', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		const tickets = await sendAll(pacer, 11);
		pacer.backOff(tickets[10]);
		expect([pacer.wideningCount, pacer.decreaseCount]).toEqual([1, 0]);
		expect(pacer.rate).toBe(10);
		expect(pacer.jitterAt(time.now)).toBe(100);
		const sentAt = (await sendAll(pacer, 11)).map((t) => t.sentAt);
		expect(sentAt[10] - sentAt[0]).toBe(1100);
		// 30 s without a 429: a step narrower again.
		time.advance(30_000);
		expect(pacer.jitterAt(time.now)).toBe(50);
	});

	it('widens up to 200 ms (10 per 1.2 s); a 429 beyond that cuts the rate', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		await sendAll(pacer, 10);
		for (let i = 0; i < 3; i++) {
			const [ticket] = await sendAll(pacer, 1);
			pacer.backOff(ticket);
		}
		expect(pacer.jitterAt(time.now)).toBe(200);
		expect(pacer.decreaseCount).toBe(0);
		const tickets = await sendAll(pacer, 11);
		pacer.backOff(tickets[10]);
		expect(pacer.decreaseCount).toBe(1);
		expect(pacer.rate).toBeCloseTo(7);
	});

	it('a 429 while its own sends are sparse (others share the limit) cuts the rate by 0.7; it grows back 0.1 per second', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		const tickets = [];
		for (let i = 0; i < 11; i++) {
			tickets.push(await pacer.acquire());
			time.advance(150); // 11 sends over 1.5 s: 6.7/s of our own
		}
		pacer.backOff(tickets[10]);
		expect([pacer.wideningCount, pacer.decreaseCount]).toEqual([0, 1]);
		expect(pacer.rate).toBeCloseTo(7);
		time.advance(10_000);
		expect(pacer.rate).toBeCloseTo(8);
		time.advance(20_000);
		expect(pacer.rate).toBe(10);
	});

	it('after a cut the next send keeps to the lowered rate', async () => {
		useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		// Fewer than 11 sends of its own: the 429 cannot be its own burst.
		pacer.backOff(await pacer.acquire());
		expect(pacer.rate).toBeCloseTo(7);
		const waits = [0, 1, 2].map(() => pacer.reserve().waitMs);
		// 1000 / 7 = 142.9 ms apart once the pacer is on its new schedule.
		expect(waits[2] - waits[1]).toBeGreaterThanOrEqual(142);
		expect(waits[2] - waits[1]).toBeLessThanOrEqual(144);
	});

	it('one episode costs one step: 429s for requests sent before it are not counted again', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		const tickets = await sendAll(pacer, 5);
		time.advance(50);
		for (const ticket of tickets) pacer.backOff(ticket);
		expect(pacer.decreaseCount).toBe(1);
		expect(pacer.rate).toBeCloseTo(7);
		// A request sent after that step which meets a 429 again counts again.
		pacer.backOff(await pacer.acquire());
		expect(pacer.decreaseCount).toBe(2);
		expect(pacer.rate).toBeCloseTo(4.9, 1);
	});

	it('never goes below the floor (a tenth of the ceiling)', async () => {
		const time = useFakeClock();
		const pacer = new AdaptivePacer(pacerSettings(10));
		for (let i = 0; i < 30; i++) {
			pacer.backOff(await pacer.acquire());
			time.advance(1);
		}
		expect(pacer.rateAt(time.now)).toBeGreaterThanOrEqual(1);
		expect(pacer.rateAt(time.now)).toBeLessThan(1.01);
	});
});

describe('pacer registries', () => {
	it('one pacer per credential, shared by its callers; a changed ceiling gives a new one', () => {
		useFakeClock();
		expect(pacerFor('cred-a', 10)).toBe(pacerFor('cred-a', 10));
		expect(pacerFor('cred-a', 10)).not.toBe(pacerFor('cred-b', 10));
		// Two credentials do not slow each other down.
		expect(pacerFor('cred-c', 10).reserve().waitMs).toBe(0);
		expect(pacerFor('cred-d', 10).reserve().waitMs).toBe(0);
		const slow = pacerFor('cred-c', 2);
		expect(slow.settings.ceiling).toBe(2);
		expect([slow.reserve().waitMs, slow.reserve().waitMs]).toEqual([0, 250]);
	});

	it('two registries (two processes) pace the same credential independently', () => {
		useFakeClock();
		const one = new PacerRegistry().pacerFor('cred', 10);
		const two = new PacerRegistry().pacerFor('cred', 10);
		expect(one).not.toBe(two);
		expect([one.reserve().waitMs, two.reserve().waitMs]).toEqual([0, 0]);
	});
});
