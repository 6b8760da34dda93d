/**
 * Deleted Record: every poll lists all ids (one request per 500) and reports the missing ones.
 */
import { contactParameters, createContact, MINUTE, triggerRig, type TriggerRig } from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

const deletedIds = (items: Array<Record<string, unknown>>) =>
	items.map((item) => item.CONTACT_ID).sort();

it('reports deleted records once, from the first listing on', async () => {
	rig = await triggerRig({
		parameters: contactParameters('deletedRecord', { dailyRequestBudget: 1_000_000 }),
	});
	const ids = Array.from({ length: 20 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	expect(await rig.poll()).toEqual([]); // first listing: stored, nothing reported
	rig.advance(MINUTE);
	rig.sandbox.records.remove('Contacts', ids[3]);
	rig.sandbox.records.remove('Contacts', ids[17]);
	createContact(rig.sandbox, 'new one'); // not a deletion
	rig.sandbox.clearLog();
	const emitted = await rig.poll();
	expect(emitted).toEqual(expect.arrayContaining([{ CONTACT_ID: ids[3], deleted: true }]));
	expect(deletedIds(emitted)).toEqual([ids[3], ids[17]].sort());
	expect(rig.sandbox.log().map((e) => [e.path, e.query.brief])).toEqual([
		['/v3.1/Contacts', 'true'],
	]);
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([]);
	rig.restart();
	rig.advance(MINUTE);
	rig.sandbox.records.remove('Contacts', ids[0]);
	expect(deletedIds(await rig.poll())).toEqual([ids[0]]);
});

it('costs one request per 500 records and confirms absences from multi-page listings one poll later', async () => {
	rig = await triggerRig({
		parameters: contactParameters('deletedRecord', { dailyRequestBudget: 1_000_000 }),
	});
	const ids = Array.from({ length: 1200 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	await rig.poll();
	expect(rig.requests()).toBe(3);
	rig.advance(MINUTE);
	const gone = [ids[0], ids[600], ids[1199]];
	gone.forEach((id) => rig.sandbox.records.remove('Contacts', id));
	expect(await rig.poll()).toEqual([]); // held back: a multi-page listing can miss a live record
	rig.advance(MINUTE);
	expect(deletedIds(await rig.poll())).toEqual([...gone].sort());
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([]);
	expect(rig.requests()).toBe(4 * 3);
});

it('Fetch Test Event shows the shape of a deletion without touching the state', async () => {
	rig = await triggerRig({ parameters: contactParameters('deletedRecord') });
	const id = createContact(rig.sandbox, 'x');
	expect(await rig.fetchTestEvent()).toEqual([{ CONTACT_ID: id, deleted: true }]);
	expect(rig.runner.staticData).toEqual({});
});
