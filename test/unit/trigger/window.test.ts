import type { IDataObject } from 'n8n-workflow';

import { formatRecordTimestamp } from '../../../nodes/Insightly/trigger/time';
import {
	FUTURE_ALLOWANCE_SECONDS,
	initialWindowState,
	newestRecord,
	processWindow,
	type RecordEvent,
	type WindowOptions,
	type WindowState,
} from '../../../nodes/Insightly/trigger/window';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0) / 1000;
const ts = (seconds: number) => formatRecordTimestamp(seconds);

function contact(id: number, created: number, updated: number, name = `n${id}`): IDataObject {
	return {
		CONTACT_ID: id,
		FIRST_NAME: name,
		DATE_CREATED_UTC: ts(created),
		DATE_UPDATED_UTC: ts(updated),
	};
}

function options(event: RecordEvent, extra: Partial<WindowOptions> = {}): WindowOptions {
	return {
		event,
		idField: 'CONTACT_ID',
		overlapSeconds: 60,
		maxEntries: 20000,
		pagesRead: 1,
		...extra,
	};
}

/** The query the node sends: updated strictly after the floor, in id order. */
function query(records: IDataObject[], state: WindowState): IDataObject[] {
	return records
		.filter(
			(r) => Date.parse(`${String(r.DATE_UPDATED_UTC).replace(' ', 'T')}Z`) / 1000 > state.floor,
		)
		.sort((a, b) => Number(a.CONTACT_ID) - Number(b.CONTACT_ID));
}

const ids = (events: IDataObject[]) => events.map((e) => e.CONTACT_ID);

describe('trigger/window', () => {
	it("seeds from n8n's now − overlap − a margin for a clock ahead of Insightly's (cursor included), or from the start date", () => {
		// the cursor is Insightly's time: n8n's clock can only give a lower bound for it
		expect(initialWindowState(T0, 60)).toEqual({
			cursor: T0 - 60 - 15 * 60,
			floor: T0 - 60 - 15 * 60,
			seen: {},
		});
		expect(initialWindowState(T0, 60, T0 - 3600)).toEqual({
			cursor: T0 - 3600,
			floor: T0 - 3600,
			seen: {},
		});
	});

	it('emits each version once and moves the cursor to the greatest timestamp read', () => {
		const state = initialWindowState(T0, 60);
		const records = [contact(1, T0 - 500, T0 + 5), contact(2, T0 + 3, T0 + 3)];
		const first = processWindow(state, records, options('newOrUpdatedRecord'));
		expect(ids(first.events)).toEqual([2, 1]); // oldest change first
		expect(first.next.cursor).toBe(T0 + 5);
		expect(first.next.floor).toBe(T0 + 5 - 60);
		const again = processWindow(
			first.next,
			query(records, first.next),
			options('newOrUpdatedRecord'),
		);
		expect(again.events).toEqual([]);
		expect(again.repeats).toBe(2);
		expect(again.next).toEqual(first.next);
	});

	it('tells a second update in the same second from a re-read by content', () => {
		const state = initialWindowState(T0, 60);
		const v1 = contact(1, T0 - 5000, T0 + 1, 'Ada');
		const first = processWindow(state, [v1], options('updatedRecord'));
		expect(first.events).toEqual([v1]);
		const v2 = contact(1, T0 - 5000, T0 + 1, 'Ada L.');
		const second = processWindow(first.next, [v2], options('updatedRecord'));
		expect(second.events).toEqual([v2]);
		expect(processWindow(second.next, [v2], options('updatedRecord')).events).toEqual([]);
		// content back to the first version within the same second is a change again
		expect(processWindow(second.next, [v1], options('updatedRecord')).events).toEqual([v1]);
	});

	it('drops stale reads (older than the version remembered)', () => {
		const first = processWindow(
			initialWindowState(T0, 60),
			[contact(1, T0 - 500, T0 + 9)],
			options('updatedRecord'),
		);
		expect(
			processWindow(first.next, [contact(1, T0 - 500, T0 + 8, 'old')], options('updatedRecord'))
				.events,
		).toEqual([]);
	});

	describe('new versus existing', () => {
		const previous = processWindow(
			initialWindowState(T0, 60),
			[contact(1, T0 - 900, T0 - 10)],
			options('newOrUpdatedRecord'),
		).next;
		const createdAndUpdated = contact(2, T0 + 20, T0 + 40); // created and updated between polls
		const existingUpdated = contact(1, T0 - 900, T0 + 30);
		const reads = [existingUpdated, createdAndUpdated];

		it.each<[RecordEvent, number[]]>([
			['newRecord', [2]],
			['updatedRecord', [1]],
			['newOrUpdatedRecord', [1, 2]],
		])('%s emits %j', (event, expected) => {
			expect(ids(processWindow(previous, reads, options(event)).events)).toEqual(expected);
		});

		it('reports a new record once, even when it is updated at later polls', () => {
			const first = processWindow(previous, reads, options('newRecord'));
			const later = processWindow(first.next, [contact(2, T0 + 20, T0 + 70)], options('newRecord'));
			expect(later.events).toEqual([]);
			const updated = processWindow(
				first.next,
				[contact(2, T0 + 20, T0 + 70)],
				options('updatedRecord'),
			);
			expect(ids(updated.events)).toEqual([2]);
		});

		it('counts a record created in the cursor second but read after the poll as new', () => {
			const cursorSecond = previous.cursor; // T0 − 10
			const lateSameSecond = contact(3, cursorSecond, cursorSecond);
			expect(ids(processWindow(previous, [lateSameSecond], options('newRecord')).events)).toEqual([
				3,
			]);
			expect(processWindow(previous, [lateSameSecond], options('updatedRecord')).events).toEqual(
				[],
			);
		});

		it('counts records seen when seeding as existing', () => {
			const seeded = processWindow(
				initialWindowState(T0, 60),
				[contact(4, T0 - 30, T0 - 30)],
				options('newRecord'),
			);
			const update = contact(4, T0 - 30, T0 + 10);
			expect(processWindow(seeded.next, [update], options('newRecord')).events).toEqual([]);
			expect(processWindow(seeded.next, [update], options('updatedRecord')).events).toEqual([
				update,
			]);
		});

		it('with a start date, records created after it are new and older ones updated', () => {
			const start = initialWindowState(T0, 60, T0 - 3600);
			const older = contact(5, T0 - 7200, T0 - 100);
			const newer = contact(6, T0 - 1800, T0 - 1700);
			expect(ids(processWindow(start, [older, newer], options('newRecord')).events)).toEqual([6]);
			expect(ids(processWindow(start, [older, newer], options('updatedRecord')).events)).toEqual([
				5,
			]);
		});
	});

	it('remembers records that fail the filter, and emits them once they match', () => {
		const state = initialWindowState(T0, 60);
		const isVip = (r: IDataObject) => r.FIRST_NAME === 'VIP';
		const plain = contact(1, T0 - 900, T0 + 1, 'plain');
		const first = processWindow(state, [plain], options('updatedRecord', { matches: isVip }));
		expect(first.events).toEqual([]);
		expect(first.next.seen['1']).toBeDefined();
		expect(first.next.cursor).toBe(T0 + 1);
		const vip = contact(1, T0 - 900, T0 + 2, 'VIP');
		expect(
			processWindow(first.next, [plain, vip], options('updatedRecord', { matches: isVip })).events,
		).toEqual([vip]);
	});

	it('ignores records without id or timestamp and records at or below the floor', () => {
		const state = initialWindowState(T0, 60);
		const records: IDataObject[] = [
			{ FIRST_NAME: 'no id', DATE_UPDATED_UTC: ts(T0 + 1) },
			{ CONTACT_ID: 7, DATE_UPDATED_UTC: '0000-00-00 00:00:00' },
			contact(8, T0 - 2000, T0 - 2000),
		];
		const result = processWindow(state, records, options('newOrUpdatedRecord'));
		expect(result.events).toEqual([]);
		expect(result.next).toEqual(state);
	});

	it('never moves the floor back, even when the overlap grows', () => {
		const first = processWindow(
			initialWindowState(T0, 60),
			[contact(1, T0, T0 + 100)],
			options('newOrUpdatedRecord'),
		);
		const wider = processWindow(
			first.next,
			[],
			options('newOrUpdatedRecord', { overlapSeconds: 3600 }),
		);
		expect(wider.next.floor).toBe(first.next.floor);
	});

	it('keeps the floor one more poll after a read of several pages, without re-emitting', () => {
		const state = initialWindowState(T0, 60);
		const many = Array.from({ length: 5 }, (_, i) => contact(i + 1, T0 - 5000, T0 + 100 + i));
		const first = processWindow(state, many, options('updatedRecord', { pagesRead: 3 }));
		expect(first.events).toHaveLength(5);
		expect(first.next.floor).toBe(state.floor);
		expect(first.next.pendingFloor).toBe(T0 + 104 - 60);
		// a record that a deletion hid at a page boundary is found by the second look
		const hidden = contact(99, T0 - 5000, T0 + 50);
		const second = processWindow(
			first.next,
			[...many, hidden],
			options('updatedRecord', { pagesRead: 3 }),
		);
		expect(ids(second.events)).toEqual([99]);
		expect(second.next.floor).toBe(T0 + 104 - 60);
		const third = processWindow(
			second.next,
			query([...many, hidden], second.next),
			options('updatedRecord'),
		);
		expect(third.events).toEqual([]);
		expect(third.next.floor).toBe(T0 + 104 - 60);
		expect(third.next.pendingFloor).toBeUndefined();
	});

	it("lets the floor catch up with the cursor once the overlap has passed on n8n's clock, never beyond it", () => {
		const burst = [contact(1, T0 - 900, T0 + 5), contact(2, T0 - 900, T0 + 10)];
		const first = processWindow(
			initialWindowState(T0, 60),
			burst,
			options('updatedRecord', { nowSeconds: T0 + 20 }),
		);
		expect(first.next.floor).toBe(T0 - 40); // the burst is still inside the overlap
		const idle = processWindow(
			first.next,
			burst,
			options('updatedRecord', { nowSeconds: T0 + 200 }),
		);
		expect(idle.events).toEqual([]);
		expect(idle.next.floor).toBe(T0 + 10); // the cursor, not now − overlap
		expect(idle.next.seen).toEqual({});
		// an n8n clock far ahead cannot lift the floor past what Insightly has shown
		const skewed = processWindow(
			first.next,
			[],
			options('updatedRecord', { nowSeconds: T0 + 99999 }),
		);
		expect(skewed.next.floor).toBe(T0 + 10);
		const late = contact(3, T0 - 900, T0 + 11);
		expect(processWindow(skewed.next, [late], options('updatedRecord')).events).toEqual([late]);
	});

	describe("Insightly's clock", () => {
		const allowance = FUTURE_ALLOWANCE_SECONDS;

		it("a timestamp beyond Insightly's now + the allowance is reported once but never moves the cursor", () => {
			const seeded = processWindow(
				initialWindowState(T0, 60),
				[contact(1, T0 - 900, T0 - 10)],
				options('newOrUpdatedRecord', { nowSeconds: T0 }),
			).next;
			const year2099 = Date.UTC(2099, 0, 1) / 1000;
			const future = contact(2, T0 - 5, year2099);
			const slightlyAhead = contact(3, T0 + 1, T0 + allowance); // within the allowance
			const first = processWindow(
				seeded,
				[future, slightlyAhead],
				options('newOrUpdatedRecord', { nowSeconds: T0 + 1 }),
			);
			expect(ids(first.events)).toEqual([3, 2]);
			expect(first.future).toEqual([{ id: '2', updated: year2099 }]);
			expect(first.next.cursor).toBe(T0 + allowance);
			// read again and again: no event, no warning, and later changes still come through
			let state = first.next;
			for (let poll = 1; poll <= 5; poll++) {
				const now = T0 + allowance + poll * 60;
				const fresh = contact(10 + poll, now - 30, now - 30);
				const again = processWindow(
					state,
					query([future, slightlyAhead, fresh], state),
					options('newOrUpdatedRecord', { nowSeconds: now }),
				);
				expect(ids(again.events)).toEqual([10 + poll]);
				expect(again.future).toEqual([]);
				expect(again.next.cursor).toBe(now - 30);
				state = again.next;
			}
			// an edit brings the record back to now: an older timestamp than the one remembered,
			// but not a stale read
			const at = T0 + allowance + 6 * 60;
			const fixed = { ...contact(2, T0 - 5, at), FIRST_NAME: 'fixed' };
			expect(
				processWindow(state, [fixed], options('newOrUpdatedRecord', { nowSeconds: at + 1 })).events,
			).toEqual([fixed]);
		});

		it("the floor never passes Insightly's now − overlap, even with a timestamp a little ahead of it", () => {
			// one of Insightly's servers stamps 3 minutes ahead; another stamps a change right after
			const ahead = contact(1, T0 - 900, T0 + 180);
			const first = processWindow(
				initialWindowState(T0, 60),
				[ahead],
				options('newOrUpdatedRecord', { nowSeconds: T0 }),
			);
			expect(first.next.cursor).toBe(T0 + 180);
			expect(first.next.floor).toBeLessThanOrEqual(T0 - 60);
			const behind = contact(2, T0 + 30, T0 + 30);
			expect(
				ids(
					processWindow(
						first.next,
						query([ahead, behind], first.next),
						options('newOrUpdatedRecord', { nowSeconds: T0 + 31 }),
					).events,
				),
			).toEqual([2]);
		});

		it("records read again move the cursor once they are no longer ahead of Insightly's now", () => {
			const ahead = contact(1, T0 - 900, T0 + 2 * allowance);
			const first = processWindow(
				initialWindowState(T0, 60),
				[ahead],
				options('newOrUpdatedRecord', { nowSeconds: T0 }),
			);
			expect(first.next.cursor).toBe(T0 - 960);
			const later = processWindow(
				first.next,
				[ahead],
				options('newOrUpdatedRecord', { nowSeconds: T0 + 3 * allowance }),
			);
			expect(later.next.cursor).toBe(T0 + 2 * allowance);
			expect(later.next.floor).toBe(T0 + 2 * allowance);
		});

		it('a second real edit within one second is reported, a moved activity date or reordered tags are not', () => {
			const v1 = {
				...contact(1, T0 - 5000, T0 + 1, 'Ada'),
				LAST_ACTIVITY_DATE_UTC: ts(T0 - 100),
				TAGS: [{ TAG_NAME: 'a' }, { TAG_NAME: 'b' }],
			};
			const first = processWindow(initialWindowState(T0, 60), [v1], options('updatedRecord'));
			expect(first.events).toEqual([v1]);
			const moved = { ...v1, LAST_ACTIVITY_DATE_UTC: ts(T0 + 1), TAGS: [...v1.TAGS].reverse() };
			const reread = processWindow(first.next, [moved], options('updatedRecord'));
			expect(reread.events).toEqual([]);
			const edited = { ...moved, FIRST_NAME: 'Ada L.' };
			expect(processWindow(reread.next, [edited], options('updatedRecord')).events).toEqual([
				edited,
			]);
		});
	});

	it('needs no second look after a multi-page read that found nothing new', () => {
		const many = Array.from({ length: 5 }, (_, i) => contact(i + 1, T0 - 900, T0 + 100 + i));
		const first = processWindow(
			initialWindowState(T0, 60),
			many,
			options('updatedRecord', { pagesRead: 3, nowSeconds: T0 + 110 }),
		);
		expect(first.next.pendingFloor).toBe(T0 + 50);
		const again = processWindow(
			first.next,
			many,
			options('updatedRecord', { pagesRead: 3, nowSeconds: T0 + 300 }),
		);
		expect(again.events).toEqual([]);
		expect(again.next.floor).toBe(T0 + 104);
		expect(again.next.pendingFloor).toBeUndefined();
	});

	it('does not change its input state (a failed poll must leave static data alone)', () => {
		const state = processWindow(
			initialWindowState(T0, 60),
			[contact(1, T0, T0 + 1)],
			options('newOrUpdatedRecord'),
		).next;
		const snapshot = JSON.stringify(state);
		processWindow(
			state,
			[contact(1, T0, T0 + 2), contact(2, T0, T0 + 500)],
			options('newOrUpdatedRecord'),
		);
		expect(JSON.stringify(state)).toBe(snapshot);
	});

	it('bounds the memory', () => {
		const burst = Array.from({ length: 50 }, (_, i) =>
			contact(i + 1, T0 - 5000, T0 + 1 + Math.floor(i / 10)),
		);
		const result = processWindow(
			initialWindowState(T0, 60),
			burst,
			options('updatedRecord', { maxEntries: 25 }),
		);
		expect(result.events).toHaveLength(50);
		expect(Object.keys(result.next.seen).length).toBeLessThanOrEqual(25);
		expect(result.next.floor).toBe(T0 + 3);
	});

	it('picks the newest record for Fetch Test Event', () => {
		const a = contact(1, T0 - 10, T0 + 50);
		const b = contact(2, T0 + 5, T0 + 6);
		expect(newestRecord([a, b], 'newOrUpdatedRecord')).toBe(a);
		expect(newestRecord([a, b], 'newRecord')).toBe(b);
		expect(newestRecord([a, b], 'updatedRecord', (r) => r.CONTACT_ID === 2)).toBe(b);
		expect(newestRecord([], 'newRecord')).toBeUndefined();
	});

	describe('random histories against a model server', () => {
		/**
		 * A tiny server: records with server timestamps; every step advances the clock (often by
		 * nothing, so many changes share a second), changes some records and sometimes polls,
		 * with reads of one or several pages. The state goes through JSON between polls, as after
		 * a restart. Expected for New or Updated: exactly the versions current at some poll after
		 * the seed and not already current at the seed, each once.
		 */
		function randomSource(seed: number) {
			let s = seed;
			return () => {
				s = (s * 1103515245 + 12345) % 2147483648;
				return s / 2147483648;
			};
		}

		it.each([1, 2, 3, 4])('history %i', (seed) => {
			const random = randomSource(seed);
			const server = new Map<number, IDataObject>();
			let now = T0;
			let nextId = 1;
			let revision = 0;
			const change = () => {
				if (server.size === 0 || random() < 0.3) {
					const id = nextId++;
					server.set(id, contact(id, now, now, `r${revision++}`));
				} else {
					const keys = [...server.keys()];
					const id = keys[Math.floor(random() * keys.length)];
					server.set(id, {
						...server.get(id)!,
						FIRST_NAME: `r${revision++}`,
						DATE_UPDATED_UTC: ts(now),
					});
				}
			};
			const versions = () => [...server.values()].map((r) => `${r.CONTACT_ID}:${r.FIRST_NAME}`);
			for (let i = 0; i < 20; i++) change();
			let state = initialWindowState(now, 60);
			state = processWindow(
				state,
				query([...server.values()], state),
				options('newOrUpdatedRecord'),
			).next;
			const atSeed = new Set(versions());
			const expected = new Set<string>();
			const emitted: string[] = [];
			for (let step = 0; step < 200; step++) {
				now += Math.floor(random() * 3);
				const changes = Math.floor(random() * 4);
				for (let c = 0; c < changes; c++) change();
				if (random() < 0.4) {
					for (const v of versions()) if (!atSeed.has(v)) expected.add(v);
					const pagesRead = 1 + Math.floor(random() * 2);
					const result = processWindow(
						state,
						query([...server.values()], state),
						options('newOrUpdatedRecord', { pagesRead }),
					);
					emitted.push(...result.events.map((r) => `${r.CONTACT_ID}:${r.FIRST_NAME}`));
					state = JSON.parse(JSON.stringify(result.next));
				}
			}
			expect(expected.size).toBeGreaterThan(50);
			expect(emitted).toHaveLength(new Set(emitted).size); // none repeated
			expect([...emitted].sort()).toEqual([...expected].sort()); // none missed, nothing else
		});
	});
});
