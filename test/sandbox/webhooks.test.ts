/**
 * The sandbox's emulation of Insightly's workflow automation webhooks (sandbox/webhooks.ts):
 * registered through the admin API, fired by creates and edits through the API that meet the
 * criteria, POSTed as `{"entity": {...}}` with Microsoft JSON dates and Basic auth, logged.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { useSandbox } from '../helpers/sandbox';
import { freePort } from '../e2e/lib/ports';
import { toWebhookDates } from '../../sandbox/webhooks';
import { client } from './helpers';

const START = '2025-03-10T12:00:00Z';
const sb = useSandbox({ seed: { records: 10, seed: 5 }, startTime: START, freezeClock: true });
const call = client(sb);

interface Received {
	headers: http.IncomingHttpHeaders;
	body: { entity: Record<string, unknown> };
}

/** A receiver that answers each POST with the next status of `statuses` (then 200). */
let receiver: http.Server;
let receiverUrl: string;
let received: Received[] = [];
let statuses: number[] = [];

beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			received.push({ headers: req.headers, body: JSON.parse(raw) });
			res.writeHead(statuses.shift() ?? 200, { 'Content-Type': 'application/json' });
			res.end('{"message":"ok"}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(() => {
	received = [];
	statuses = [];
});

/** An admin call as a test tool makes it (JSON, loopback). */
async function admin(method: string, path: string, body?: unknown) {
	const response = await fetch(`${sb.adminUrl}${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function register(webhook: Record<string, unknown>) {
	const response = await admin('POST', '/webhooks', { url: receiverUrl, ...webhook });
	expect(response.status).toBe(201);
	return response.body as { id: number };
}

/** Every delivery finished (the admin API waits for them). */
async function deliveries() {
	return (await admin('GET', '/webhooks/log?wait=true')).body as Array<Record<string, unknown>>;
}

const createContact = async (fields: Record<string, unknown> = {}) =>
	(await call('POST', '/Contacts', { body: { FIRST_NAME: 'Ann', LAST_NAME: 'Lee', ...fields } }))
		.body as Record<string, unknown>;

describe('registration (admin API)', () => {
	it('registers, lists and removes webhooks', async () => {
		const hook = await register({
			name: 'New contacts',
			recordType: 'contacts',
			on: 'create',
			auth: { user: 'u', password: 'p' },
		});
		expect(hook).toMatchObject({
			id: expect.any(Number),
			name: 'New contacts',
			recordType: 'Contacts',
			on: 'create',
			url: receiverUrl,
			dateOffset: '-0800',
			retries: 0,
		});
		expect((await admin('GET', '/webhooks')).body).toHaveLength(1);
		expect((await admin('DELETE', `/webhooks/${hook.id}`)).status).toBe(200);
		expect((await admin('GET', '/webhooks')).body).toEqual([]);
		expect((await admin('DELETE', `/webhooks/${hook.id}`)).status).toBe(404);
	});

	it.each([
		[{ recordType: 'Nope' }, /Unknown recordType/],
		[{ recordType: 'Contacts', url: 'https://example.com/hook' }, /127\.0\.0\.1/],
		[{ recordType: 'Contacts', url: 'http://10.0.0.1/hook' }, /127\.0\.0\.1/],
		[{ recordType: 'Contacts', on: 'delete' }, /on must be/],
		[{ recordType: 'Contacts', auth: { user: 'u' } }, /auth must be/],
		[{ recordType: 'Contacts', dateOffset: 'PST' }, /dateOffset/],
		[{ recordType: 'Contacts', retries: -1 }, /retries/],
	])('refuses %p', async (webhook, message) => {
		const response = await admin('POST', '/webhooks', { url: receiverUrl, ...webhook });
		expect(response.status).toBe(400);
		expect(response.body.Message).toMatch(message);
	});

	it('is behind the admin guard: a write without JSON content type is 415', async () => {
		const response = await fetch(`${sb.adminUrl}/webhooks`, {
			method: 'POST',
			headers: { 'Content-Type': 'text/plain' },
			body: JSON.stringify({ recordType: 'Contacts', url: receiverUrl }),
		});
		expect(response.status).toBe(415);
		expect((await admin('GET', '/webhooks')).body).toEqual([]);
	});

	it('a reset removes the webhooks and their log', async () => {
		await register({ recordType: 'Contacts' });
		await createContact();
		await deliveries();
		sb.reset();
		expect((await admin('GET', '/webhooks')).body).toEqual([]);
		expect((await admin('GET', '/webhooks/log')).body).toEqual([]);
	});
});

describe('deliveries', () => {
	it("a contact created through the API is POSTed in Insightly's format, with Basic auth", async () => {
		await register({ recordType: 'Contacts', auth: { user: 'insightly', password: 's3cret' } });
		const contact = await createContact({ EMAIL_ADDRESS: 'ann@example.com' });
		const [delivery] = await deliveries();
		expect(received).toHaveLength(1);
		const [{ headers, body }] = received;
		expect(headers['content-type']).toMatch(/^application\/json/);
		expect(headers.authorization).toBe(
			`Basic ${Buffer.from('insightly:s3cret').toString('base64')}`,
		);
		expect(Object.keys(body)).toEqual(['entity']);
		expect(body.entity).toMatchObject({
			CONTACT_ID: contact.CONTACT_ID,
			FIRST_NAME: 'Ann',
			EMAIL_ADDRESS: 'ann@example.com',
		});
		// Every date in Microsoft's JSON form; a new record's two timestamps are equal.
		const ms = Date.parse(START);
		expect(body.entity.DATE_CREATED_UTC).toBe(`/Date(${ms}-0800)/`);
		expect(body.entity.DATE_UPDATED_UTC).toBe(`/Date(${ms}-0800)/`);
		expect(JSON.stringify(body)).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
		expect(delivery).toMatchObject({
			recordType: 'Contacts',
			recordId: contact.CONTACT_ID,
			event: 'create',
			url: receiverUrl,
			attempt: 1,
			status: 200,
			changedAt: new Date(sb.clock.now()).toISOString(),
		});
	});

	it('an edit through the API is delivered with the later DATE_UPDATED_UTC', async () => {
		await register({ recordType: 'Contacts', on: 'both' });
		const contact = await createContact();
		sb.clock.advance(90_000);
		await call('PUT', '/Contacts', {
			body: { CONTACT_ID: contact.CONTACT_ID, BACKGROUND: 'edited' },
		});
		const log = await deliveries();
		expect(log.map((d) => d.event)).toEqual(['create', 'edit']);
		const edit = received[1].body.entity;
		expect(edit.BACKGROUND).toBe('edited');
		expect(edit.DATE_CREATED_UTC).toBe(`/Date(${Date.parse(START)}-0800)/`);
		expect(edit.DATE_UPDATED_UTC).toBe(`/Date(${Date.parse(START) + 90_000}-0800)/`);
	});

	it.each([
		['create', ['create']],
		['edit', ['edit', 'edit']],
		['both', ['create', 'edit', 'edit']],
		['once', ['create']],
	])('on %s fires for %p', async (on, events) => {
		await register({ recordType: 'Contacts', on });
		const contact = await createContact();
		for (const text of ['one', 'two']) {
			sb.clock.advance(5000);
			await call('PUT', '/Contacts', {
				body: { CONTACT_ID: contact.CONTACT_ID, BACKGROUND: text },
			});
		}
		expect((await deliveries()).map((d) => d.event)).toEqual(events);
	});

	it('on once: the first change that meets the criteria, then never again for that record', async () => {
		await register({ recordType: 'Contacts', on: 'once', criteria: { BACKGROUND: 'vip' } });
		const contact = await createContact();
		await call('PUT', '/Contacts', { body: { CONTACT_ID: contact.CONTACT_ID, BACKGROUND: 'VIP' } });
		await call('PUT', '/Contacts', { body: { CONTACT_ID: contact.CONTACT_ID, BACKGROUND: 'vip' } });
		expect((await deliveries()).map((d) => d.event)).toEqual(['edit']);
	});

	it('criteria on standard and custom fields select the records', async () => {
		await register({
			recordType: 'Contacts',
			criteria: { LAST_NAME: 'lee', Tier__c: 'Gold' },
		});
		await createContact({ CUSTOMFIELDS: [{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' }] });
		await createContact({ CUSTOMFIELDS: [{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Silver' }] });
		await createContact({
			LAST_NAME: 'Other',
			CUSTOMFIELDS: [{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' }],
		});
		expect(await deliveries()).toHaveLength(1);
		const customFields = received[0].body.entity.CUSTOMFIELDS as Array<Record<string, unknown>>;
		expect(customFields).toContainEqual(
			expect.objectContaining({ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' }),
		);
	});

	it('fire only for their own record type, custom objects included', async () => {
		await register({ recordType: 'Fruit__c' });
		await createContact();
		const fruit = await call('POST', '/Fruit__c', { body: { RECORD_NAME: 'Quince' } });
		expect(fruit.status).toBe(201);
		const log = await deliveries();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ recordType: 'Fruit__c', recordId: fruit.body.RECORD_ID });
		expect(received[0].body.entity.RECORD_NAME).toBe('Quince');
	});

	it('nothing fires for deletes, failed writes, other sub-resources, or the back doors', async () => {
		await register({ recordType: 'Contacts' });
		const contact = sb.records.create('Contacts', { FIRST_NAME: 'Back', LAST_NAME: 'Door' });
		await admin('POST', '/records/Contacts', { FIRST_NAME: 'Admin', LAST_NAME: 'Door' });
		expect((await call('POST', '/Contacts', { body: { NOPE: 1 } })).status).toBe(400);
		await call('POST', `/Contacts/${contact.CONTACT_ID}/Tags`, { body: { TAG_NAME: 'x' } });
		await call('DELETE', `/Contacts/${contact.CONTACT_ID}`);
		expect(await deliveries()).toEqual([]);
		expect(received).toEqual([]);
	});

	it('a change answered with a fault still fires: the record was stored', async () => {
		await register({ recordType: 'Contacts' });
		sb.faults.add({
			method: 'POST',
			path: '/Contacts',
			storeThenFail: true,
			status: 500,
			times: 1,
		});
		expect(
			(await call('POST', '/Contacts', { body: { FIRST_NAME: 'A', LAST_NAME: 'B' } })).status,
		).toBe(500);
		expect(await deliveries()).toHaveLength(1);
	});

	it('logs what the receiver answered; retries a failed delivery when asked to', async () => {
		await register({ recordType: 'Contacts', retries: 2, retryDelayMs: 10 });
		statuses = [401, 503];
		await createContact();
		const log = await deliveries();
		expect(log.map((d) => [d.attempt, d.status])).toEqual([
			[1, 401],
			[2, 503],
			[3, 200],
		]);
		expect(log[0].response).toBe('{"message":"ok"}');
	});

	it('logs a receiver that does not answer (status 0) and does not retry by default', async () => {
		await admin('POST', '/webhooks', {
			recordType: 'Contacts',
			url: `http://127.0.0.1:${await freePort()}/nothing`,
		});
		await createContact();
		const log = await deliveries();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({
			status: 0,
			error: expect.stringMatching(/ECONNREFUSED|fetch failed/),
		});
	});

	it('the log can be emptied', async () => {
		await register({ recordType: 'Contacts' });
		await createContact();
		await deliveries();
		expect((await admin('DELETE', '/webhooks/log')).status).toBe(200);
		expect(await deliveries()).toEqual([]);
	});
});

describe('toWebhookDates', () => {
	it('writes every Insightly date as /Date(ms±hhmm)/ at any depth, nothing else', () => {
		expect(
			toWebhookDates(
				{
					A: '2017-03-10 03:34:10',
					B: ['2017-03-10 08:00:00', 'text', 1],
					C: { D: '2017-03-10' },
					E: null,
				},
				'+0100',
			),
		).toEqual({
			A: '/Date(1489116850000+0100)/',
			B: ['/Date(1489132800000+0100)/', 'text', 1],
			C: { D: '2017-03-10' },
			E: null,
		});
	});
});
