/**
 * New / Updated / New or Updated Record against the sandbox, through n8n's real PollContext:
 * exact sets of emitted versions, none missed, none repeated.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	contactParameters,
	createContact,
	MINUTE,
	sorted,
	triggerRig,
	updateContact,
	versions,
	type TriggerRig,
} from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

describe('activation', () => {
	it('seeds on the first poll, emitting nothing, and reports only later changes', async () => {
		rig = await triggerRig({ parameters: contactParameters('newOrUpdatedRecord') });
		const old = createContact(rig.sandbox, 'before');
		rig.advance(10_000);
		expect(await rig.poll()).toEqual([]);
		expect(rig.requests()).toBe(1);
		rig.advance(MINUTE);
		const fresh = createContact(rig.sandbox, 'after');
		expect(versions(await rig.poll())).toEqual([`${fresh}:after`]);
		expect(old).not.toBe(fresh);
	});

	it('with a Start Date, the first poll reports what changed after it', async () => {
		rig = await triggerRig({
			parameters: contactParameters('newRecord', { options: { startDate: '2025-03-10T08:00:00' } }),
		});
		rig.advance(-2 * 60 * MINUTE); // 07:00
		createContact(rig.sandbox, 'too early');
		rig.advance(90 * MINUTE); // 08:30
		const a = createContact(rig.sandbox, 'a');
		rig.advance(30 * MINUTE); // 09:00
		const b = createContact(rig.sandbox, 'b');
		expect(versions(await rig.poll())).toEqual([`${a}:a`, `${b}:b`]);
		rig.advance(MINUTE);
		expect(await rig.poll()).toEqual([]);
	});
});

/** A budget so large that polls are never spaced out (spacing has its own tests). */
const unlimited = { dailyRequestBudget: 1_000_000 };

describe('exactness', () => {
	beforeEach(async () => {
		rig = await triggerRig({ parameters: contactParameters('newOrUpdatedRecord', unlimited) });
	});

	it('reports several updates of one record within the same second, each once', async () => {
		const id = createContact(rig.sandbox, 'v0');
		await rig.poll(); // seed
		rig.advance(MINUTE);
		updateContact(rig.sandbox, id, 'v1');
		expect(versions(await rig.poll())).toEqual([`${id}:v1`]);
		updateContact(rig.sandbox, id, 'v2'); // the clock has not moved: same DATE_UPDATED_UTC
		expect(versions(await rig.poll())).toEqual([`${id}:v2`]);
		updateContact(rig.sandbox, id, 'v3');
		updateContact(rig.sandbox, id, 'v4'); // two before one poll: only the last is visible
		expect(versions(await rig.poll())).toEqual([`${id}:v4`]);
		expect(await rig.poll()).toEqual([]);
		rig.advance(59_000); // still inside the overlap: re-read, not re-emitted
		expect(await rig.poll()).toEqual([]);
	});

	it('reports records updated repeatedly across polls once per version', async () => {
		const ids = [
			createContact(rig.sandbox, 'a0'),
			createContact(rig.sandbox, 'b0'),
			createContact(rig.sandbox, 'c0'),
		];
		await rig.poll();
		const emitted: string[] = [];
		const expected: string[] = [];
		for (let round = 1; round <= 8; round++) {
			rig.advance(20_000); // shorter than the overlap: every poll re-reads the previous changes
			for (const [i, id] of ids.entries()) {
				if ((round + i) % 2 === 0) continue;
				updateContact(rig.sandbox, id, `${'abc'[i]}${round}`);
				expected.push(`${id}:${'abc'[i]}${round}`);
			}
			emitted.push(...versions(await rig.poll()));
		}
		expect(emitted).toEqual(expected);
	});

	it('finds changes on late pages: results come in id order, not time order', async () => {
		const ids = Array.from({ length: 1100 }, (_, i) => createContact(rig.sandbox, `seed${i}`));
		await rig.poll(); // seed: the 1,100 new contacts are in the overlap window (3 pages)
		expect(rig.requests()).toBe(3);
		rig.advance(5 * MINUTE);
		// the most recent change is on the first page, older ones on the last page
		const changed = [ids[1099], ids[1050], ids[700], ids[3]];
		changed.forEach((id, i) => {
			updateContact(rig.sandbox, id, `late${i}`);
			rig.advance(1000);
		});
		for (let i = 0; i < 600; i++) {
			if (!changed.includes(ids[i + 100])) updateContact(rig.sandbox, ids[i + 100], `bulk${i}`);
		}
		const emitted = await rig.poll();
		expect(emitted).toHaveLength(600 + 4);
		expect(versions(emitted)).toEqual(
			expect.arrayContaining(changed.map((id, i) => `${id}:late${i}`)),
		);
		expect(new Set(versions(emitted)).size).toBe(emitted.length);
	});

	it('delivers 1,000 changes between two polls exactly once', async () => {
		const ids = Array.from({ length: 1000 }, (_, i) => createContact(rig.sandbox, `n${i}`));
		rig.advance(5 * MINUTE);
		await rig.poll();
		rig.advance(MINUTE);
		ids.forEach((id, i) => {
			updateContact(rig.sandbox, id, `u${i}`);
			if (i % 100 === 0) rig.advance(1000);
		});
		rig.advance(MINUTE);
		const before = rig.requests();
		const emitted = await rig.poll();
		expect(sorted(versions(emitted))).toEqual(sorted(ids.map((id, i) => `${id}:u${i}`)));
		expect(rig.requests() - before).toBe(3); // 500 + 500 + an empty page
		// the next poll reads the same window once more (a multi-page read is checked twice) and emits nothing
		rig.advance(MINUTE);
		expect(await rig.poll()).toEqual([]);
		rig.advance(MINUTE);
		const idle = rig.requests();
		expect(await rig.poll()).toEqual([]);
		expect(rig.requests() - idle).toBe(1);
	});

	it('survives restarts: what was delivered is not delivered again, what was not is delivered', async () => {
		const a = createContact(rig.sandbox, 'a0');
		await rig.poll();
		rig.advance(MINUTE);
		updateContact(rig.sandbox, a, 'a1');
		expect(versions(await rig.poll())).toEqual([`${a}:a1`]); // persisted with the items
		rig.restart();
		expect(await rig.poll()).toEqual([]);
		// a poll that returns nothing is not persisted: the restart goes back to the older state
		rig.advance(10_000);
		expect(await rig.poll()).toEqual([]);
		const b = createContact(rig.sandbox, 'b0');
		rig.restart();
		expect(versions(await rig.poll())).toEqual([`${b}:b0`]);
		rig.restart();
		rig.advance(MINUTE);
		updateContact(rig.sandbox, a, 'a2');
		updateContact(rig.sandbox, b, 'b1');
		expect(sorted(versions(await rig.poll()))).toEqual(sorted([`${a}:a2`, `${b}:b1`]));
		rig.restart();
		rig.advance(30_000);
		expect(await rig.poll()).toEqual([]);
		// that empty poll moved the floor in memory only; losing it re-reads, and still emits nothing
		expect(rig.runner.persistedStaticData).not.toEqual(
			JSON.parse(JSON.stringify(rig.runner.staticData)),
		);
		rig.restart();
		expect(await rig.poll()).toEqual([]);
	});
});

describe('a record created and updated between polls', () => {
	it.each([
		['newRecord', ['created']],
		['updatedRecord', ['existing']],
		['newOrUpdatedRecord', ['created', 'existing']],
	])('%s reports %j', async (event, expectedKinds) => {
		rig = await triggerRig({ parameters: contactParameters(event) });
		const existing = createContact(rig.sandbox, 'e0');
		rig.advance(5 * MINUTE);
		await rig.poll();
		rig.advance(MINUTE);
		const created = createContact(rig.sandbox, 'c0');
		rig.advance(2000);
		updateContact(rig.sandbox, created, 'c1');
		updateContact(rig.sandbox, existing, 'e1');
		const expected: Record<string, string> = {
			created: `${created}:c1`,
			existing: `${existing}:e1`,
		};
		expect(sorted(versions(await rig.poll()))).toEqual(
			sorted(expectedKinds.map((k) => expected[k])),
		);
		// at the next poll the created record exists: its update is an update, never a second New
		rig.advance(MINUTE);
		updateContact(rig.sandbox, created, 'c2');
		const next = versions(await rig.poll());
		expect(next).toEqual(event === 'newRecord' ? [] : [`${created}:c2`]);
	});

	it('New Record: a record created in the same second as the last change, after the poll, is new', async () => {
		rig = await triggerRig({ parameters: contactParameters('newRecord', unlimited) });
		await rig.poll();
		rig.advance(MINUTE);
		const first = createContact(rig.sandbox, 'first');
		expect(versions(await rig.poll())).toEqual([`${first}:first`]);
		const second = createContact(rig.sandbox, 'second'); // same second as the cursor
		expect(versions(await rig.poll())).toEqual([`${second}:second`]);
	});
});

describe('filters', () => {
	it('field equals value is sent to Search, the tag is checked on the records', async () => {
		rig = await triggerRig({
			parameters: contactParameters('newOrUpdatedRecord', {
				filters: { fieldName: 'LAST_NAME', fieldValue: 'Lovelace', tag: 'vip' },
			}),
		});
		await rig.poll();
		rig.advance(MINUTE);
		const match = createContact(rig.sandbox, 'match', {
			LAST_NAME: 'Lovelace',
			TAGS: [{ TAG_NAME: 'VIP' }],
		});
		createContact(rig.sandbox, 'untagged', { LAST_NAME: 'Lovelace' });
		createContact(rig.sandbox, 'other name', { LAST_NAME: 'Hopper', TAGS: [{ TAG_NAME: 'VIP' }] });
		rig.sandbox.clearLog();
		expect(versions(await rig.poll())).toEqual([`${match}:match`]);
		const [request] = rig.sandbox.log();
		expect(request.path).toMatch(/\/Contacts\/Search$/);
		expect(request.query).toMatchObject({
			field_name: 'LAST_NAME',
			field_value: 'Lovelace',
			top: '500',
			skip: '0',
		});
	});
});

describe('time zones', () => {
	it('does all time math in UTC whatever the workflow timezone', async () => {
		rig = await triggerRig({
			parameters: contactParameters('newOrUpdatedRecord'),
			timezone: 'Pacific/Kiritimati',
		});
		await rig.poll();
		rig.advance(MINUTE);
		const id = createContact(rig.sandbox, 'x');
		rig.sandbox.clearLog();
		expect(versions(await rig.poll())).toEqual([`${id}:x`]);
		// nothing changed since the seed: the query starts where the seed started, one overlap
		// (60 s) and the 15-minute margin for n8n's clock before the seed time, in UTC
		expect(rig.sandbox.log()[0].query.updated_after_utc).toBe('2025-03-10T08:44:00Z');
	});
});

describe('custom objects', () => {
	it('watches the records of a custom object', async () => {
		rig = await triggerRig({
			parameters: {
				resource: 'customObjectRecord',
				customObjectName: 'Fruit__c',
				event: 'newRecord',
			},
		});
		await rig.poll();
		rig.advance(MINUTE);
		const fruit = rig.sandbox.records.create('Fruit__c', {
			RECORD_NAME: 'Kiwi crate',
		}) as IDataObject;
		const emitted = await rig.poll();
		expect(emitted.map((r) => [r.RECORD_ID, r.RECORD_NAME])).toEqual([
			[fruit.RECORD_ID, 'Kiwi crate'],
		]);
		expect(rig.sandbox.log().at(-1)?.path).toBe('/v3.1/Fruit__c/Search');
	});

	it('refuses an object name that would change the request path, before any request', async () => {
		rig = await triggerRig({
			parameters: {
				resource: 'customObjectRecord',
				customObjectName: '../Users',
				event: 'newRecord',
			},
		});
		await expect(rig.poll()).rejects.toThrow(
			/Custom Object must be a custom object API name ending in "__c"/,
		);
		expect(rig.sandbox.log()).toHaveLength(0);
	});
});

describe('Fetch Test Event', () => {
	it('returns the newest matching record and leaves the state alone', async () => {
		rig = await triggerRig({ parameters: contactParameters('newOrUpdatedRecord') });
		const a = createContact(rig.sandbox, 'a');
		rig.advance(MINUTE);
		const b = createContact(rig.sandbox, 'b');
		rig.advance(MINUTE);
		updateContact(rig.sandbox, a, 'a1');
		await rig.poll();
		const persisted = rig.runner.persistedStaticData;
		const inMemory = JSON.stringify(rig.runner.staticData);
		expect(versions((await rig.fetchTestEvent()) ?? [])).toEqual([`${a}:a1`]);
		expect(rig.runner.persistedStaticData).toEqual(persisted);
		expect(JSON.stringify(rig.runner.staticData)).toBe(inMemory);
		expect(b).toBeGreaterThan(a);
	});

	it('New Record: the most recently created record, even if nothing changed for a month', async () => {
		rig = await triggerRig({ parameters: contactParameters('newRecord') });
		createContact(rig.sandbox, 'old');
		const newest = createContact(rig.sandbox, 'newest');
		rig.advance(40 * 24 * 60 * MINUTE);
		expect(versions((await rig.fetchTestEvent()) ?? [])).toEqual([`${newest}:newest`]);
	});
});
