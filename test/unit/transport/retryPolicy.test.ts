import {
	classifyNetworkError,
	decideRetry,
	DEFAULT_RETRY_SETTINGS,
	isDailyLimitResponse,
	parseRetryAfter,
	type AttemptOutcome,
	type HttpMethod,
	type RetrySettings,
} from '../../../nodes/Insightly/transport/retryPolicy';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const SETTINGS: RetrySettings = {
	maxAttempts: 5,
	maxTotalWaitMs: 10_000,
	baseDelayMs: 100,
	maxDelayMs: 1_000,
};
const METHODS: HttpMethod[] = ['GET', 'PUT', 'DELETE', 'POST'];

const response = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({
	kind: 'response',
	status,
	headers,
});
const network = (code: string): AttemptOutcome => ({
	kind: 'network',
	code,
	sent: classifyNetworkError(code).sent,
});

function decide(
	method: HttpMethod,
	outcome: AttemptOutcome,
	attempt = 1,
	waitedMs = 0,
	random = 0.5,
) {
	return decideRetry(method, outcome, attempt, waitedMs, SETTINGS, () => random, NOW);
}

describe('decideRetry: the request policy table, row by row', () => {
	const retryAnyMethod: Array<[string, AttemptOutcome]> = [
		['429 with X-RateLimit-Remaining > 0', response(429, { 'x-ratelimit-remaining': '57' })],
		['429 without X-RateLimit-Remaining', response(429)],
		['503', response(503)],
		['connection refused', network('ECONNREFUSED')],
		['DNS lookup failed for now (EAI_AGAIN)', network('EAI_AGAIN')],
	];
	for (const [label, outcome] of retryAnyMethod) {
		it.each(METHODS)(`${label}: %s is retried`, (method) => {
			expect(decide(method, outcome)).toEqual({ action: 'retry', delayMs: expect.any(Number) });
		});
	}

	it.each(METHODS)(
		'429 with X-RateLimit-Remaining: 0 (daily limit used up): %s stops',
		(method) => {
			expect(
				decide(
					method,
					response(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '1000' }),
				),
			).toEqual({
				action: 'stop',
				reason: 'dailyLimit',
			});
		},
	);

	const maybeProcessed: Array<[string, AttemptOutcome]> = [
		['500', response(500)],
		['502', response(502)],
		['504', response(504)],
		['reset after sending (ECONNRESET)', network('ECONNRESET')],
		['timeout (ETIMEDOUT)', network('ETIMEDOUT')],
		['timeout (ECONNABORTED)', network('ECONNABORTED')],
		['broken pipe (EPIPE)', network('EPIPE')],
	];
	for (const [label, outcome] of maybeProcessed) {
		it.each(['GET', 'PUT', 'DELETE'] as HttpMethod[])(`${label}: %s is retried`, (method) => {
			expect(decide(method, outcome).action).toBe('retry');
		});
		it(`${label}: POST is not retried (the record may exist)`, () => {
			expect(decide('POST', outcome)).toEqual({ action: 'stop', reason: 'maybeCreated' });
		});
	}

	it.each([400, 401, 402, 403, 404, 405, 409, 410, 417, 422])(
		'%i is not retried, whatever the method',
		(status) => {
			for (const method of METHODS)
				expect(decide(method, response(status))).toEqual({ action: 'stop', reason: 'clientError' });
		},
	);

	it.each([200, 201, 202, 204])('%i is a success', (status) => {
		for (const method of METHODS)
			expect(decide(method, response(status))).toEqual({ action: 'success' });
	});

	it.each([301, 302, 307, 308])(
		'%i (a redirect, not followed) stops: it is not a result',
		(status) => {
			for (const method of METHODS)
				expect(decide(method, response(status))).toEqual({ action: 'stop', reason: 'clientError' });
		},
	);

	it.each(['ENOTFOUND', 'CERT_HAS_EXPIRED', 'EUNKNOWN', ''])(
		'network error %j (a wrong URL or setup) is not retried',
		(code) => {
			for (const method of METHODS)
				expect(decide(method, network(code))).toEqual({ action: 'stop', reason: 'networkFatal' });
		},
	);
});

describe('decideRetry: exponential backoff with full jitter, bounded', () => {
	it('the ceiling doubles per attempt, capped at maxDelayMs; the wait is random * ceiling', () => {
		const ceilings = [1, 2, 3, 4].map((attempt) =>
			decide('GET', response(503), attempt, 0, 0.999999),
		);
		expect(ceilings).toEqual([
			{ action: 'retry', delayMs: 99 },
			{ action: 'retry', delayMs: 199 },
			{ action: 'retry', delayMs: 399 },
			{ action: 'retry', delayMs: 799 },
		]);
		const capped = decideRetry(
			'GET',
			response(503),
			4,
			0,
			{ ...SETTINGS, maxAttempts: 20 },
			() => 0.999999,
			NOW,
		);
		expect(capped).toEqual({ action: 'retry', delayMs: 799 });
		const beyond = decideRetry(
			'GET',
			response(503),
			9,
			0,
			{ ...SETTINGS, maxAttempts: 20 },
			() => 0.999999,
			NOW,
		);
		expect(beyond).toEqual({ action: 'retry', delayMs: 999 });
	});

	it('full jitter: the wait spans [0, ceiling) with the random draw', () => {
		expect(decide('GET', response(503), 3, 0, 0)).toEqual({ action: 'retry', delayMs: 0 });
		expect(decide('GET', response(503), 3, 0, 0.25)).toEqual({ action: 'retry', delayMs: 100 });
	});

	it('stops after maxAttempts attempts in all', () => {
		expect(decide('GET', response(503), SETTINGS.maxAttempts - 1).action).toBe('retry');
		expect(decide('GET', response(503), SETTINGS.maxAttempts)).toEqual({
			action: 'stop',
			reason: 'attemptsExhausted',
		});
	});

	it('stops when the next wait would pass maxTotalWaitMs', () => {
		// attempt 3 at random 0.5 waits 200 ms.
		expect(decide('GET', response(503), 3, SETTINGS.maxTotalWaitMs - 200)).toEqual({
			action: 'retry',
			delayMs: 200,
		});
		expect(decide('GET', response(503), 3, SETTINGS.maxTotalWaitMs - 199)).toEqual({
			action: 'stop',
			reason: 'waitExhausted',
		});
	});

	it('the default settings bound a request to a handful of tries and a minute of waiting', () => {
		expect(DEFAULT_RETRY_SETTINGS.maxAttempts).toBeGreaterThan(1);
		expect(DEFAULT_RETRY_SETTINGS.maxAttempts).toBeLessThanOrEqual(10);
		expect(DEFAULT_RETRY_SETTINGS.maxTotalWaitMs).toBeLessThanOrEqual(120_000);
		let waited = 0;
		let attempt = 1;
		for (; ; attempt++) {
			const decision = decideRetry(
				'GET',
				response(503),
				attempt,
				waited,
				DEFAULT_RETRY_SETTINGS,
				() => 0.999999,
				NOW,
			);
			if (decision.action !== 'retry') break;
			waited += decision.delayMs;
		}
		expect(attempt).toBeLessThanOrEqual(DEFAULT_RETRY_SETTINGS.maxAttempts);
		expect(waited).toBeLessThanOrEqual(DEFAULT_RETRY_SETTINGS.maxTotalWaitMs);
	});
});

describe('decideRetry: Retry-After', () => {
	it('waits at least what Retry-After asks (seconds), above the jitter draw', () => {
		expect(decide('POST', response(429, { 'retry-after': '3' }))).toEqual({
			action: 'retry',
			delayMs: 3000,
		});
		expect(decide('GET', response(503, { 'retry-after': '2' }))).toEqual({
			action: 'retry',
			delayMs: 2000,
		});
	});

	it('an HTTP date counts from now', () => {
		const in4s = new Date(NOW + 4000).toUTCString();
		expect(decide('GET', response(503, { 'retry-after': in4s }))).toEqual({
			action: 'retry',
			delayMs: 4000,
		});
	});

	it('a Retry-After shorter than the backoff draw does not shorten it', () => {
		expect(decide('GET', response(503, { 'retry-after': '0' }), 4, 0, 0.5)).toEqual({
			action: 'retry',
			delayMs: 400,
		});
	});

	it('a Retry-After beyond the total wait bound stops instead of waiting', () => {
		expect(decide('GET', response(429, { 'retry-after': '3600' }))).toEqual({
			action: 'stop',
			reason: 'waitExhausted',
		});
	});

	it('Retry-After does not turn a daily-limit 429 into a retry', () => {
		expect(
			decide('GET', response(429, { 'retry-after': '1', 'x-ratelimit-remaining': '0' })),
		).toEqual({ action: 'stop', reason: 'dailyLimit' });
	});
});

describe('parseRetryAfter', () => {
	it.each([
		['5', 5000],
		['0', 0],
		['1.5', 1500],
		[' 2 ', 2000],
		['-3', 0],
		[new Date(NOW + 10_000).toUTCString(), 10_000],
		[new Date(NOW - 10_000).toUTCString(), 0],
	])('%j -> %i ms', (value, expected) => {
		expect(parseRetryAfter(value, NOW)).toBe(expected);
	});

	it.each([undefined, '', '   ', 'soon'])('%j -> undefined', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('isDailyLimitResponse', () => {
	it.each([
		[429, { 'x-ratelimit-remaining': '0' }, true],
		[429, { 'x-ratelimit-remaining': '1' }, false],
		[429, {}, false],
		// A header that says nothing is as good as no header: retry, do not declare the day over.
		[429, { 'x-ratelimit-remaining': '' }, false],
		[429, { 'x-ratelimit-remaining': ' ' }, false],
		[429, { 'x-ratelimit-remaining': 'unknown' }, false],
		[503, { 'x-ratelimit-remaining': '0' }, false],
		[200, { 'x-ratelimit-remaining': '0' }, false],
	])('%i %j -> %s', (status, headers, expected) => {
		expect(isDailyLimitResponse(status, headers as Record<string, string>)).toBe(expected);
	});
});

describe('classifyNetworkError', () => {
	it.each([
		['ECONNREFUSED', { retryable: true, sent: false }],
		['econnrefused', { retryable: true, sent: false }],
		['EAI_AGAIN', { retryable: true, sent: false }],
		['ECONNRESET', { retryable: true, sent: true }],
		['ETIMEDOUT', { retryable: true, sent: true }],
		['ECONNABORTED', { retryable: true, sent: true }],
		['UND_ERR_SOCKET', { retryable: true, sent: true }],
		['ENOTFOUND', { retryable: false, sent: false }],
		[undefined, { retryable: false, sent: false }],
	])('%s -> %j', (code, expected) => {
		expect(classifyNetworkError(code)).toEqual(expected);
	});
});
