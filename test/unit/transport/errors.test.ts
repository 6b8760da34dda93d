import { inspect } from 'util';

import type { INode } from 'n8n-workflow';

import {
	buildApiError,
	describeFailure,
	isDailyLimitMessage,
	keptHeaders,
	MAX_SERVER_TEXT,
	redact,
	secretsOf,
	serverText,
	type FailureContext,
} from '../../../nodes/Insightly/transport/errors';

const node: INode = {
	id: 'n',
	name: 'Insightly',
	type: 'n8n-nodes-insightly.insightly',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const base: FailureContext = {
	method: 'GET',
	path: '/Contacts/42',
	reason: 'clientError',
	attempts: 1,
	headers: {},
};
const failure = (overrides: Partial<FailureContext>) => describeFailure({ ...base, ...overrides });

describe('describeFailure: one clear message per status', () => {
	it("400 shows Insightly's Message", () => {
		const { message } = failure({ status: 400, serverMessage: 'FIRST_NAME is required' });
		expect(message).toContain('(400)');
		expect(message).toContain('Insightly said: "FIRST_NAME is required"');
	});

	it('401 says where to find the key', () => {
		const { message, description } = failure({ status: 401 });
		expect(message).toMatch(/API key.*401/);
		expect(description).toMatch(/User Settings → API/);
	});

	it('402 names the plan limit', () => {
		expect(failure({ status: 402 }).message).toMatch(/limit.*\(402\)/);
	});

	it('403 names the record and the permission problem', () => {
		const { message, description } = failure({
			status: 403,
			record: { typeName: 'Opportunity', id: 7 },
		});
		expect(message).toContain('Opportunity 7');
		expect(message).toContain('(403)');
		expect(description).toMatch(/permission/);
	});

	it('404 names the record type and id', () => {
		const { message, description } = failure({
			status: 404,
			record: { typeName: 'Contact', id: 42 },
		});
		expect(message).toBe('Contact 42 was not found (404).');
		expect(description).toContain('GET /Contacts/42');
		expect(failure({ status: 404, record: { typeName: 'Contact' } }).message).toBe(
			'Contact was not found (404).',
		);
		expect(failure({ status: 404 }).message).toBe('The record was not found (404).');
	});

	it('405 names the method and the path', () => {
		expect(failure({ status: 405, method: 'PUT', path: '/Products' }).message).toBe(
			'Insightly does not allow PUT on /Products (405).',
		);
	});

	it.each([
		[409, /conflict \(409\)/],
		[417, /could not complete the operation \(417\)/],
		[429, /too many requests.*\(429\) \(after 6 attempts\)/],
		[500, /server error \(500\) \(after 6 attempts\)/],
		[502, /server error \(502\)/],
		[503, /server error \(503\)/],
		[504, /server error \(504\)/],
		[418, /Insightly answered 418/],
	])('%i -> %s', (status, pattern) => {
		expect(
			failure({
				status,
				attempts: 6,
				reason:
					status === 418 || status === 409 || status === 417 ? 'clientError' : 'attemptsExhausted',
			}).message,
		).toMatch(pattern);
	});

	it('the daily limit says so, with the limit, the likely reset and how to use fewer requests', () => {
		const { message, description } = failure({
			status: 429,
			reason: 'dailyLimit',
			dailyLimit: 40000,
		});
		expect(message).toMatch(/daily API limit is used up/);
		expect(message).toContain('40,000 requests');
		expect(description).toMatch(/resets within 24 hours/);
		// Insightly does not say when: no time is invented
		expect(description).not.toMatch(/midnight|UTC|\d{1,2}:\d{2}/);
		expect(description).toMatch(/Nothing was retried/);
		expect(description).toMatch(/Limit instead of Return All/);
		expect(failure({ status: 429, reason: 'dailyLimit' }).message).toMatch(
			/daily API limit is used up/,
		);
	});

	it('a 429 whose Message names the daily limit is the daily limit, without X-RateLimit-Remaining: 0', () => {
		const { message, description } = failure({
			status: 429,
			reason: 'attemptsExhausted',
			attempts: 6,
			serverMessage: 'API daily request limit exceeded for this instance.',
			headers: { 'x-ratelimit-remaining': '250' },
		});
		expect(message).toMatch(/daily API limit is used up/);
		expect(description).toMatch(/resets within 24 hours/);
		expect(description).not.toMatch(/Nothing was retried/);
		expect(description).toContain('API daily request limit exceeded for this instance.');
		// the per-second limit keeps its own message
		expect(
			failure({
				status: 429,
				reason: 'attemptsExhausted',
				attempts: 6,
				serverMessage: 'Too many requests: at most 10 per second.',
			}).message,
		).toMatch(/too many requests/);
	});

	it.each([
		['API daily request limit exceeded for this instance.', true],
		['Daily API limit reached', true],
		['You have exceeded your API quota', true],
		['Limit of 1000 requests per day exceeded', true],
		['Rate limit exceeded: 24-hour allowance used up', true],
		['Too many requests: at most 10 per second.', false],
		['Rate limit exceeded', false],
		['', false],
	])('isDailyLimitMessage(%j) is %s', (message, expected) => {
		expect(isDailyLimitMessage(message)).toBe(expected);
	});
	it('isDailyLimitMessage(undefined) is false', () =>
		expect(isDailyLimitMessage(undefined)).toBe(false));

	it('a POST that may have been processed says the record may exist and was not retried', () => {
		const byStatus = failure({
			method: 'POST',
			path: '/Contacts',
			status: 500,
			reason: 'maybeCreated',
		});
		expect(byStatus.message).toMatch(/may have succeeded.*500/);
		expect(byStatus.description).toMatch(/not retried/);
		expect(byStatus.description).toMatch(/duplicate/);
		const byReset = failure({
			method: 'POST',
			path: '/Contacts',
			networkCode: 'ECONNRESET',
			reason: 'maybeCreated',
		});
		expect(byReset.message).toMatch(/may have succeeded.*ECONNRESET/);
	});

	it('an unreachable host points at the API URL', () => {
		const { message, description } = failure({ networkCode: 'ENOTFOUND', reason: 'networkFatal' });
		expect(message).toMatch(/Could not reach Insightly \(ENOTFOUND\)/);
		expect(description).toMatch(/API URL/);
	});
});

describe('buildApiError', () => {
	it('is a NodeApiError with our message, description, status and item index', () => {
		const error = buildApiError(node, {
			...base,
			status: 404,
			record: { typeName: 'Contact', id: 42 },
			itemIndex: 3,
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Contact 42 was not found (404).');
		expect(error.description).toContain('GET /Contacts/42');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(3);
	});

	// n8n replaces messages that mention ECONNRESET, ECONNREFUSED, ETIMEDOUT... with its own
	// generic text ("You can retry the request immediately"), which would hide "may exist".
	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'])(
		'keeps "may have succeeded" for a POST broken by %s',
		(networkCode) => {
			const error = buildApiError(node, {
				...base,
				method: 'POST',
				path: '/Contacts',
				networkCode,
				reason: 'maybeCreated',
			});
			expect(error.message).toMatch(/^The create request may have succeeded/);
		},
	);

	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
		'keeps "Could not reach Insightly" for %s',
		(networkCode) => {
			const error = buildApiError(node, {
				...base,
				networkCode,
				reason: 'networkFatal',
				attempts: 3,
			});
			expect(error.message).toBe(`Could not reach Insightly (${networkCode}) (after 3 attempts)`);
		},
	);

	it("keeps only harmless response headers (Retry-After for n8n's back-off, the rate-limit pair)", () => {
		const headers = {
			'retry-after': '2',
			'x-ratelimit-limit': '1000',
			'x-ratelimit-remaining': '0',
			'set-cookie': 'session=abc',
			authorization: 'Basic c2VjcmV0Og==',
			'www-authenticate': 'Basic realm="x"',
		};
		expect(keptHeaders(headers)).toEqual({
			'retry-after': '2',
			'x-ratelimit-limit': '1000',
			'x-ratelimit-remaining': '0',
		});
		const error = buildApiError(node, { ...base, status: 429, reason: 'dailyLimit', headers });
		const serialized = JSON.stringify(error) + inspect(error, { depth: 10 });
		expect(serialized).not.toContain('c2VjcmV0Og==');
		expect(serialized).not.toContain('session=abc');
		expect(serialized).toContain('x-ratelimit-remaining');
	});
});

describe('redact', () => {
	it('removes every occurrence of every secret', () => {
		expect(redact('key k3y and k3y, b64 azN5Og==', ['k3y', 'azN5Og=='])).toBe(
			'key [redacted] and [redacted], b64 [redacted]',
		);
	});

	it('ignores empty secrets instead of splitting the text apart', () => {
		expect(redact('nothing secret', ['', 'absent'])).toBe('nothing secret');
	});
});

describe('serverText: redact first, then cap', () => {
	const key = '0f3c9a1e-7b2d-4c55-9e8a-1234567890ab';

	it('a key that straddles the cap leaves no part of itself', () => {
		const text = `${'x'.repeat(MAX_SERVER_TEXT - 20)} key=${key} ${'y'.repeat(100)}`;
		const shown = serverText(text, secretsOf(key));
		expect(shown.length).toBeLessThanOrEqual(MAX_SERVER_TEXT + 1);
		for (let length = 8; length <= key.length; length++)
			expect(shown).not.toContain(key.slice(0, length));
	});

	it('caps any length, the base64 Basic form redacted too', () => {
		const huge = `${Buffer.from(`${key}:`).toString('base64')} ${'m'.repeat(5_000_000)}`;
		const shown = serverText(huge, secretsOf(key));
		expect(shown.length).toBe(MAX_SERVER_TEXT + 1);
		expect(shown.startsWith('[redacted] mmm')).toBe(true);
	});
});

describe('404 on a collection', () => {
	it('says the plan or instance may not include the object, not "check the ID"', () => {
		const { message, description } = failure({
			status: 404,
			path: '/Product',
			method: 'GET',
			reason: 'clientError',
		});
		expect(message).toMatch(
			/Insightly has no Product here \(404\): this plan or instance may not include Product/,
		);
		expect(description).toMatch(/Enterprise plan/);
		expect(failure({ status: 404, path: '/Product/12', reason: 'clientError' }).message).toMatch(
			/was not found \(404\)/,
		);
	});
});
