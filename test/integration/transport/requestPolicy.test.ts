// The request policy of docs/design.md, case by case, through n8n's real execution
// context and HTTP helper against a local server that scripts Insightly's answers. Waits are
// virtual: clock.sleep records the delay and moves a virtual clock instead of waiting.
import { inspect } from 'util';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { clock } from '../../../nodes/Insightly/transport';
import { executeNode } from '../../helpers/n8n';
import { closedPort, startScriptedServer, type ScriptedServer, type Step } from './scriptedServer';
import { TransportProbe, type ProbeCall } from './transportProbeNode';

const KEY = 'ik-7f3c9a1e-SECRET-5b2d-4c8e-9f10aa';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const SECRETS = [KEY, b64(`${KEY}:`), b64(KEY)];

let server: ScriptedServer;
let virtualNow = Date.UTC(2026, 5, 1, 12, 0, 0);
/** Delays the request layer asked to wait, in order (retry backoff and throttle alike). */
let sleeps: number[] = [];
/** Runs inside a virtual sleep, before the clock moves (e.g. to bring a server up). */
let onSleep: ((ms: number) => Promise<void>) | undefined;
/** Every error any case threw: all kinds, checked for secrets at the end. */
const thrown: unknown[] = [];

beforeAll(async () => {
	server = await startScriptedServer(0, () => clock.now());
});
afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	// A rested bucket for every case: its first request never waits on the throttle.
	virtualNow += 60_000;
	sleeps = [];
	onSleep = undefined;
	jest.spyOn(clock, 'now').mockImplementation(() => virtualNow);
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
		sleeps.push(ms);
		if (onSleep) await onSleep(ms);
		virtualNow += ms;
	});
	// Full jitter drawn at 0.5: with the default 500 ms base, the waits are 250, 500, 1000...
	// (each longer than the pacer's spacing, so in single-request cases every recorded sleep is a retry).
	jest.spyOn(clock, 'random').mockReturnValue(0.5);
});
afterEach(() => jest.restoreAllMocks());

interface RunOptions {
	apiUrl?: string;
	allowLocalhost?: boolean;
	maxRequestsPerSecond?: number;
	items?: number;
}

async function run(call: ProbeCall, options: RunOptions = {}): Promise<IDataObject[]> {
	const output = await executeNode(new TransportProbe(), {
		parameters: { call: JSON.stringify(call) },
		items: Array.from({ length: options.items ?? 1 }, (): INodeExecutionData => ({ json: {} })),
		credentials: {
			insightlyApi: {
				apiKey: KEY,
				apiUrl: options.apiUrl ?? `${server.origin}/v3.1/`,
				allowLocalhost: options.allowLocalhost ?? true,
				...(options.maxRequestsPerSecond
					? { maxRequestsPerSecond: options.maxRequestsPerSecond }
					: {}),
			},
		},
	});
	const json = output[0].map((item) => item.json);
	expectNoSecret(JSON.stringify(json));
	return json;
}

/** Runs a call that must fail; returns the error after checking it for secrets. */
async function fail(
	call: ProbeCall,
	options: RunOptions = {},
): Promise<Error & { description?: string; httpCode?: string | null }> {
	let error: unknown;
	try {
		await run(call, options);
	} catch (caught) {
		error = caught;
	}
	if (!(error instanceof Error))
		throw new Error(`expected ${call.method ?? 'GET'} ${call.path} to fail`);
	thrown.push(error);
	return error;
}

function expectNoSecret(text: string): void {
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

const get = (path: string, extra: Partial<ProbeCall> = {}): ProbeCall => ({
	mode: 'request',
	method: 'GET',
	path,
	...extra,
});
const post = (path: string, extra: Partial<ProbeCall> = {}): ProbeCall => ({
	mode: 'request',
	method: 'POST',
	path,
	body: { FIRST_NAME: 'Ada' },
	...extra,
});
const ok: Step = { status: 200, body: { CONTACT_ID: 1 } };
const rateLimited = (remaining?: string): Step => ({
	status: 429,
	headers:
		remaining === undefined
			? {}
			: { 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': remaining },
	body: { Message: 'API rate limit exceeded' },
});

describe('an ordinary call', () => {
	it('sends one request with Basic auth (key as user name, empty password) to the API URL', async () => {
		server.script([
			{
				status: 200,
				body: { CONTACT_ID: 42 },
				headers: { 'X-RateLimit-Limit': '40000', 'X-RateLimit-Remaining': '39876' },
			},
		]);
		const [result] = await run(get('/Contacts/42', { qs: { brief: true } }));
		expect(result).toMatchObject({ statusCode: 200, attempts: 1, body: { CONTACT_ID: 42 } });
		expect(server.received).toHaveLength(1);
		const [request] = server.received;
		expect(request).toMatchObject({ method: 'GET', url: '/v3.1/Contacts/42?brief=true' });
		expect(request.headers.authorization).toBe(`Basic ${b64(`${KEY}:`)}`);
		expect(request.headers.accept).toBe('application/json');
		expect(sleeps).toEqual([]);
	});

	it('records the latest X-RateLimit-Limit / X-RateLimit-Remaining of the credential', async () => {
		server.script([
			{
				status: 200,
				body: {},
				headers: { 'X-RateLimit-Limit': '40000', 'X-RateLimit-Remaining': '39000' },
			},
		]);
		const [first] = await run(get('/Users/Me'));
		expect(first.rateLimit).toMatchObject({ limit: 40000, remaining: 39000 });
		server.script([
			{
				status: 200,
				body: {},
				headers: { 'X-RateLimit-Limit': '40000', 'X-RateLimit-Remaining': '38999' },
			},
			{ status: 200, body: {} },
		]);
		const [second] = await run(get('/Users/Me'));
		expect(second.rateLimit).toMatchObject({ limit: 40000, remaining: 38999 });
	});

	it('a slow answer is waited for', async () => {
		server.script([{ status: 200, body: { slow: true }, delayMs: 300 }]);
		const [result] = await run(get('/Contacts/1'));
		expect(result).toMatchObject({ statusCode: 200, body: { slow: true } });
	});
});

describe('429', () => {
	it.each(['GET', 'PUT', 'DELETE', 'POST'] as const)(
		'with X-RateLimit-Remaining > 0: %s is retried with backoff',
		async (method) => {
			server.script([rateLimited('12'), rateLimited('11'), ok]);
			const [result] = await run({
				mode: 'request',
				method,
				path: '/Contacts',
				body: method === 'POST' || method === 'PUT' ? { A: 1 } : undefined,
			});
			expect(result).toMatchObject({ statusCode: 200, attempts: 3 });
			expect(server.received.map((r) => r.method)).toEqual([method, method, method]);
			expect(sleeps).toEqual([250, 500]);
		},
	);

	it('without X-RateLimit-Remaining: even a POST is retried (nothing was processed)', async () => {
		server.script([rateLimited(), { status: 201, body: { CONTACT_ID: 9 } }]);
		const [result] = await run(post('/Contacts'));
		expect(result).toMatchObject({ statusCode: 201, attempts: 2 });
		expect(server.received).toHaveLength(2);
		// The same body both times.
		expect(server.received.map((r) => JSON.parse(r.body))).toEqual([
			{ FIRST_NAME: 'Ada' },
			{ FIRST_NAME: 'Ada' },
		]);
	});

	it('a 429 whose Message names the daily quota is not retried, even without the header', async () => {
		server.script([
			{ status: 429, body: { Message: 'API daily request limit exceeded for this instance.' } },
			ok,
		]);
		const error = (await run(get('/Contacts')).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toMatch(/daily API limit is used up/);
		expect(server.received).toHaveLength(1);
	});

	it('honours Retry-After in seconds', async () => {
		server.script([{ status: 429, headers: { 'Retry-After': '3' } }, ok]);
		await run(get('/Contacts'));
		expect(sleeps).toEqual([3000]);
	});

	it('honours Retry-After as an HTTP date (from the virtual now)', async () => {
		server.script([
			(request) => ({
				status: 503,
				headers: { 'Retry-After': new Date(request.at + 5000).toUTCString() },
			}),
			ok,
		]);
		await run(get('/Contacts'));
		expect(sleeps).toHaveLength(1);
		// HTTP dates have 1-second resolution.
		expect(sleeps[0]).toBeGreaterThanOrEqual(4000);
		expect(sleeps[0]).toBeLessThanOrEqual(5000);
	});

	it.each(['GET', 'POST'] as const)(
		'with X-RateLimit-Remaining: 0 (daily limit): %s stops at once and says so',
		async (method) => {
			server.script([
				{
					status: 429,
					headers: {
						'X-RateLimit-Limit': '1000',
						'X-RateLimit-Remaining': '0',
						'Retry-After': '1',
					},
				},
			]);
			const error = await fail({ mode: 'request', method, path: '/Contacts' });
			expect(server.received).toHaveLength(1);
			expect(sleeps).toEqual([]);
			expect(error.message).toMatch(/daily API limit is used up/);
			expect(error.message).toContain('1,000 requests');
			expect(error.description).toMatch(/resets within 24 hours/);
			expect(error.description).toMatch(/fewer requests/);
		},
	);

	it('a Retry-After beyond the total wait bound stops instead of waiting an hour', async () => {
		server.script([{ status: 429, headers: { 'Retry-After': '3600' } }]);
		const error = await fail(get('/Contacts'));
		expect(server.received).toHaveLength(1);
		expect(sleeps).toEqual([]);
		expect(error.message).toMatch(/too many requests.*429/);
	});
});

describe('503 and connection refused: retried for every method', () => {
	it.each(['GET', 'PUT', 'DELETE', 'POST'] as const)(
		'503 then 200: %s is retried',
		async (method) => {
			server.script([{ status: 503, body: 'Service Unavailable' }, { status: 503 }, ok]);
			const [result] = await run({
				mode: 'request',
				method,
				path: '/Contacts',
				body: method === 'POST' ? { A: 1 } : undefined,
			});
			expect(result).toMatchObject({ statusCode: 200, attempts: 3 });
			expect(server.received).toHaveLength(3);
		},
	);

	it('a POST whose connection was refused is sent again once the server is up', async () => {
		const port = await closedPort();
		let late: ScriptedServer | undefined;
		onSleep = async () => {
			if (late) return;
			late = await startScriptedServer(port);
			late.script([{ status: 201, body: { CONTACT_ID: 77 } }]);
		};
		try {
			const [result] = await run(post('/Contacts'), { apiUrl: `http://127.0.0.1:${port}` });
			expect(result).toMatchObject({ statusCode: 201, attempts: 2, body: { CONTACT_ID: 77 } });
			expect(late?.received).toHaveLength(1);
			expect(sleeps).toEqual([250]);
		} finally {
			await late?.close();
		}
	});

	it('a host that keeps refusing: bounded tries, and the message says so', async () => {
		const port = await closedPort();
		const error = await fail(get('/Contacts', { retry: { maxAttempts: 3 } }), {
			apiUrl: `http://127.0.0.1:${port}`,
		});
		expect(sleeps).toEqual([250, 500]);
		expect(error.message).toBe('Could not reach Insightly (ECONNREFUSED) (after 3 attempts)');
	});
});

describe('500, 502, 504 and failures after sending: GET/PUT/DELETE retried, POST never', () => {
	it.each([500, 502, 504])('%i: GET, PUT and DELETE are retried', async (status) => {
		for (const method of ['GET', 'PUT', 'DELETE'] as const) {
			server.script([{ status, body: { Message: 'An error has occurred.' } }, { status: 202 }]);
			const [result] = await run({
				mode: 'request',
				method,
				path: '/Contacts/5',
				body: method === 'PUT' ? { CONTACT_ID: 5 } : undefined,
			});
			expect(result).toMatchObject({ statusCode: 202, attempts: 2 });
			expect(server.received).toHaveLength(2);
		}
	});

	it.each([500, 502, 504])(
		'%i: a POST is sent once, and the error says the record may exist',
		async (status) => {
			server.script([{ status, body: { Message: 'An error has occurred.' } }, ok]);
			const error = await fail(post('/Contacts'));
			expect(server.received).toHaveLength(1);
			expect(sleeps).toEqual([]);
			expect(error.message).toMatch(/may have succeeded/);
			expect(error.message).toContain(String(status));
			expect(error.description).toMatch(/not retried/);
			expect(error.description).toMatch(/exists/);
		},
	);

	it('connection dropped after the body was read: a POST is not sent again', async () => {
		server.script([{ destroy: 'afterBody' }, ok]);
		const error = await fail(post('/Contacts'));
		expect(server.received).toHaveLength(1);
		expect(server.received[0].body).toBe(JSON.stringify({ FIRST_NAME: 'Ada' }));
		expect(error.message).toMatch(
			/^The create request may have succeeded: the connection failed \(ECONNRESET\)/,
		);
	});

	it.each(['GET', 'PUT'] as const)(
		'connection dropped after the body was read: %s is sent again',
		async (method) => {
			server.script([{ destroy: 'afterBody' }, ok]);
			const [result] = await run({
				mode: 'request',
				method,
				path: '/Contacts/1',
				body: method === 'PUT' ? { CONTACT_ID: 1 } : undefined,
			});
			expect(result).toMatchObject({ statusCode: 200, attempts: 2 });
			expect(server.received).toHaveLength(2);
		},
	);

	// A reset before the body was read looks the same to the client (ECONNRESET): the layer
	// cannot know the server did nothing, so a POST is treated as possibly processed.
	it('connection dropped before the body was read: GET retried, POST not (indistinguishable from after)', async () => {
		server.script([{ destroy: 'beforeBody' }, ok]);
		expect((await run(get('/Contacts/1')))[0]).toMatchObject({ attempts: 2 });
		server.script([{ destroy: 'beforeBody' }, ok]);
		const error = await fail(post('/Contacts'));
		expect(server.received).toHaveLength(1);
		expect(error.message).toMatch(/may have succeeded/);
	});
});

describe('other 4xx: never retried, a clear message each', () => {
	it.each([
		[
			400,
			{ Message: 'The FIRST_NAME field is required.' },
			/rejected the request as invalid \(400\)\. Insightly said: "The FIRST_NAME field is required\."/,
		],
		[
			401,
			{ Message: 'Authorization has been denied for this request.' },
			/rejected the API key \(401\)/,
		],
		[402, { Message: 'Record limit reached' }, /record or storage limit is reached \(402\)/],
		[
			403,
			{ Message: 'API User does not have access to Record' },
			/denied access to Contact 42 \(403\)/,
		],
		[404, { Message: 'Record not found' }, /^Contact 42 was not found \(404\)/],
		[
			405,
			{ Message: 'The requested resource does not support http method' },
			/does not allow (GET|POST) on \/Contacts\/42 \(405\)/,
		],
		[409, { Message: 'Category is in use' }, /conflict \(409\)/],
		[417, { Message: 'Delete failed' }, /could not complete the operation \(417\)/],
		[422, 'Unprocessable', /Insightly answered 422/],
	])('%i', async (status, body, pattern) => {
		for (const method of ['GET', 'POST'] as const) {
			virtualNow += 1000;
			sleeps = [];
			server.script([{ status, body }, ok]);
			const error = await fail({
				mode: 'request',
				method,
				path: '/Contacts/42',
				record: { typeName: 'Contact', id: 42 },
			});
			expect(server.received).toHaveLength(1);
			expect(sleeps).toEqual([]);
			expect(error.message).toMatch(pattern);
			expect(error.httpCode).toBe(String(status));
		}
	});

	it('401 says where to find the key', async () => {
		server.script([
			{ status: 401, body: { Message: 'Authorization has been denied for this request.' } },
		]);
		const error = await fail(get('/Users/Me'));
		expect(error.description).toMatch(/User Settings → API/);
	});
});

describe('DELETE', () => {
	it('a retried DELETE that meets 404 has succeeded (the first attempt did the work)', async () => {
		server.script([{ status: 500 }, { status: 404, body: { Message: 'Record not found' } }]);
		const [result] = await run({ mode: 'request', method: 'DELETE', path: '/Contacts/8' });
		expect(result).toMatchObject({ statusCode: 202, attempts: 2 });
		expect(server.received.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
	});

	it('same after the connection broke once the request was sent', async () => {
		server.script([{ destroy: 'afterBody' }, { status: 404 }]);
		const [result] = await run({ mode: 'request', method: 'DELETE', path: '/Contacts/8' });
		expect(result).toMatchObject({ statusCode: 202, attempts: 2 });
	});

	it('a first-time 404 is an error that names the record', async () => {
		server.script([{ status: 404, body: { Message: 'Record not found' } }]);
		const error = await fail({
			mode: 'request',
			method: 'DELETE',
			path: '/Contacts/8',
			record: { typeName: 'Contact', id: 8 },
		});
		expect(error.message).toMatch(/^Contact 8 was not found \(404\)/);
	});

	it('a 404 after a refused connection (nothing was sent) is still an error', async () => {
		const port = await closedPort();
		let late: ScriptedServer | undefined;
		onSleep = async () => {
			if (late) return;
			late = await startScriptedServer(port);
			late.script([{ status: 404, body: { Message: 'Record not found' } }]);
		};
		try {
			const error = await fail(
				{
					mode: 'request',
					method: 'DELETE',
					path: '/Contacts/8',
					record: { typeName: 'Contact', id: 8 },
				},
				{ apiUrl: `http://127.0.0.1:${port}` },
			);
			expect(late?.received).toHaveLength(1);
			expect(error.message).toMatch(/^Contact 8 was not found \(404\)/);
		} finally {
			await late?.close();
		}
	});

	it('a 404 after a 429 (which processed nothing) is still an error', async () => {
		server.script([rateLimited('5'), { status: 404 }]);
		const error = await fail({
			mode: 'request',
			method: 'DELETE',
			path: '/Contacts/8',
			record: { typeName: 'Contact', id: 8 },
		});
		expect(server.received).toHaveLength(2);
		expect(error.message).toMatch(/was not found \(404\)/);
	});
});

describe('bounded in tries and total wait', () => {
	it('default settings: 6 attempts, waits growing 250 → 4000 ms, far below the 60 s bound', async () => {
		server.script([], { status: 503 });
		const error = await fail(get('/Contacts'));
		expect(server.received).toHaveLength(6);
		expect(sleeps).toEqual([250, 500, 1000, 2000, 4000]);
		expect(error.message).toMatch(/server error \(503\) \(after 6 attempts\)/);
	});

	it('per-call settings lower the number of tries', async () => {
		server.script([], { status: 502 });
		await fail(get('/Contacts', { retry: { maxAttempts: 2 } }));
		expect(server.received).toHaveLength(2);
	});

	it('per-call settings lower the total wait: it stops before a wait would pass it', async () => {
		server.script([], { status: 429 });
		await fail(get('/Contacts', { retry: { maxTotalWaitMs: 1000 } }));
		// 250 + 500 = 750; the next 1000 would pass 1000.
		expect(sleeps).toEqual([250, 500]);
		expect(server.received).toHaveLength(3);
	});
});

describe('pagination over top/skip', () => {
	/** A list of `total` records served page by page as Insightly does. */
	/** A list of `total` contacts; with `sendTotal`, X-Total-Count answers count_total as Insightly does. */
	const list =
		(total: number, sendTotal = false): Step =>
		(request) => {
			const url = new URL(request.url, 'http://x');
			const top = Number(url.searchParams.get('top'));
			const skip = Number(url.searchParams.get('skip'));
			const ids = Array.from(
				{ length: Math.max(0, Math.min(total, skip + top) - skip) },
				(_, i) => skip + i + 1,
			);
			const headers =
				sendTotal && url.searchParams.get('count_total') === 'true'
					? { 'X-Total-Count': String(total) }
					: undefined;
			return {
				status: 200,
				body: ids.map((id) => ({ CONTACT_ID: id })),
				...(headers ? { headers } : {}),
			};
		};
	const pages = () =>
		server.received.map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));

	it('reads pages of 500 until a short page', async () => {
		server.script([], list(1234));
		const [result] = await run({ mode: 'all', path: '/Contacts', qs: { brief: true } });
		expect(result.count).toBe(1234);
		expect(result.requests).toBe(3);
		expect(pages()).toEqual([
			{ brief: 'true', top: '500', skip: '0', count_total: 'true' },
			{ brief: 'true', top: '500', skip: '500' },
			{ brief: 'true', top: '500', skip: '1000' },
		]);
		expect((result.items as IDataObject[]).map((item) => item.CONTACT_ID)).toEqual(
			Array.from({ length: 1234 }, (_, i) => i + 1),
		);
	});

	it('a list of exactly 1000 without X-Total-Count needs one empty page to know it is over', async () => {
		server.script([], list(1000));
		const [result] = await run({ mode: 'all', path: '/Contacts' });
		expect(result).toMatchObject({ count: 1000, requests: 3 });
	});

	it('with X-Total-Count, exactly 1000 take 2 requests and the last page asks only for what is left', async () => {
		server.script([], list(1000, true));
		const [result] = await run({ mode: 'all', path: '/Contacts' });
		expect(result).toMatchObject({ count: 1000, requests: 2 });
		server.script([], list(1234, true));
		const [partial] = await run({ mode: 'all', path: '/Contacts' });
		expect(partial).toMatchObject({ count: 1234, requests: 3 });
		expect(
			pages()
				.slice(-3)
				.map((page) => [page.skip, page.top, page.count_total]),
		).toEqual([
			['0', '500', 'true'],
			['500', '500', undefined],
			['1000', '234', undefined],
		]);
	});

	it.each([
		[20, [{ top: '20', skip: '0' }]],
		[500, [{ top: '500', skip: '0' }]],
		[
			600,
			[
				{ top: '500', skip: '0', count_total: 'true' },
				{ top: '100', skip: '500' },
			],
		],
	])('limit %i reads only what it needs', async (limit, expected) => {
		server.script([], list(5000));
		const [result] = await run({ mode: 'all', path: '/Contacts', limit });
		expect(result.count).toBe(limit);
		expect(pages()).toEqual(expected);
	});

	it('a limit above the list size stops at the short page', async () => {
		server.script([], list(30));
		const [result] = await run({ mode: 'all', path: '/Contacts', limit: 100 });
		expect(result).toMatchObject({ count: 30, requests: 1 });
	});

	it('a page that fails once is retried and counted', async () => {
		const serve = list(700);
		server.script([serve, { status: 503 }], serve);
		const [result] = await run({ mode: 'all', path: '/Contacts' });
		expect(result).toMatchObject({ count: 700, requests: 3 });
		expect(pages().map((p) => p.skip)).toEqual(['0', '500', '500']);
	});
});

describe('throttle', () => {
	// On virtual time the answers take no time: each request is known to have reached the
	// server when its answer came, so a window needs no jitter allowance beyond the second.
	it('paces 30 requests of one credential at most 10 per second (virtual time)', async () => {
		server.script([], ok);
		await run(get('/Contacts/1'), { items: 30 });
		const times = server.received.map((r) => r.at);
		expect(times).toHaveLength(30);
		// Half an interval of give (a late answer is made up), never a burst.
		for (let i = 1; i < times.length; i++)
			expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(50);
		for (let i = 10; i < times.length; i++)
			expect(times[i] - times[i - 10]).toBeGreaterThanOrEqual(1000);
		for (const start of times)
			expect(times.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(10);
	});

	it('a credential set to 4 requests per second sends at most 4 per second', async () => {
		server.script([], ok);
		await run(get('/Contacts/1'), { items: 9, maxRequestsPerSecond: 4 });
		const times = server.received.map((r) => r.at);
		for (let i = 4; i < times.length; i++)
			expect(times[i] - times[i - 4]).toBeGreaterThanOrEqual(1000);
		for (let i = 1; i < times.length; i++)
			expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(125);
	});
});

describe('the host guard', () => {
	it.each([
		['a loopback URL without the opt-in', () => server.origin, false],
		['a host that is not Insightly', () => 'https://evil.com/v3.1/', true],
		[
			'userinfo pointing elsewhere',
			() => `https://api.na1.insightly.com@127.0.0.1:${server.port}/`,
			true,
		],
		['plain http to Insightly', () => 'http://api.na1.insightly.com/v3.1/', false],
	])('%s: refused before any request leaves', async (_label, apiUrl, allowLocalhost) => {
		server.script([], ok);
		const error = await fail(get('/Users/Me'), { apiUrl: apiUrl(), allowLocalhost });
		expect(server.received).toHaveLength(0);
		expect(error.message).toBe(
			'The API URL in the Insightly credential is not an Insightly API URL',
		);
	});
});

describe('redirects', () => {
	it('are never followed (the key would go along) and are not taken for a result', async () => {
		const elsewhere = await startScriptedServer();
		try {
			elsewhere.script([], ok);
			server.script([
				{
					status: 302,
					headers: { Location: `${elsewhere.origin}/v3.1/Contacts/1` },
					body: 'Found',
				},
			]);
			const error = await fail(get('/Contacts/1'));
			expect(server.received).toHaveLength(1);
			expect(elsewhere.received).toHaveLength(0);
			expect(error.message).toMatch(/Insightly answered 302/);
		} finally {
			await elsewhere.close();
		}
	});
});

describe('secrets', () => {
	it('an error whose server text echoes the key shows it redacted', async () => {
		server.script([
			{ status: 400, body: { Message: `Bad key ${KEY} (Basic ${b64(`${KEY}:`)}, ${b64(KEY)})` } },
		]);
		const error = await fail(post('/Contacts'));
		expect(error.message).toContain('Bad key [redacted] (Basic [redacted], [redacted])');
		server.script([{ status: 500, body: `<html>${KEY}</html>` }]);
		const text = await fail(get('/Contacts', { retry: { maxAttempts: 1 } }));
		expect(text.message).toContain('[redacted]');
	});

	// Last on purpose: every kind of error the cases above threw.
	it('no error of any kind carries the key or its base64 forms, however it is serialized', () => {
		expect(thrown.length).toBeGreaterThan(30);
		for (const error of thrown as Array<Error & { description?: string }>) {
			expectNoSecret(JSON.stringify(error));
			expectNoSecret(String(error.message));
			expectNoSecret(String(error.description));
			expectNoSecret(inspect(error, { depth: 10, showHidden: true }));
			expectNoSecret(String(error.stack));
		}
	});
});
