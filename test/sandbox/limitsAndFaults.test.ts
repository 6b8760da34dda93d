import * as http from 'http';
import { PLAN_DAILY_LIMITS, startSandbox } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { basic, client } from './helpers';

const START = '2025-03-10T23:59:00Z';
const sb = useSandbox({ seed: { records: 20 }, startTime: START, freezeClock: true });
const call = client(sb);

const remaining = (r: { headers: Headers }) => Number(r.headers.get('x-ratelimit-remaining'));

describe('rate limits', () => {
	it('puts X-RateLimit headers on every response, counting authenticated requests only', async () => {
		const first = await call('GET', '/Users/Me');
		expect(first.headers.get('x-ratelimit-limit')).toBe(String(PLAN_DAILY_LIMITS.professional));
		expect(remaining(first)).toBe(59_999);
		const denied = await call('GET', '/Users/Me', { key: 'wrong' });
		expect(denied.status).toBe(401);
		expect(denied.body).toEqual({ Message: 'Authorization has been denied for this request.' });
		expect(remaining(denied)).toBe(59_999);
		expect((await call('GET', '/Users/Me', { key: null })).status).toBe(401);
		await fetch(`${sb.adminUrl}/log`);
		expect(remaining(await call('GET', '/Nope'))).toBe(59_998); // 404s count; admin and 401s do not
		expect(sb.limits.usedToday()).toBe(2);
	});

	it('ignores the password and accepts any case of Basic', async () => {
		const res = await fetch(`${sb.apiUrl}/Users/Me`, {
			headers: { Authorization: basic(sb.apiKey, 'whatever').replace('Basic', 'basic') },
		});
		expect(res.status).toBe(200);
	});

	it('answers 429 with remaining 0 when the daily quota is spent, until midnight UTC on the virtual clock', async () => {
		sb.reset({ plan: 'free', seed: false, startTime: START, perSecondLimit: false });
		sb.clock.freeze();
		sb.limits.set({ remaining: 2 });
		expect((await call('GET', '/Users/Me')).status).toBe(200);
		const last = await call('GET', '/Users/Me');
		expect([last.status, remaining(last)]).toEqual([200, 0]);
		const over = await call('GET', '/Users/Me');
		expect([over.status, remaining(over), over.headers.get('x-ratelimit-limit')]).toEqual([
			429,
			0,
			'1000',
		]);
		sb.clock.advance(60_000); // 00:00 UTC next day
		const fresh = await call('GET', '/Users/Me');
		expect([fresh.status, remaining(fresh)]).toEqual([200, 999]);
	});

	it('with the rolling daily quota, counts the last 24 hours: midnight UTC resets nothing, each request comes back a day after it was made', async () => {
		// docs/live-api.md, "Rate limits": the help page is quoted as saying the allowance resets
		// on a rolling 24-hour basis; other sources say the next day or midnight UTC.
		sb.reset({
			plan: 'free',
			seed: false,
			startTime: START,
			perSecondLimit: false,
			dailyQuota: 'rolling',
		});
		sb.clock.freeze(); // 23:59 UTC
		sb.limits.set({ remaining: 2 }); // 998 requests made just now
		expect(remaining(await call('GET', '/Users/Me'))).toBe(1);
		sb.clock.advance(30 * 60_000); // 00:29 UTC
		expect(remaining(await call('GET', '/Users/Me'))).toBe(0); // midnight gave nothing back
		const over = await call('GET', '/Users/Me');
		expect([over.status, remaining(over)]).toEqual([429, 0]);
		sb.clock.advance(24 * 3_600_000 - 30 * 60_000); // 23:59 the next day: the 999 of 23:59 are back
		const back = await call('GET', '/Users/Me');
		expect([back.status, remaining(back)]).toEqual([200, 998]);
		expect(sb.limits.usedToday()).toBe(2);
		sb.clock.advance(30 * 60_000); // and the one made at 00:29 too
		expect(remaining(await call('GET', '/Users/Me'))).toBe(998);
	});

	it('a clock skew moves the server clock (record timestamps) off the reference start time', async () => {
		for (const skewMs of [5 * 60_000, -5 * 60_000]) {
			const skewed = await startSandbox({
				seed: false,
				startTime: '2025-03-10T09:00:00Z',
				clockSkewMs: skewMs,
			});
			try {
				// started `skewMs` off the reference start, running with real time since
				const off = skewed.clock.now() - Date.parse('2025-03-10T09:00:00Z') - skewMs;
				expect(off).toBeGreaterThanOrEqual(0);
				expect(off).toBeLessThan(5_000);
				skewed.clock.freeze(Date.parse('2025-03-10T09:00:00Z') + skewMs);
				const created = skewed.records.create('Contacts', { FIRST_NAME: 'Ada' });
				expect(created.DATE_CREATED_UTC).toBe(
					skewMs > 0 ? '2025-03-10 09:05:00' : '2025-03-10 08:55:00',
				);
			} finally {
				await skewed.stop();
			}
		}
	});

	it('answers 429 with remaining > 0 and Retry-After above the per-second limit (real time)', async () => {
		sb.limits.set({ perSecondLimit: 3 });
		const results = await Promise.all(Array.from({ length: 6 }, () => call('GET', '/Users/Me')));
		const limited = results.filter((r) => r.status === 429);
		expect(limited.length).toBe(3);
		for (const r of limited) {
			expect(remaining(r)).toBeGreaterThan(0);
			expect(r.headers.get('retry-after')).toBe('1');
		}
		await new Promise((resolve) => setTimeout(resolve, 1_050));
		expect((await call('GET', '/Users/Me')).status).toBe(200);
	});

	it('can switch both limits off', async () => {
		sb.limits.set({ dailyLimit: false, perSecondLimit: false });
		const results = await Promise.all(Array.from({ length: 30 }, () => call('GET', '/Users/Me')));
		expect(results.every((r) => r.status === 200)).toBe(true);
		expect(remaining(results[0])).toBe(PLAN_DAILY_LIMITS.professional);
	});

	it('defaults to 10 per second', async () => {
		const plain = await startSandbox({ seed: false });
		try {
			const results = await Promise.all(
				Array.from({ length: 15 }, () => client(plain)('GET', '/Users/Me')),
			);
			expect(results.filter((r) => r.status === 429).length).toBe(5);
		} finally {
			await plain.stop();
		}
	});
});

/** A raw request, to observe connection resets. */
function rawRequest(
	method: string,
	path: string,
	body?: object,
): Promise<{ status: number } | { error: string }> {
	return new Promise((resolve) => {
		const data = body ? JSON.stringify(body) : undefined;
		const req = http.request(
			`${sb.apiUrl}${path}`,
			{
				method,
				agent: false,
				headers: { Authorization: basic(sb.apiKey), 'Content-Type': 'application/json' },
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode! }));
			},
		);
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
		req.end(data);
	});
}

describe('faults', () => {
	const contacts = () => sb.state.collection(sb.state.type('Contacts')!).size;

	it('"the next 2 POSTs get 503" without storing, then normal service', async () => {
		sb.faults.add({ method: 'POST', path: '/Contacts', times: 2, status: 503, retryAfter: 2 });
		const before = contacts();
		const a = await call('POST', '/Contacts', { body: { FIRST_NAME: 'x' } });
		expect([a.status, a.headers.get('retry-after')]).toEqual([503, '2']);
		expect((await call('GET', '/Contacts')).status).toBe(200); // GETs unaffected
		expect((await call('POST', '/Contacts', { body: { FIRST_NAME: 'x' } })).status).toBe(503);
		expect(contacts()).toBe(before);
		expect((await call('POST', '/Contacts', { body: { FIRST_NAME: 'x' } })).status).toBe(201);
		const log = sb.log();
		expect(log.filter((e) => e.fault).map((e) => [e.method, e.status, e.fault])).toEqual([
			['POST', 503, 'status 503'],
			['POST', 503, 'status 503'],
		]);
		expect(log[0]).toMatchObject({ path: '/v3.1/Contacts', body: { FIRST_NAME: 'x' }, query: {} });
	});

	it('stores the write but answers 500', async () => {
		sb.faults.add({
			method: 'POST',
			path: '/contacts',
			times: 1,
			status: 500,
			storeThenFail: true,
		});
		const before = contacts();
		const res = await call('POST', '/Contacts', { body: { FIRST_NAME: 'Stored' } });
		expect(res.status).toBe(500);
		expect(contacts()).toBe(before + 1);
	});

	it('resets the connection before or after applying', async () => {
		sb.faults.add({ method: 'POST', path: /\/Contacts$/, times: 1, reset: 'before' });
		const before = contacts();
		expect(await rawRequest('POST', '/Contacts', { FIRST_NAME: 'x' })).toHaveProperty('error');
		expect(contacts()).toBe(before);
		sb.faults.add({ method: 'POST', path: '/Contacts', times: 1, reset: 'after' });
		expect(await rawRequest('POST', '/Contacts', { FIRST_NAME: 'x' })).toHaveProperty('error');
		expect(contacts()).toBe(before + 1);
		expect(sb.log().map((e) => e.fault)).toEqual(['reset before', 'reset after']);
	});

	it('adds latency and matches globs', async () => {
		sb.faults.add({ path: '/Contacts/*', latencyMs: 300, times: 1 });
		const started = Date.now();
		expect(
			(await call('GET', `/Contacts/${sb.records.list('Contacts')[0].CONTACT_ID}`)).status,
		).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	it('fires with a probability', async () => {
		sb.faults.add({ path: '/Users/Me', probability: 0.5, status: 502 });
		const results = await Promise.all(Array.from({ length: 60 }, () => call('GET', '/Users/Me')));
		const failed = results.filter((r) => r.status === 502).length;
		expect(failed).toBeGreaterThan(10);
		expect(failed).toBeLessThan(50);
		sb.faults.clear();
		expect((await call('GET', '/Users/Me')).status).toBe(200);
	});
});
