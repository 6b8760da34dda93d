import { clock } from '../../../nodes/Insightly/transport/clock';
import {
	rateLimitStateFor,
	recordRateLimitHeaders,
} from '../../../nodes/Insightly/transport/rateLimitLedger';

afterEach(() => jest.restoreAllMocks());

describe('rate-limit ledger', () => {
	it('keeps the latest X-RateLimit-Limit / X-RateLimit-Remaining per credential, with when they were seen', () => {
		jest.spyOn(clock, 'now').mockReturnValue(1000);
		recordRateLimitHeaders('ledger-a', {
			'x-ratelimit-limit': '40000',
			'x-ratelimit-remaining': '39999',
		});
		jest.spyOn(clock, 'now').mockReturnValue(2000);
		recordRateLimitHeaders('ledger-a', {
			'x-ratelimit-limit': '40000',
			'x-ratelimit-remaining': '39998',
		});
		recordRateLimitHeaders('ledger-b', {
			'x-ratelimit-limit': '1000',
			'x-ratelimit-remaining': '3',
		});
		expect(rateLimitStateFor('ledger-a')).toEqual({ limit: 40000, remaining: 39998, seenAt: 2000 });
		expect(rateLimitStateFor('ledger-b')).toEqual({ limit: 1000, remaining: 3, seenAt: 2000 });
	});

	it('a response without the headers (or with unreadable ones) leaves the last reading alone', () => {
		jest.spyOn(clock, 'now').mockReturnValue(5000);
		recordRateLimitHeaders('ledger-c', {
			'x-ratelimit-limit': '100000',
			'x-ratelimit-remaining': '12',
		});
		jest.spyOn(clock, 'now').mockReturnValue(9000);
		recordRateLimitHeaders('ledger-c', {});
		recordRateLimitHeaders('ledger-c', { 'x-ratelimit-remaining': '' });
		recordRateLimitHeaders('ledger-c', { 'x-ratelimit-remaining': 'lots' });
		expect(rateLimitStateFor('ledger-c')).toEqual({ limit: 100000, remaining: 12, seenAt: 5000 });
	});

	it('one header updates its value and keeps the other', () => {
		recordRateLimitHeaders('ledger-d', {
			'x-ratelimit-limit': '20000',
			'x-ratelimit-remaining': '500',
		});
		recordRateLimitHeaders('ledger-d', { 'x-ratelimit-remaining': '0' });
		expect(rateLimitStateFor('ledger-d')).toMatchObject({ limit: 20000, remaining: 0 });
	});

	it('an unknown credential has an empty state, and callers get copies', () => {
		expect(rateLimitStateFor('ledger-unknown')).toEqual({});
		recordRateLimitHeaders('ledger-e', { 'x-ratelimit-remaining': '7' });
		const copy = rateLimitStateFor('ledger-e');
		copy.remaining = 9999;
		expect(rateLimitStateFor('ledger-e').remaining).toBe(7);
	});
});
