import { NodeApiError } from 'n8n-workflow';

import { attemptsOf, isDailyLimitError } from '../../../nodes/Insightly/trigger/failures';
import { fieldFilterQuery, hasTag, tagMatcher } from '../../../nodes/Insightly/trigger/filters';
import { readState, STATE_VERSION, watchKey } from '../../../nodes/Insightly/trigger/state';

const node = {
	id: '1',
	name: 'Insightly Trigger',
	type: 'insightlyTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

describe('trigger/state', () => {
	const watch = watchKey({ path: 'Contacts', event: 'newRecord' });
	const window = { cursor: 100, floor: 40, seen: { '1': [90, 'abcd1234'] } };
	const budget = { ledger: [[1, 2]], lastPollAt: 5, lastCost: 1 };

	it('reads back what it stored', () => {
		const stored = JSON.parse(
			JSON.stringify({
				version: STATE_VERSION,
				watch,
				window,
				ids: { known: '1', pending: '' },
				budget,
			}),
		);
		expect(readState(stored, watch)).toEqual({
			version: STATE_VERSION,
			watch,
			window,
			ids: { known: '1', pending: '' },
			budget,
		});
	});

	it('starts afresh for another watch or an unreadable window, keeping the budget ledger', () => {
		const stored = { version: STATE_VERSION, watch, window, budget };
		const other = watchKey({ path: 'Contacts', event: 'newRecord', tag: 'VIP' });
		expect(readState(stored, other)).toEqual({ version: STATE_VERSION, watch: other, budget });
		expect(readState({ ...stored, window: { cursor: 'x' } }, watch)).toEqual({
			version: STATE_VERSION,
			watch,
			budget,
		});
		expect(
			readState({ ...stored, window: { ...window, seen: { '1': 'bad' } } }, watch).window,
		).toBeUndefined();
		expect(readState(undefined, watch)).toEqual({
			version: STATE_VERSION,
			watch,
			budget: { ledger: [] },
		});
		expect(
			readState(
				{
					budget: {
						ledger: [
							[1, 'x'],
							[2, 3],
						],
					},
				},
				watch,
			).budget,
		).toEqual({ ledger: [[2, 3]] });
	});

	it('tells watches apart by every setting that changes what is reported', () => {
		const keys = [
			watchKey({ path: 'Contacts', event: 'newRecord' }),
			watchKey({ path: 'Leads', event: 'newRecord' }),
			watchKey({ path: 'Contacts', event: 'updatedRecord' }),
			watchKey({ path: 'Contacts', event: 'newRecord', fieldName: 'A', fieldValue: 'b' }),
			watchKey({ path: 'Contacts', event: 'newRecord', startDate: 1 }),
		];
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('trigger/filters', () => {
	it('matches tags case-insensitively', () => {
		expect(hasTag({ TAGS: [{ TAG_NAME: 'VIP ' }] }, 'vip')).toBe(true);
		expect(hasTag({ TAGS: [{ TAG_NAME: 'Partner' }] }, 'vip')).toBe(false);
		expect(hasTag({}, 'vip')).toBe(false);
		expect(tagMatcher('  ')).toBeUndefined();
		expect(tagMatcher('VIP')?.({ TAGS: [{ TAG_NAME: 'vip' }] })).toBe(true);
	});

	it('builds the Search field filter', () => {
		expect(fieldFilterQuery('LAST_NAME', 'Lovelace')).toEqual({
			field_name: 'LAST_NAME',
			field_value: 'Lovelace',
		});
		expect(fieldFilterQuery(undefined, 'x')).toEqual({});
		expect(fieldFilterQuery('CITY', undefined)).toEqual({ field_name: 'CITY', field_value: '' });
	});
});

describe('trigger/failures', () => {
	const apiError = (status: string, headers: Record<string, string>, attempts = 3) =>
		new NodeApiError(
			node,
			{
				message: 'x',
				httpCode: status,
				response: { status: Number(status), headers },
				request: { attempts },
			},
			{ httpCode: status },
		);

	it('recognises a used-up daily limit only by 429 with X-RateLimit-Remaining: 0', () => {
		expect(isDailyLimitError(apiError('429', { 'x-ratelimit-remaining': '0' }))).toBe(true);
		expect(isDailyLimitError(apiError('429', { 'x-ratelimit-remaining': '5' }))).toBe(false);
		expect(isDailyLimitError(apiError('429', { 'x-ratelimit-remaining': '' }))).toBe(false);
		expect(isDailyLimitError(apiError('500', { 'x-ratelimit-remaining': '0' }))).toBe(false);
		expect(isDailyLimitError(new Error('boom'))).toBe(false);
	});

	it('reads the attempts a failed request made', () => {
		expect(attemptsOf(apiError('500', {}, 6))).toBe(6);
		expect(attemptsOf(new Error('boom'))).toBe(1);
	});
});
