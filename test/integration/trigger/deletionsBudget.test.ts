/**
 * Deleted Record under a Daily Request Budget: the first listing spread over several polls, and
 * a budget too small for it failing the poll visibly, once, until it is raised.
 */
import { NodeOperationError } from 'n8n-workflow';

import { STATE_KEY } from '../../../nodes/Insightly/trigger/state';
import {
	contactParameters,
	createContact,
	DAY,
	HOUR,
	MINUTE,
	triggerRig,
	type TriggerRig,
} from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

const listingUnderWay = () =>
	(rig.runner.staticData[STATE_KEY] as { ids?: { sweep?: unknown } } | undefined)?.ids?.sweep;

/** The most requests the sandbox received in any 24 hours. */
function busiestDay(): number {
	const times = rig.sandbox.log().map((entry) => Date.parse(entry.time));
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= DAY) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

it('Free plan, 60,000 contacts, automatic budget: the first listing takes two polls, then deletions are reported', async () => {
	rig = await triggerRig({
		parameters: contactParameters('deletedRecord'),
		sandbox: { plan: 'free' },
		credential: { plan: 'free' },
	});
	const ids = Array.from({ length: 60_000 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	expect(await rig.poll()).toEqual([]);
	expect(rig.requests()).toBe(100); // the whole budget: the count and 99 pages from the end
	expect(listingUnderWay()).toEqual({ kind: 'seed', next: 60_000 - 99 * 500 });
	// Deleted after its page was read: reported once the listing is done.
	rig.sandbox.records.remove('Contacts', ids[59_000]);
	const reported: number[] = [];
	let polls = 0;
	for (let tick = 0; tick < (3 * DAY) / (10 * MINUTE); tick++) {
		rig.advance(10 * MINUTE);
		if (tick === Math.floor((2 * DAY) / (10 * MINUTE)))
			rig.sandbox.records.remove('Contacts', ids[1234]);
		const before = rig.requests();
		reported.push(...(await rig.poll()).map((item) => item.CONTACT_ID as number));
		if (rig.requests() > before) polls++;
	}
	expect(listingUnderWay()).toBeUndefined();
	expect(reported).toEqual([ids[59_000], ids[1234]]);
	expect(busiestDay()).toBeLessThanOrEqual(100);
	expect(polls).toBeGreaterThan(90); // idle polls cost one request: every 15 minutes or so
	expect(rig.logs.filter((line) => line.startsWith('error'))).toEqual([]);
}, 120_000);

it('a budget too small for the first listing fails the poll once, visibly, and recovers when raised', async () => {
	rig = await triggerRig({
		parameters: contactParameters('deletedRecord', { dailyRequestBudget: 3 }),
	});
	const ids = Array.from({ length: 5000 }, (_, i) => createContact(rig.sandbox, `c${i}`));
	const failure = await rig.runner.poll().catch((error: unknown) => error);
	expect(failure).toBeInstanceOf(NodeOperationError);
	expect((failure as Error).message).toBe(
		'The first listing of 5000 Contact records needs about 10 requests, more than 3 days of the Daily Request Budget of 3: set the budget to at least 6',
	);
	expect((failure as NodeOperationError).description).toMatch(/Raise the Daily Request Budget/);
	expect(rig.requests()).toBe(1);
	// Later polls under the same condition log it, once, instead of failing again (one request
	// each, spaced by the budget: at 8 and 16 hours, the third only after the first left the day).
	for (let i = 0; i < 3; i++) {
		rig.advance(8 * HOUR);
		expect(await rig.poll()).toEqual([]);
	}
	expect(rig.logs.filter((line) => line.includes('The first listing of 5000'))).toEqual([
		expect.stringMatching(/^warn: /),
	]);
	expect(rig.requests()).toBe(3);
	// The user raises the budget: the listing goes ahead, a few pages a day, and then works.
	rig.reconfigure(contactParameters('deletedRecord', { dailyRequestBudget: 6 }));
	for (let tick = 0; tick < (4 * DAY) / HOUR; tick++) {
		rig.advance(HOUR);
		expect(await rig.poll()).toEqual([]);
	}
	expect(listingUnderWay()).toBeUndefined();
	rig.sandbox.records.remove('Contacts', ids[4321]);
	// A poll that finds the count short but may not spend more waits until it can afford the
	// search (up to a day at this budget) instead of repeating its first page.
	const reported: unknown[] = [];
	for (let tick = 0; tick < (2 * DAY) / HOUR; tick++) {
		rig.advance(HOUR);
		reported.push(...(await rig.poll()).map((item) => item.CONTACT_ID));
	}
	expect(reported).toEqual([ids[4321]]);
}, 60_000);
