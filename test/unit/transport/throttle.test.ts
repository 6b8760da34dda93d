import { clock } from '../../../nodes/Insightly/transport/clock';
import { bucketFor, TokenBucket } from '../../../nodes/Insightly/transport/throttle';

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

afterEach(() => jest.restoreAllMocks());

describe('TokenBucket', () => {
	it('spaces back-to-back requests 1/rate apart (10/s: 100 ms)', async () => {
		const time = useFakeClock();
		const bucket = new TokenBucket(10, 1);
		const sentAt: number[] = [];
		for (let i = 0; i < 30; i++) {
			await bucket.acquire();
			sentAt.push(time.now);
		}
		expect(time.sleeps).toEqual(Array(29).fill(100));
		expect(sentAt[29] - sentAt[0]).toBe(2900);
		// No window of one second ever holds more than 10 sends.
		for (const start of sentAt)
			expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(10);
	});

	it('concurrent callers queue in order instead of all waking at once', () => {
		useFakeClock();
		const bucket = new TokenBucket(10, 1);
		const waits = Array.from({ length: 6 }, () => bucket.reserve());
		expect(waits).toEqual([0, 100, 200, 300, 400, 500]);
	});

	it('a rested bucket lets the next request go at once, but never saves up more than the burst', () => {
		const time = useFakeClock();
		const bucket = new TokenBucket(10, 1);
		expect(bucket.reserve()).toBe(0);
		time.advance(60_000);
		expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 100, 200]);
	});

	it('honours a configured lower rate', () => {
		useFakeClock();
		const bucket = new TokenBucket(4, 1);
		expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 250, 500]);
	});

	it('partial refills shorten the wait', () => {
		const time = useFakeClock();
		const bucket = new TokenBucket(10, 1);
		bucket.reserve();
		time.advance(70);
		// 30 ms, rounded up (never early) through floating-point token arithmetic.
		const wait = bucket.reserve();
		expect(wait).toBeGreaterThanOrEqual(30);
		expect(wait).toBeLessThanOrEqual(31);
	});

	it('a clock that steps back does not hand out extra tokens', () => {
		const time = useFakeClock();
		const bucket = new TokenBucket(10, 1);
		bucket.reserve();
		time.advance(-5_000);
		expect(bucket.reserve()).toBe(100);
	});
});

describe('bucketFor', () => {
	it('one bucket per credential, shared by its callers', () => {
		useFakeClock();
		expect(bucketFor('cred-a', 10)).toBe(bucketFor('cred-a', 10));
		expect(bucketFor('cred-a', 10)).not.toBe(bucketFor('cred-b', 10));
		// Two credentials do not slow each other down.
		expect(bucketFor('cred-c', 10).reserve()).toBe(0);
		expect(bucketFor('cred-d', 10).reserve()).toBe(0);
		// 10 a second are paced 110 ms apart: a tenth of headroom for arrival jitter.
		expect(bucketFor('cred-c', 10).reserve()).toBe(110);
	});

	it('a changed rate gives the credential a new bucket at that rate', () => {
		useFakeClock();
		const fast = bucketFor('cred-e', 10);
		const slow = bucketFor('cred-e', 2);
		expect(slow).not.toBe(fast);
		expect(slow.rate).toBeCloseTo(2 / 1.1);
		expect([slow.reserve(), slow.reserve()]).toEqual([0, 550]);
	});
});
