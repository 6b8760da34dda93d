import { NodeApiError } from 'n8n-workflow';

import { attemptsOf, isDailyLimitError } from '../../../nodes/Insightly/trigger/failures';
import { fieldFilterQuery, hasTag, tagMatcher } from '../../../nodes/Insightly/trigger/filters';
import {
	loadState,
	readState,
	STATE_VERSION,
	watchKey,
} from '../../../nodes/Insightly/trigger/state';

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
				ids: { known: '1', high: 1 },
				budget,
			}),
		);
		expect(readState(stored, watch)).toEqual({
			version: STATE_VERSION,
			watch,
			window,
			ids: { known: '1', high: 1 },
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
		// an unreadable memory entry costs that entry, not the window
		expect(
			readState({ ...stored, window: { ...window, seen: { '1': 'bad' } } }, watch).window,
		).toEqual({ ...window, seen: {} });
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

	describe('validated on load: a corrupt or out-of-range part is reset and reported', () => {
		const NOW = Date.UTC(2025, 2, 10, 9, 0, 0);
		const T = NOW / 1000;
		const MIN = 60_000;
		const good = {
			version: STATE_VERSION,
			watch,
			window: { cursor: T - 30, floor: T - 90, seen: { '1': [T - 30, 'abcd1234'] } },
			ids: { known: '2s+2', high: 102, recheckAt: NOW + 60_000 },
			budget: {
				ledger: [[Math.floor((NOW - 5 * MIN) / (10 * MIN)), 2]],
				lastPollAt: NOW - 5 * MIN,
				lastCost: 1,
			},
		};
		const load = (change: (state: typeof good & Record<string, unknown>) => void) => {
			const raw = structuredClone(good) as typeof good & Record<string, unknown>;
			change(raw);
			return loadState(raw, watch, { nowMs: NOW });
		};

		it('a valid state loads as stored, with nothing to report', () => {
			const { state, problems } = loadState(structuredClone(good), watch, { nowMs: NOW });
			expect(problems).toEqual([]);
			expect(state).toEqual(good);
		});

		it("ids.known = '1,!!': the id lists are reset (the next listing is the reference)", () => {
			const { state, problems } = load((raw) => (raw.ids.known = '1,!!'));
			expect(state.ids).toBeUndefined();
			expect(state.window).toEqual(good.window);
			expect(problems).toEqual([expect.stringMatching(/saved list of ids.*is unreadable/)]);
			expect(
				load((raw) => ((raw.ids as Record<string, unknown>).pending = 'zz,-1')).state.ids,
			).toBeUndefined();
			expect(load((raw) => (raw.ids = { known: 5 } as never)).problems).toHaveLength(1);
		});

		it('a floor of 1e13 (or above the cursor): the floor is reset to the cursor', () => {
			const { state, problems } = load((raw) => (raw.window.floor = 1e13));
			expect(state.window).toEqual({ ...good.window, floor: T - 30 });
			expect(problems).toEqual([expect.stringMatching(/saved window.*floor.*out of range/)]);
			expect(load((raw) => (raw.window.floor = T)).state.window?.floor).toBe(T - 30);
			expect(load((raw) => (raw.window.floor = Number.NaN)).state.window?.floor).toBe(T - 30);
		});

		it('a cursor out of range: the cursor is reset to the floor; both: the window starts afresh', () => {
			const { state, problems } = load((raw) => (raw.window.cursor = 1e13));
			expect(state.window).toEqual({ ...good.window, cursor: T - 90 });
			expect(problems).toEqual([expect.stringMatching(/saved window.*cursor.*out of range/)]);
			const both = load((raw) => Object.assign(raw.window, { cursor: -1e13, floor: 'x' }));
			expect(both.state.window).toBeUndefined();
			expect(both.problems).toEqual([expect.stringMatching(/saved window.*starting again/)]);
			// a start date in the future is a cursor the user chose, not corruption
			const start = T + 30 * 86400;
			const chosen = loadState(
				{ ...structuredClone(good), window: { cursor: start, floor: start, seen: {} } },
				watch,
				{ nowMs: NOW, startSeconds: start },
			);
			expect(chosen.problems).toEqual([]);
			expect(chosen.state.window?.cursor).toBe(start);
		});

		it('a pending floor out of range is dropped; an unreadable memory entry is dropped', () => {
			const pending = load((raw) => Object.assign(raw.window, { pendingFloor: 1e13 }));
			expect(pending.state.window).toEqual(good.window);
			expect(pending.problems).toHaveLength(1);
			const entry = load((raw) =>
				Object.assign(raw.window.seen, { '2': [T, 7], '3': 'x', '4': [T - 1, 'ffff0000'] }),
			);
			expect(entry.state.window?.seen).toEqual({ ...good.window.seen, '4': [T - 1, 'ffff0000'] });
			expect(entry.problems).toEqual([expect.stringMatching(/2 unreadable entries/)]);
			// a record dated far ahead (2099) is a legitimate memory entry
			const future = Date.UTC(2099, 0, 1) / 1000;
			expect(
				load((raw) => Object.assign(raw.window.seen, { '5': [future, 'abcd0000'] })).problems,
			).toEqual([]);
		});

		it('pausedUntil in 2100: the pause is dropped (the trigger polls, and pauses again if need be)', () => {
			const { state, problems } = load(
				(raw) => ((raw.budget as Record<string, unknown>).pausedUntil = Date.UTC(2100, 0, 1)),
			);
			expect(state.budget.pausedUntil).toBeUndefined();
			expect(state.budget.ledger).toEqual(good.budget.ledger);
			expect(problems).toEqual([
				expect.stringMatching(/pause until 2100-01-01 00:00:00 UTC .* out of range/),
			]);
			// a pause of the earlier version (until the next midnight UTC) becomes an hourly check
			const midnight = load(
				(raw) => ((raw.budget as Record<string, unknown>).pausedUntil = Date.UTC(2025, 2, 11)),
			);
			expect(midnight.problems).toEqual([]);
			expect(midnight.state.budget.pausedUntil).toBe(NOW + 60 * MIN);
		});

		it('a ledger bucket in the future (a clock jump): the bucket is dropped', () => {
			const future = Math.floor((NOW + 48 * 60 * MIN) / (10 * MIN));
			const { state, problems } = load((raw) => raw.budget.ledger.push([future, 5000]));
			expect(state.budget.ledger).toEqual(good.budget.ledger);
			expect(problems).toEqual([expect.stringMatching(/request ledger.*in the future/)]);
			const negative = load((raw) => raw.budget.ledger.push([future - 300, -4]));
			expect(negative.state.budget.ledger).toEqual(good.budget.ledger);
			expect(negative.problems).toHaveLength(1);
		});

		it('a last poll in the future or an absurd last cost: reset, so spacing cannot stall the trigger', () => {
			const later = load((raw) => (raw.budget.lastPollAt = NOW + 30 * 86400_000));
			expect(later.state.budget.lastPollAt).toBeUndefined();
			expect(later.problems).toEqual([expect.stringMatching(/last poll.*in the future/)]);
			const cost = load((raw) => (raw.budget.lastCost = 1e12));
			expect(cost.state.budget.lastCost).toBeUndefined();
			expect(cost.problems).toHaveLength(1);
		});

		it('an id list of version 2 (last listing + held-back ids) is read as one set, and a safety re-check starts', () => {
			const old = { ...structuredClone(good), version: 2, ids: { known: '2s,1,1', pending: '2w' } };
			const { state, problems } = loadState(old, watch, { nowMs: NOW });
			expect(problems).toEqual([]);
			expect(state.ids).toEqual({
				known: '2s+2,2',
				high: 104,
				sweep: { kind: 'recheck' },
				recheckAt: 0,
			});
		});

		it('an id list with an id above its greatest, or a listing under way that does not read, is reset', () => {
			expect(load((raw) => (raw.ids.high = 101)).state.ids).toBeUndefined();
			expect(
				load((raw) => Object.assign(raw.ids, { sweep: { kind: 'seed', next: -4 } })).problems,
			).toEqual([expect.stringMatching(/saved list of ids.*is unreadable/)]);
			expect(
				load((raw) => Object.assign(raw.ids, { sweep: { kind: 'seed', next: 500 } })).state.ids
					?.sweep,
			).toEqual({ kind: 'seed', next: 500 });
		});

		it('a state of version 1 loads with its fingerprints forgotten (computed otherwise then): a re-read is not a change', () => {
			const { state, problems } = loadState({ ...structuredClone(good), version: 1 }, watch, {
				nowMs: NOW,
			});
			expect(problems).toEqual([]);
			expect(state.version).toBe(STATE_VERSION);
			expect(state.window?.seen).toEqual({ '1': [T - 30, ''] });
			expect(state.ids).toEqual(good.ids);
			expect(loadState({ ...good, version: 99 }, watch, { nowMs: NOW }).problems).toEqual([
				expect.stringMatching(/version 99/),
			]);
		});

		it('a state that is not an object at all starts afresh, reported', () => {
			const { state, problems } = loadState('garbage', watch, { nowMs: NOW });
			expect(state).toEqual({ version: STATE_VERSION, watch, budget: { ledger: [] } });
			expect(problems).toHaveLength(1);
			expect(loadState(undefined, watch, { nowMs: NOW }).problems).toEqual([]);
		});
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

	it("recognises a used-up daily limit by a 429's Message too, whatever X-RateLimit-Remaining says", () => {
		const withMessage = (message: string, headers: Record<string, string> = {}) =>
			new NodeApiError(
				node,
				{
					message: 'x',
					httpCode: '429',
					serverMessage: message,
					response: { status: 429, headers },
					request: { attempts: 6 },
				},
				{ httpCode: '429' },
			);
		expect(
			isDailyLimitError(withMessage('API daily request limit exceeded for this instance.')),
		).toBe(true);
		expect(
			isDailyLimitError(
				withMessage('You have reached your daily API limit', { 'x-ratelimit-remaining': '12' }),
			),
		).toBe(true);
		expect(isDailyLimitError(withMessage('Too many requests: at most 10 per second.'))).toBe(false);
	});

	it('recognises a used-up daily limit by 429 with X-RateLimit-Remaining: 0', () => {
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
