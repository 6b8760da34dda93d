/**
 * The trigger keeps time by Insightly's clock (its `Date` header and record timestamps), not
 * n8n's: with the sandbox's clock minutes ahead of or behind n8n's, nothing is missed or
 * repeated; a record dated far in the future does not move the cursor.
 */
import { STATE_KEY } from '../../../nodes/Insightly/trigger/state';
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

/** A budget so large that polls are never spaced out (spacing has its own tests). */
const unlimited = { dailyRequestBudget: 1_000_000 };

/** Versions (id:name) current in the sandbox now, except those in `exclude`. */
const currentVersions = (exclude: Set<string>) =>
	versions(rig.sandbox.records.list('Contacts')).filter((v) => !exclude.has(v));

describe.each([
	['5 minutes ahead of', 5 * MINUTE],
	["5 minutes behind n8n's", -5 * MINUTE],
])("with Insightly's clock %s n8n's", (_label, clockSkewMs) => {
	it('0 changes missed and 0 repeated, from the first record after activation on', async () => {
		rig = await triggerRig({
			parameters: contactParameters('newOrUpdatedRecord', unlimited),
			sandbox: { clockSkewMs },
		});
		const ids = Array.from({ length: 8 }, (_, i) => createContact(rig.sandbox, `old${i}`));
		rig.advance(20_000);
		const atActivation = new Set(currentVersions(new Set()));
		expect(await rig.poll()).toEqual([]); // activation: seeds, emits nothing
		rig.advance(2_000);
		// the case of the issue: a record created right after activation
		ids.push(createContact(rig.sandbox, 'right after'));

		const emitted: string[] = [];
		let change = 0;
		for (let minute = 1; minute <= 4 * 60; minute++) {
			rig.advance(17_000);
			if (minute % 3 === 0) updateContact(rig.sandbox, ids[minute % ids.length], `v${change++}`);
			rig.advance(23_000);
			if (minute % 11 === 0) ids.push(createContact(rig.sandbox, `v${change++}`));
			rig.advance(20_000);
			emitted.push(...versions(await rig.poll()));
			if (minute % 13 === 0) {
				// a second change in the same second as the poll that read the first
				updateContact(rig.sandbox, ids[0], `v${change++}`);
				emitted.push(...versions(await rig.poll()));
			}
			if (minute % 50 === 0) rig.restart();
			// each poll delivers every change it can see: none is left behind for later
			for (const v of currentVersions(atActivation)) expect(emitted).toContain(v);
		}
		expect(change).toBeGreaterThan(100);
		expect(emitted).toHaveLength(new Set(emitted).size);
		for (const v of atActivation) expect(emitted).not.toContain(v);
		expect(emitted[0]).toBe(`${ids[8]}:right after`);
	}, 120_000);
});

it("with n8n's clock more than the seed margin ahead (30 minutes), nothing after activation is missed, and it is logged", async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', unlimited),
		sandbox: { clockSkewMs: -30 * MINUTE },
	});
	createContact(rig.sandbox, 'long before');
	rig.advance(5 * MINUTE);
	expect(await rig.poll()).toEqual([]);
	rig.advance(1_000);
	const after = createContact(rig.sandbox, 'right after');
	rig.advance(MINUTE);
	expect(versions(await rig.poll())).toEqual([`${after}:right after`]);
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([]);
	expect(
		rig.logs.filter((line) => /n8n's clock is about 30 minutes ahead/.test(line)),
	).toHaveLength(1);
});

describe('a record dated far in the future', () => {
	it('is reported, never moves the cursor or stalls the trigger, and is logged once', async () => {
		rig = await triggerRig({ parameters: contactParameters('newOrUpdatedRecord', unlimited) });
		await rig.poll();
		rig.advance(MINUTE);
		const future = createContact(rig.sandbox, 'dated 2099');
		const stored = rig.sandbox.state.collection(rig.sandbox.state.type('Contacts')!).get(future)!;
		stored.updated = Date.parse('2099-01-01T00:00:00Z'); // a bad import, a wrong server clock
		expect(versions(await rig.poll())).toEqual([`${future}:dated 2099`]);
		const cursor = () =>
			(rig.runner.staticData[STATE_KEY] as { window: { cursor: number } }).window.cursor;
		expect(cursor()).toBeLessThan(Date.parse('2026-01-01T00:00:00Z') / 1000);

		const emitted: string[] = [];
		for (let minute = 0; minute < 10; minute++) {
			rig.advance(MINUTE);
			const id = createContact(rig.sandbox, `later${minute}`);
			const got = versions(await rig.poll());
			expect(got).toEqual([`${id}:later${minute}`]);
			emitted.push(...got);
		}
		// an edit of the future-dated record brings its timestamp back to now: a real change
		updateContact(rig.sandbox, future, 'fixed');
		rig.advance(MINUTE);
		expect(versions(await rig.poll())).toEqual([`${future}:fixed`]);
		rig.advance(MINUTE);
		expect(await rig.poll()).toEqual([]);
		expect(cursor()).toBeLessThan(Date.parse('2026-01-01T00:00:00Z') / 1000);
		const warnings = rig.logs.filter((line) => line.includes('2099-01-01'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/^warn: .*later than Insightly's clock/);
		expect(sorted(emitted)).toEqual(sorted([...new Set(emitted)]));
	});
});
