/**
 * Saved state that is corrupt or out of range (a bad migration, a hand edit, a clock that
 * jumped) is reset part by part and logged: the trigger never throws on every poll for it, and
 * never stalls without a word.
 */
import type { IDataObject } from 'n8n-workflow';

import { encodeIdSet } from '../../../nodes/Insightly/trigger/idSet';
import { STATE_KEY, watchKey } from '../../../nodes/Insightly/trigger/state';
import {
	contactParameters,
	createContact,
	HOUR,
	MINUTE,
	triggerRig,
	updateContact,
	versions,
	type TriggerRig,
} from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

const unlimited = { dailyRequestBudget: 1_000_000 };

/** Replaces one part of the saved state, as a corrupt save would have left it. */
function corrupt(change: (state: IDataObject) => void): void {
	const state = rig.runner.staticData[STATE_KEY] as IDataObject;
	change(state);
}

const warnings = () => rig.logs.filter((line) => line.startsWith('warn: '));

it('a corrupt id list (Deleted Record) is reset and logged, not thrown on every poll', async () => {
	rig = await triggerRig({ parameters: contactParameters('deletedRecord', unlimited) });
	const ids = [createContact(rig.sandbox, 'a'), createContact(rig.sandbox, 'b')];
	await rig.poll();
	corrupt((state) => ((state.ids as IDataObject).known = '1,!!'));
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([]); // the listing becomes the reference again
	expect(warnings()).toEqual([expect.stringMatching(/saved list of ids.*is unreadable/)]);
	rig.sandbox.records.remove('Contacts', ids[0]);
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([{ CONTACT_ID: ids[0], deleted: true }]);
	expect(warnings()).toHaveLength(1);
});

it('a floor out of range (1e13) is reset to the cursor and logged; changes keep coming', async () => {
	rig = await triggerRig({ parameters: contactParameters('newOrUpdatedRecord', unlimited) });
	const id = createContact(rig.sandbox, 'v0');
	await rig.poll();
	corrupt((state) => ((state.window as IDataObject).floor = 1e13));
	rig.advance(MINUTE);
	updateContact(rig.sandbox, id, 'v1');
	expect(versions(await rig.poll())).toEqual([`${id}:v1`]);
	expect(warnings()).toEqual([expect.stringMatching(/saved window.*floor.*out of range/)]);
	rig.advance(MINUTE);
	updateContact(rig.sandbox, id, 'v2');
	expect(versions(await rig.poll())).toEqual([`${id}:v2`]);
	expect(warnings()).toHaveLength(1);
});

it('a pause until 2100 is dropped and logged: the trigger polls', async () => {
	rig = await triggerRig({ parameters: contactParameters('newOrUpdatedRecord', unlimited) });
	await rig.poll();
	corrupt(
		(state) => ((state.budget as IDataObject).pausedUntil = Date.parse('2100-01-01T00:00:00Z')),
	);
	rig.advance(MINUTE);
	const id = createContact(rig.sandbox, 'waiting');
	expect(versions(await rig.poll())).toEqual([`${id}:waiting`]);
	expect(warnings()).toEqual([expect.stringMatching(/pause until 2100-01-01 .* out of range/)]);
});

it('a ledger bucket in the future (the clock jumped back) is dropped and logged', async () => {
	rig = await triggerRig({ parameters: contactParameters('newOrUpdatedRecord') });
	await rig.poll();
	const inTwoDays = Math.floor((rig.sandbox.clock.now() + 48 * HOUR) / (10 * MINUTE));
	corrupt((state) => {
		const budget = state.budget as IDataObject;
		budget.ledger = [...(budget.ledger as Array<[number, number]>), [inTwoDays, 5_000]];
	});
	rig.advance(HOUR);
	const id = createContact(rig.sandbox, 'counted');
	expect(versions(await rig.poll())).toEqual([`${id}:counted`]);
	expect(warnings()).toEqual([expect.stringMatching(/request ledger.*in the future/)]);
});

it('a Deleted Record state of version 2 reports no live record, even one missing from its listing', async () => {
	rig = await triggerRig({ parameters: contactParameters('deletedRecord', unlimited) });
	const ids = Array.from({ length: 1200 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	// Saved by version 2 after a listing that a deletion shifted: ids[700] was missed (live, in
	// neither list), ids[50] held back (live), ids[60] held back (deleted since).
	const listed = ids.filter((_, i) => i !== 700 && i !== 50 && i !== 60);
	rig.runner.staticData[STATE_KEY] = {
		version: 2,
		watch: watchKey({ path: 'Contacts', event: 'deletedRecord' }),
		ids: { known: encodeIdSet(listed), pending: encodeIdSet([ids[50], ids[60]]) },
		budget: { ledger: [] },
	};
	rig.sandbox.records.remove('Contacts', ids[60]);
	rig.sandbox.records.remove('Contacts', ids[900]);
	const reported: unknown[] = [];
	for (let i = 0; i < 3; i++) {
		rig.advance(MINUTE);
		reported.push(...(await rig.poll()).map((item) => item.CONTACT_ID));
	}
	expect(reported).toEqual([ids[60], ids[900]]);
	expect(warnings()).toEqual([]);
	// The safety re-check took the missed id in: its deletion is reported like any other.
	rig.sandbox.records.remove('Contacts', ids[700]);
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([{ CONTACT_ID: ids[700], deleted: true }]);
});
