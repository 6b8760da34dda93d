import { startSandbox } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { client } from './helpers';

const sb = useSandbox();
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

describe('startup and seed', () => {
	it('starts with the default seed in under 2 seconds, on 127.0.0.1', async () => {
		const started = Date.now();
		const fresh = await startSandbox();
		try {
			expect(Date.now() - started).toBeLessThan(2_000);
			expect(fresh.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\.1$/);
			expect(fresh.state.recordCount()).toBeGreaterThan(300);
		} finally {
			await fresh.stop();
		}
	});

	it('is deterministic for a seed and start time, and differs across seeds', async () => {
		sb.reset({ seed: { records: 200, seed: 7 }, startTime: '2025-01-01T00:00:00Z' });
		const a = (await call('GET', '/Contacts', { query: { top: 500 } })).body;
		sb.reset({ seed: { records: 200, seed: 7 }, startTime: '2025-01-01T00:00:00Z' });
		const b = (await call('GET', '/Contacts', { query: { top: 500 } })).body;
		expect(b).toEqual(a);
		sb.reset({ seed: { records: 200, seed: 8 }, startTime: '2025-01-01T00:00:00Z' });
		const c = (await call('GET', '/Contacts', { query: { top: 500 } })).body;
		expect(c).not.toEqual(a);
	});

	it('seeds linked and tagged records of every main type', () => {
		for (const path of [
			'Contacts',
			'Organisations',
			'Leads',
			'Opportunities',
			'Projects',
			'Tasks',
			'Events',
			'Notes',
			'Emails',
			'Fruit__c',
			'Milestones',
			'Product',
			'Pricebook',
			'Quotation',
		]) {
			expect(sb.records.list(path).length).toBeGreaterThan(0);
		}
		expect(sb.state.links.size).toBeGreaterThan(100);
		expect(sb.records.list('Contacts').filter((c) => c.TAGS.length).length).toBeGreaterThan(10);
	});
});

describe('admin HTTP API', () => {
	it('moves, freezes and reports the clock', async () => {
		const set = await admin('POST', '/clock', { set: '2030-01-01T00:00:00Z', freeze: true });
		expect(set.body).toMatchObject({ iso: '2030-01-01T00:00:00.000Z', frozen: true });
		await admin('POST', '/clock', { advance: 90_000 });
		const created = sb.records.create('Contacts', { FIRST_NAME: 'Clock' });
		expect(created.DATE_CREATED_UTC).toBe('2030-01-01 00:01:30');
		expect((await admin('POST', '/clock', { unfreeze: true })).body.frozen).toBe(false);
	});

	it('scripts faults, reads and clears the log', async () => {
		expect(
			(
				await admin('POST', '/faults', {
					method: 'GET',
					pathRegex: '^/v3\\.1/users/me$',
					times: 1,
					status: 503,
				})
			).status,
		).toBe(201);
		expect((await admin('GET', '/faults')).body).toHaveLength(1);
		expect((await call('GET', '/Users/Me', { query: { brief: true } })).status).toBe(503);
		expect((await call('GET', '/Users/Me')).status).toBe(200);
		const log = (await admin('GET', '/log')).body;
		expect(log.map((e: { status: number; fault?: string }) => [e.status, e.fault])).toEqual([
			[503, 'status 503'],
			[200, undefined],
		]);
		expect(log[0].query).toEqual({ brief: 'true' });
		expect(typeof log[0].time).toBe('string');
		await admin('DELETE', '/log');
		expect(sb.log()).toEqual([]);
		await admin('POST', '/faults', { status: 500 });
		await admin('DELETE', '/faults');
		expect((await call('GET', '/Users/Me')).status).toBe(200);
	});

	it('sets and reports limits', async () => {
		const res = await admin('POST', '/limits', { dailyLimit: 50, remaining: 5 });
		expect(res.body).toMatchObject({ dailyLimit: 50, remaining: 5, usedToday: 45 });
		const api = await call('GET', '/Users/Me');
		expect(api.headers.get('x-ratelimit-remaining')).toBe('4');
		expect((await admin('GET', '/limits')).body.usedToday).toBe(46);
	});

	it('creates, updates, lists and deletes records, and resets / reseeds', async () => {
		const made = await admin('POST', '/records/Contacts', { FIRST_NAME: 'Admin' });
		expect(made.status).toBe(201);
		const updated = await admin('PUT', '/records/Contacts', {
			CONTACT_ID: made.body.CONTACT_ID,
			LAST_NAME: 'Made',
		});
		expect(updated.body.LAST_NAME).toBe('Made');
		expect((await admin('POST', '/records/Contacts', { LAST_NAME: 'x' })).status).toBe(400);
		expect((await admin('DELETE', `/records/Contacts/${made.body.CONTACT_ID}`)).status).toBe(202);
		expect(
			(await admin('GET', '/records/Contacts')).body.some(
				(c: { FIRST_NAME: string }) => c.FIRST_NAME === 'Admin',
			),
		).toBe(false);
		expect((await admin('POST', '/seed', { records: 50, seed: 3 })).body.records).toBeLessThan(150);
		expect((await admin('POST', '/reset', { seed: false })).body.records).toBe(5); // users only
		expect(sb.limits.usedToday()).toBe(0);
		expect((await admin('GET', '/state')).body.apiKey).toBe(sb.apiKey);
	});

	it('changes the API key on reset', async () => {
		sb.reset({ apiKey: 'other-key' });
		expect((await call('GET', '/Users/Me', { key: 'sandbox-key-0001' })).status).toBe(401);
		expect((await call('GET', '/Users/Me', { key: 'other-key' })).status).toBe(200);
		sb.reset({ apiKey: 'sandbox-key-0001' });
	});
});
