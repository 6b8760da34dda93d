// The browser guard (sandbox/guard.ts): a DNS-rebinding Host, a cross-site Origin and a
// preflight-free (text/plain, form) admin write are refused before anything runs; loopback
// callers (Node's fetch, curl, n8n) are not. `http.request` because fetch cannot set Host.
import * as http from 'http';
import * as net from 'net';
import { useSandbox } from '../helpers/sandbox';
import { basic } from './helpers';

const sb = useSandbox({ seed: { records: 20 }, startTime: '2025-03-10T12:00:00Z' });

interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	text: string;
}

/** One request to the sandbox with exactly these headers (Host included when given). */
function raw(
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string,
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port: sb.port,
				method,
				path,
				agent: false,
				headers:
					body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: unknown;
					try {
						parsed = text ? JSON.parse(text) : undefined;
					} catch {
						parsed = undefined;
					}
					resolve({ status: res.statusCode!, headers: res.headers, body: parsed, text });
				});
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** The status line and body of a hand-written request (an empty or missing Host). */
function rawSocket(request: string): Promise<{ statusLine: string; body: string }> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(sb.port, '127.0.0.1', () => socket.end(request));
		const chunks: Buffer[] = [];
		socket.on('data', (c: Buffer) => chunks.push(c));
		socket.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			resolve({ statusLine: text.split('\r\n')[0], body: text.split('\r\n\r\n')[1] ?? '' });
		});
		socket.on('error', reject);
	});
}

const json = { 'Content-Type': 'application/json' };
const auth = () => ({ Authorization: basic(sb.apiKey) });
const loopback = () => `127.0.0.1:${sb.port}`;

/** Everything a refused request must leave alone (read in-process and through a loopback admin call). */
async function snapshot() {
	const admin = async (path: string) =>
		(await raw('GET', `/__admin/${path}`, { Host: loopback() })).body;
	return {
		records: sb.state.recordCount(),
		contacts: sb.records.list('Contacts').length,
		clock: sb.clock.now(),
		log: sb.log().length,
		limits: await admin('limits'),
		faults: await admin('faults'),
		apiKey: sb.apiKey,
	};
}

function expectRefused(res: RawResponse, status: number, reason: RegExp): void {
	expect(res.status).toBe(status);
	expect(typeof res.body?.Message).toBe('string');
	expect(res.body.Message).toMatch(reason);
	expect(res.text).not.toContain(sb.apiKey);
	expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
}

beforeEach(() => sb.clock.freeze());

describe('DNS rebinding: a non-loopback Host is refused everywhere', () => {
	it.each([
		['evil.example'],
		['evil.example:PORT'],
		['127.0.0.1.evil.example'],
		['localhost.evil.example:PORT'],
		['127.0.0.2:PORT'],
		['0.0.0.0:PORT'],
		['127.0.0.1:1'], // loopback, but not the server's port
		['localhost:80'],
	])('Host %j: admin state is 403 without the key', async (host) => {
		const before = await snapshot();
		const res = await raw('GET', '/__admin/state', { Host: host.replace('PORT', String(sb.port)) });
		expectRefused(res, 403, /Host .*loopback/);
		expect(await snapshot()).toEqual(before);
	});

	it.each([
		[
			'an empty Host (HTTP/1.1)',
			'GET /__admin/state HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n',
		],
		['no Host (HTTP/1.0)', 'GET /__admin/state HTTP/1.0\r\n\r\n'],
	])('refuses %s', async (_name, request) => {
		const res = await rawSocket(request);
		expect(res.statusLine).toMatch(/^HTTP\/1\.[01] 403 /);
		expect(JSON.parse(res.body).Message).toMatch(/Host .*loopback/);
		expect(res.body).not.toContain(sb.apiKey);
	});

	it('refuses admin writes with a JSON body and changes nothing', async () => {
		sb.records.create('Contacts', { FIRST_NAME: 'Kept' });
		const before = await snapshot();
		for (const [path, body] of [
			['/__admin/reset', { seed: false }],
			['/__admin/seed', { seed: false }],
			['/__admin/clock', { advance: 3_600_000 }],
			['/__admin/limits', { remaining: 0 }],
			['/__admin/faults', { status: 500 }],
			['/__admin/records/Contacts', { FIRST_NAME: 'Rebound' }],
		] as const) {
			const res = await raw(
				'POST',
				path,
				{ Host: `evil.example:${sb.port}`, ...json },
				JSON.stringify(body),
			);
			expectRefused(res, 403, /Host .*loopback/);
		}
		expect((await raw('DELETE', '/__admin/log', { Host: 'evil.example', ...json })).status).toBe(
			403,
		);
		expect(await snapshot()).toEqual(before);
		expect(sb.records.list('Contacts').some((c) => c.FIRST_NAME === 'Rebound')).toBe(false);
	});

	it('refuses API routes too, before auth, quota, faults and the log', async () => {
		sb.faults.add({ status: 503 }); // would answer every API request that got that far
		const before = await snapshot();
		const read = await raw('GET', '/v3.1/Users/Me', { Host: 'evil.example', ...auth() });
		expectRefused(read, 403, /Host .*loopback/);
		expect(read.headers['x-ratelimit-limit']).toBeUndefined();
		const write = await raw(
			'POST',
			'/v3.1/Contacts',
			{ Host: `evil.example:${sb.port}`, ...auth(), ...json },
			JSON.stringify({ FIRST_NAME: 'Rebound' }),
		);
		expectRefused(write, 403, /Host .*loopback/);
		expect(await snapshot()).toEqual(before);
		expect(sb.records.list('Contacts').some((c) => c.FIRST_NAME === 'Rebound')).toBe(false);
	});

	it('refuses an absolute-form request target naming another host', async () => {
		const res = await raw('GET', 'http://evil.example/__admin/state', { Host: loopback() });
		expectRefused(res, 403, /loopback/);
	});
});

describe('cross-site browsers: Origin and Sec-Fetch-Site on the admin API', () => {
	it.each([
		['https://evil.example'],
		['http://evil.example:8787'],
		['null'],
		['http://127.0.0.1.evil.example'],
	])('Origin %s is 403 on reads and writes, and changes nothing', async (origin) => {
		const before = await snapshot();
		expectRefused(
			await raw('GET', '/__admin/state', { Host: loopback(), Origin: origin }),
			403,
			/Origin .*not a loopback origin/,
		);
		expectRefused(
			await raw(
				'POST',
				'/__admin/reset',
				{ Host: loopback(), Origin: origin, ...json },
				JSON.stringify({ seed: false }),
			),
			403,
			/Origin/,
		);
		expectRefused(
			await raw(
				'POST',
				'/__admin/clock',
				{ Host: loopback(), Origin: origin, 'Content-Type': 'text/plain' },
				JSON.stringify({ advance: 60_000 }),
			),
			403,
			/Origin/,
		);
		expect(await snapshot()).toEqual(before);
	});

	it('refuses Sec-Fetch-Site: cross-site (a no-cors GET carries no Origin)', async () => {
		expectRefused(
			await raw('GET', '/__admin/state', { Host: loopback(), 'Sec-Fetch-Site': 'cross-site' }),
			403,
			/cross-site/,
		);
		const ok = await raw('GET', '/__admin/state', { Host: loopback(), 'Sec-Fetch-Site': 'none' });
		expect(ok.status).toBe(200);
	});

	it('answers no CORS headers, so a preflight for a JSON write fails', async () => {
		const preflight = await raw('OPTIONS', '/__admin/reset', {
			Host: loopback(),
			'Access-Control-Request-Method': 'POST',
			'Access-Control-Request-Headers': 'content-type',
		});
		expect(preflight.status).toBeGreaterThanOrEqual(400);
		expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
			[],
		);
	});
});

describe('admin writes must be application/json', () => {
	it.each([
		['text/plain'],
		['text/plain;charset=UTF-8'],
		['application/x-www-form-urlencoded'],
		['multipart/form-data; boundary=x'],
		['application/jsonx'],
		[undefined],
	])('Content-Type %s: 415 and nothing changes', async (contentType) => {
		sb.records.create('Contacts', { FIRST_NAME: 'Kept' });
		const before = await snapshot();
		const headers: Record<string, string> = { Host: loopback() };
		if (contentType) headers['Content-Type'] = contentType;
		for (const [method, path, body] of [
			['POST', '/__admin/reset', { seed: false }],
			['POST', '/__admin/seed', { records: 5, seed: 1 }],
			['POST', '/__admin/clock', { advance: 3_600_000 }],
			['POST', '/__admin/limits', { remaining: 0 }],
			['POST', '/__admin/faults', { status: 500 }],
			['POST', '/__admin/records/Contacts', { FIRST_NAME: 'Plain' }],
			['PUT', '/__admin/records/Contacts', { CONTACT_ID: 1000001, FIRST_NAME: 'Plain' }],
			['DELETE', '/__admin/log', undefined],
			['DELETE', '/__admin/faults', undefined],
		] as const) {
			const res = await raw(method, path, headers, body && JSON.stringify(body));
			expectRefused(res, 415, /Content-Type: application\/json/);
		}
		expect(await snapshot()).toEqual(before);
		expect(sb.records.list('Contacts').some((c) => c.FIRST_NAME === 'Plain')).toBe(false);
	});

	it('does not apply to API routes (multipart uploads, bodiless DELETEs)', async () => {
		const id = sb.records.create('Contacts', { FIRST_NAME: 'Gone' }).CONTACT_ID as number;
		const res = await raw('DELETE', `/v3.1/Contacts/${id}`, { Host: loopback(), ...auth() });
		expect(res.status).toBe(202);
	});
});

describe('loopback callers work', () => {
	it.each([
		['127.0.0.1'],
		['127.0.0.1:PORT'],
		['localhost'],
		['localhost:PORT'],
		['LocalHost:PORT'],
		['[::1]'],
		['[::1]:PORT'],
	])('Host %s reaches the admin API and the API', async (host) => {
		const Host = host.replace('PORT', String(sb.port));
		const state = await raw('GET', '/__admin/state', { Host });
		expect([state.status, state.body.apiKey]).toEqual([200, sb.apiKey]);
		const clock = await raw(
			'POST',
			'/__admin/clock',
			{ Host, ...json },
			JSON.stringify({ set: '2030-01-01T00:00:00Z' }),
		);
		expect([clock.status, clock.body.iso]).toEqual([200, '2030-01-01T00:00:00.000Z']);
		const me = await raw('GET', '/v3.1/Users/Me', { Host, ...auth() });
		expect([me.status, me.body.USER_ID]).toEqual([200, 1001]);
	});

	it.each([
		['http://127.0.0.1:PORT'],
		['http://localhost:5678'],
		['http://[::1]:3000'],
		['https://localhost'],
	])('Origin %s may use the admin API', async (origin) => {
		const Origin = origin.replace('PORT', String(sb.port));
		const headers = { Host: loopback(), Origin, ...json };
		const clock = await raw('POST', '/__admin/clock', headers, JSON.stringify({ advance: 60_000 }));
		expect(clock.status).toBe(200);
		const reset = await raw('POST', '/__admin/reset', headers, JSON.stringify({ seed: false }));
		expect([reset.status, reset.body.records]).toEqual([200, 5]);
		expect(Object.keys(reset.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
	});

	it('accepts application/json with parameters, and Node fetch as is', async () => {
		const res = await raw(
			'POST',
			'/__admin/clock',
			{ Host: loopback(), 'Content-Type': 'Application/JSON; charset=utf-8' },
			JSON.stringify({ advance: 1_000 }),
		);
		expect(res.status).toBe(200);
		const fetched = await fetch(`${sb.adminUrl}/log`, { method: 'DELETE', headers: json });
		expect(fetched.status).toBe(200);
		expect((await fetch(`${sb.adminUrl}/state`)).status).toBe(200);
	});
});
