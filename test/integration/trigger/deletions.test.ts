/**
 * Deleted Record against the sandbox over HTTP: the first listing, then polls that read only what
 * changed (a page near the end, new records, a bisection to the deletions), the safety re-check.
 */
import { contactParameters, createContact, MINUTE, triggerRig, type TriggerRig } from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

const unlimited = { dailyRequestBudget: 1_000_000 };
const deletedIds = (items: Array<Record<string, unknown>>) =>
	items.map((item) => item.CONTACT_ID as number).sort((a, b) => a - b);
const ascending = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** One poll a minute later: what it reported and how many requests it sent. */
async function poll(): Promise<{ deleted: number[]; requests: number }> {
	rig.advance(MINUTE);
	rig.sandbox.clearLog();
	const items = await rig.poll();
	for (const item of items) expect(Object.keys(item).sort()).toEqual(['CONTACT_ID', 'deleted']);
	return { deleted: deletedIds(items), requests: rig.requests() };
}

function remove(ids: number[]): void {
	for (const id of ids) rig.sandbox.records.remove('Contacts', id);
}

it('reports deleted records once, from the first listing on; an idle poll costs one request', async () => {
	rig = await triggerRig({ parameters: contactParameters('deletedRecord', unlimited) });
	const ids = Array.from({ length: 20 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	expect(await rig.poll()).toEqual([]); // first listing: stored, nothing reported
	expect(rig.requests()).toBe(1);
	remove([ids[3], ids[17]]);
	const fresh = createContact(rig.sandbox, 'new one'); // not a deletion
	rig.advance(MINUTE);
	rig.sandbox.clearLog();
	expect(deletedIds(await rig.poll())).toEqual([ids[3], ids[17]]);
	expect(rig.sandbox.log().map((e) => [e.path, e.query.brief, e.query.count_total])).toEqual([
		['/v3.1/Contacts', 'true', 'true'],
	]);
	expect(await poll()).toEqual({ deleted: [], requests: 1 });
	rig.restart();
	remove([ids[0], fresh]); // the new record was taken in: its deletion is reported too
	expect((await poll()).deleted).toEqual([ids[0], fresh]);
});

it('100,000 contacts: idle polls cost one request; 1, 10 and 100 deletions (scattered, at page boundaries, with creations) are each reported once', async () => {
	rig = await triggerRig({ parameters: contactParameters('deletedRecord', unlimited) });
	const ids = Array.from({ length: 100_000 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	const live = new Set(ids);
	const reported: number[] = [];
	await rig.poll();
	expect(rig.requests()).toBe(1 + 200); // the count, then every page once
	const cost: Record<string, number> = {};
	const check = async (label: string, gone: number[]) => {
		remove(gone);
		gone.forEach((id) => live.delete(id));
		const { deleted, requests } = await poll();
		expect(deleted).toEqual(ascending(gone));
		reported.push(...deleted);
		cost[label] = requests;
	};
	/** The live contact at a position of the list. */
	const at = (position: number) => ascending([...live])[position];

	expect((await poll()).requests).toBe(1);
	await check('1 scattered', [at(12_345)]);
	expect(await poll()).toEqual({ deleted: [], requests: 1 });

	// Page boundaries (positions 499/500, 999/1000, 49,999/50,000), the first and the last
	// contact, and four scattered, with 7 contacts created in the same window.
	const boundaries = [0, 499, 500, 999, 1000, 49_999, 50_000, 61_234, 77_777, 99_990].map(at);
	const lastKnown = ascending([...live]).pop()!;
	boundaries[9] = lastKnown;
	const created = Array.from({ length: 7 }, (_, i) => createContact(rig.sandbox, `new${i}`));
	created.forEach((id) => live.add(id));
	await check('10 at boundaries + 7 created', boundaries);

	// 100 scattered (a fixed pseudo-random spread), with 3 created
	const sorted = ascending([...live]);
	const hundred = Array.from({ length: 100 }, (_, i) => sorted[(i * 7919 + 13) % sorted.length]);
	expect(new Set(hundred).size).toBe(100);
	for (let i = 0; i < 3; i++) live.add(createContact(rig.sandbox, `more${i}`));
	await check('100 scattered + 3 created', hundred);

	// A record created since the last poll, then deleted: it was never listed, so not reported.
	const blink = createContact(rig.sandbox, 'blink');
	remove([blink]);
	expect((await poll()).deleted).toEqual([]);
	// A record created in an earlier window was taken in: its deletion is reported.
	await check('1 created earlier', [created[3]]);
	expect(await poll()).toEqual({ deleted: [], requests: expect.any(Number) });
	expect((await poll()).requests).toBe(1);

	expect(new Set(reported).size).toBe(reported.length);
	expect(cost['1 scattered']).toBeLessThanOrEqual(12);
	expect(cost['10 at boundaries + 7 created']).toBeLessThanOrEqual(10 * 9 + 5);
	expect(cost['100 scattered + 3 created']).toBeLessThanOrEqual(200 + 5);
}, 120_000);

it('a deletion while a poll reads its pages is reported by this poll or the next, never a live record, never twice', async () => {
	rig = await triggerRig({ parameters: contactParameters('deletedRecord', unlimited) });
	const ids = Array.from({ length: 5000 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	await rig.poll();
	const gone = [ids[100], ids[2600], ids[2601], ids[4000]];
	remove([gone[0]]);
	// Deletions behind and ahead of the pages being read, after the poll's first and third requests.
	rig.onRequest = (count) => {
		if (count === 2) remove([gone[1]]);
		if (count === 4) remove([gone[2], gone[3]]);
	};
	const reported: number[] = [];
	for (let i = 0; i < 3; i++) {
		const first = rig.requests();
		rig.advance(MINUTE);
		reported.push(...deletedIds(await rig.poll()));
		expect(rig.requests()).toBeGreaterThan(first);
		for (const id of reported) expect(gone).toContain(id);
		rig.onRequest = undefined;
	}
	expect(ascending(reported)).toEqual(ascending(gone));
});

it('the safety re-check lists every id again, a few pages per poll, and finds what the counts cannot see', async () => {
	rig = await triggerRig({
		parameters: contactParameters('deletedRecord', { ...unlimited, options: { recheckDays: 1 } }),
	});
	const ids = Array.from({ length: 3000 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	await rig.poll();
	// One deleted and one unknown to the trigger: the count is the same, and the last page too.
	remove([ids[10]]);
	const state = rig.runner.staticData.insightlyTrigger as { ids: { known: string } };
	const { decodeIdSet, encodeIdSet } = await import('../../../nodes/Insightly/trigger/idSet');
	state.ids.known = encodeIdSet(decodeIdSet(state.ids.known).filter((id) => id !== ids[20]));
	const first = await poll();
	expect(first).toEqual({ deleted: [], requests: 1 }); // invisible to the counts
	rig.advance(24 * 60 * MINUTE);
	const reported: number[] = [];
	let requests = 0;
	for (let i = 0; i < 3; i++) {
		const result = await poll();
		reported.push(...result.deleted);
		requests += result.requests;
	}
	expect(reported).toEqual([ids[10]]);
	expect(requests).toBe(3 + 6); // one first page per poll, six pages of the re-check
	// After the re-check the id taken in is known: its deletion is found by the counts.
	remove([ids[20]]);
	expect((await poll()).deleted).toEqual([ids[20]]);
});

it('Fetch Test Event shows the shape of a deletion without touching the state', async () => {
	rig = await triggerRig({ parameters: contactParameters('deletedRecord') });
	const id = createContact(rig.sandbox, 'x');
	expect(await rig.fetchTestEvent()).toEqual([{ CONTACT_ID: id, deleted: true }]);
	expect(rig.runner.staticData).toEqual({});
});
