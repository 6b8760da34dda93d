/**
 * What counts as a change when a record is read again inside the overlap with the same
 * DATE_UPDATED_UTC: fields Insightly moves by itself and the order of arrays do not; a real
 * second edit within the same second does.
 */
import {
	contactParameters,
	createContact,
	MINUTE,
	triggerRig,
	updateContact,
	versions,
	type TriggerRig,
} from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

it('ignores activity dates and array order moved without an edit; still reports a second real edit within one second', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { dailyRequestBudget: 1_000_000 }),
	});
	const id = createContact(rig.sandbox, 'v0', {
		TAGS: [{ TAG_NAME: 'alpha' }, { TAG_NAME: 'beta' }],
	});
	const other = createContact(rig.sandbox, 'other');
	await rig.poll();
	rig.advance(MINUTE);
	updateContact(rig.sandbox, id, 'v1');
	expect(versions(await rig.poll())).toEqual([`${id}:v1`]);

	// Insightly moves the activity dates of a record when a task or event linked to it changes,
	// without an edit of the record and without a new DATE_UPDATED_UTC; and a list may come back
	// in another order.
	const stored = rig.sandbox.state.collection(rig.sandbox.state.type('Contacts')!).get(id)!;
	stored.fields.LAST_ACTIVITY_DATE_UTC = '2025-03-10 09:01:30';
	stored.fields.NEXT_ACTIVITY_DATE_UTC = '2025-03-12 10:00:00';
	stored.tags = [...(stored.tags ?? [])].reverse();
	rig.advance(20_000); // inside the 60-second overlap: the record is read again
	expect(await rig.poll()).toEqual([]);
	rig.advance(20_000);
	stored.fields.LAST_ACTIVITY_DATE_UTC = '2025-03-10 09:02:10';
	expect(await rig.poll()).toEqual([]);

	// a real edit in the same second as the version just read is reported
	updateContact(rig.sandbox, other, 'o1');
	expect(versions(await rig.poll())).toEqual([`${other}:o1`]);
	updateContact(rig.sandbox, other, 'o2'); // same DATE_UPDATED_UTC as o1
	expect(versions(await rig.poll())).toEqual([`${other}:o2`]);
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([]);
});
