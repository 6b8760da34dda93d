/**
 * The daily request budget, the reserve and the instance's daily limit, against the sandbox's
 * quota and request log, with Poll Times ticking every minute on a virtual clock.
 */
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../../../nodes/Insightly/transport';
import * as requestModule from '../../../nodes/Insightly/transport/request';
import type { Sandbox } from '../../../sandbox';
import {
	contactParameters,
	createContact,
	DAY,
	HOUR,
	MINUTE,
	sorted,
	triggerRig,
	updateContact,
	versions,
	type TriggerRig,
} from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

/** The most requests the sandbox received in any 24 hours (sliding over the log). */
function busiestDay(sandbox: Sandbox): number {
	const times = sandbox.log().map((entry) => Date.parse(entry.time));
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= DAY) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

/** Versions (id:name) current in the sandbox now, except those in `exclude`. */
function currentVersions(sandbox: Sandbox, exclude: Set<string>): string[] {
	return versions(sandbox.records.list('Contacts')).filter((v) => !exclude.has(v));
}

it('a simulated day of every-minute Poll Times on the Free plan stays within the budget and delivers every change once', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord'),
		sandbox: { plan: 'free' },
	});
	const ids = Array.from({ length: 30 }, (_, i) => createContact(rig.sandbox, `seed${i}`));
	await rig.poll();
	const atSeed = new Set(currentVersions(rig.sandbox, new Set()));
	const expected = new Set<string>();
	const emitted: string[] = [];
	let change = 0;
	let polls = 0;
	for (let minute = 1; minute <= 36 * 60; minute++) {
		rig.advance(MINUTE);
		// a change every few minutes, a burst of 40 at 14:00
		if (minute % 7 === 0) updateContact(rig.sandbox, ids[minute % ids.length], `v${change++}`);
		if (minute % 97 === 0) ids.push(createContact(rig.sandbox, `v${change++}`));
		if (minute === 5 * 60)
			for (let i = 0; i < 40; i++) updateContact(rig.sandbox, ids[i % ids.length], `v${change++}`);
		const before = rig.requests();
		emitted.push(...versions(await rig.poll()));
		if (rig.requests() > before) {
			polls++;
			for (const v of currentVersions(rig.sandbox, atSeed)) expected.add(v);
		}
	}
	expect(busiestDay(rig.sandbox)).toBeLessThanOrEqual(100); // 10% of the Free plan's 1,000
	expect(polls).toBeGreaterThan(130); // one every ~15 minutes for 36 hours: spaced, not starved
	expect(emitted).toHaveLength(new Set(emitted).size);
	expect(sorted(emitted)).toEqual(sorted([...expected]));
	// and the last change of every record was delivered
	for (const v of currentVersions(rig.sandbox, atSeed)) expect(emitted).toContain(v);
}, 120_000);

it('daily budget exhaustion: no request beyond the budget, an unfinished read is retried when the budget allows', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { dailyRequestBudget: 3 }),
	});
	const ids = Array.from({ length: 1200 }, (_, i) => createContact(rig.sandbox, `n${i}`));
	rig.advance(20 * MINUTE); // older than what the first poll reads back
	await rig.poll(); // seed: 1 request
	rig.advance(6 * HOUR);
	ids.forEach((id, i) => updateContact(rig.sandbox, id, `u${i}`));
	const emitted: string[] = [];
	for (let minute = 0; minute < 3 * 24 * 60; minute += 5) {
		rig.advance(5 * MINUTE);
		emitted.push(...versions(await rig.poll()));
	}
	// seed; the first read stopped at the budget after 2 of its 3 pages; the whole read ran a day
	// later, and its second look (a multi-page read is read twice) another day later
	expect(rig.sandbox.log().map((e) => e.query.skip)).toEqual([
		'0',
		'0',
		'500',
		'0',
		'500',
		'1000',
		'0',
		'500',
		'1000',
	]);
	expect(busiestDay(rig.sandbox)).toBeLessThanOrEqual(3);
	expect(sorted(emitted)).toEqual(sorted(ids.map((id, i) => `${id}:u${i}`)));
});

it('stays idle while the instance has fewer requests left than the reserve', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord'),
		sandbox: { plan: 'free' },
	});
	await rig.poll();
	rig.sandbox.limits.set({ remaining: 120 });
	rig.advance(20 * MINUTE);
	await rig.poll(); // sees 119 left: above the reserve of 100
	rig.sandbox.limits.set({ remaining: 90 }); // other apps use the instance
	rig.advance(20 * MINUTE);
	const id = createContact(rig.sandbox, 'waiting');
	expect(versions(await rig.poll())).toEqual([`${id}:waiting`]); // polls once more and learns 89 are left
	const after = rig.requests();
	for (let i = 0; i < 50; i++) {
		rig.advance(MINUTE);
		expect(await rig.poll()).toEqual([]);
	}
	expect(rig.requests()).toBe(after); // below the reserve: not a single request
	rig.advance(HOUR); // the reading is an hour old: one poll refreshes it
	expect(await rig.poll()).toEqual([]);
	expect(rig.requests()).toBe(after + 1);
});

/** When the sandbox first answered the trigger with a 2xx at or after `since` (ms). */
const firstSuccessAfter = (sandbox: Sandbox, since: number) =>
	sandbox
		.log()
		.filter((entry) => entry.status < 300 && Date.parse(entry.time) >= since)
		.map((entry) => Date.parse(entry.time))[0];

const statuses = (sandbox: Sandbox) => sandbox.log().map((entry) => entry.status);

it('rolling daily quota: while it is used up, one request an hour; polling resumes within about an hour of the quota coming back', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { reservePercent: 0 }),
		sandbox: { plan: 'free', dailyQuota: 'rolling' },
	});
	await rig.poll();
	rig.advance(20 * MINUTE); // 09:20 UTC
	const id = createContact(rig.sandbox, 'late');
	rig.sandbox.limits.set({ remaining: 0 }); // other apps spent the 1,000: back at 09:20 tomorrow
	const quotaBack = rig.sandbox.clock.now() + DAY;
	rig.sandbox.clearLog();
	const emitted: string[] = [];
	for (let minute = 0; minute < 30 * 60; minute += 10) {
		emitted.push(...versions(await rig.poll())); // never an error
		rig.advance(10 * MINUTE);
	}
	const log = rig.sandbox.log();
	const refused = log.filter((entry) => entry.status === 429);
	// one request an hour while used up, not a request per tick and not a day's silence
	expect(refused.length).toBeGreaterThanOrEqual(23);
	expect(refused.length).toBeLessThanOrEqual(26);
	for (let i = 1; i < refused.length; i++)
		expect(Date.parse(refused[i].time) - Date.parse(refused[i - 1].time)).toBeLessThanOrEqual(
			HOUR + 10 * MINUTE,
		);
	const resumed = firstSuccessAfter(rig.sandbox, quotaBack);
	expect(resumed - quotaBack).toBeLessThanOrEqual(HOUR + 10 * MINUTE);
	expect(emitted).toEqual([`${id}:late`]);
	const notices = rig.logs.filter((line) => /daily request limit/i.test(line));
	expect(notices[0]).toMatch(/resets within 24 hours/);
	for (const line of notices) expect(line).not.toMatch(/midnight/i);
}, 60_000);

it('daily quota reset at midnight UTC: polling resumes within about an hour after it', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { reservePercent: 0 }),
		sandbox: { plan: 'free' },
	});
	await rig.poll();
	rig.advance(20 * MINUTE);
	const id = createContact(rig.sandbox, 'late');
	rig.sandbox.limits.set({ remaining: 0 });
	rig.sandbox.clearLog();
	expect(await rig.poll()).toEqual([]); // 429 with X-RateLimit-Remaining: 0, no error
	expect(statuses(rig.sandbox)).toEqual([429]);
	const emitted: string[] = [];
	for (let i = 0; i < 16 * 60; i += 10) {
		rig.advance(10 * MINUTE); // until 01:20 UTC
		emitted.push(...versions(await rig.poll()));
	}
	expect(emitted).toEqual([`${id}:late`]);
	const midnight = Date.parse('2025-03-11T00:00:00Z');
	expect(firstSuccessAfter(rig.sandbox, midnight) - midnight).toBeLessThanOrEqual(HOUR);
	expect(statuses(rig.sandbox).filter((status) => status === 429).length).toBeLessThanOrEqual(16);
});

it('a daily-limit 429 known only by its Message (no X-RateLimit-Remaining: 0) pauses the trigger instead of failing every poll', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { reservePercent: 0 }),
		sandbox: { plan: 'free' },
	});
	await rig.poll();
	rig.advance(20 * MINUTE);
	const id = createContact(rig.sandbox, 'late');
	rig.sandbox.faults.add({
		status: 429,
		body: { Message: 'API daily request limit exceeded for this instance.' },
	});
	rig.sandbox.clearLog();
	const emitted: string[] = [];
	for (let minute = 0; minute < 5 * 60; minute += 10) {
		emitted.push(...versions(await rig.poll())); // no error, no error on every tick
		rig.advance(10 * MINUTE);
	}
	// the request layer's retries of the first refusal, then one request an hour
	expect(statuses(rig.sandbox).length).toBeLessThanOrEqual(6 + 5);
	const back = rig.sandbox.clock.now();
	rig.sandbox.faults.clear();
	for (let minute = 0; minute < 70; minute += 10) {
		emitted.push(...versions(await rig.poll()));
		rig.advance(10 * MINUTE);
	}
	expect(firstSuccessAfter(rig.sandbox, back) - back).toBeLessThanOrEqual(HOUR);
	expect(emitted).toEqual([`${id}:late`]);
});

it('a window that needs more than the whole budget fails the poll once, visibly, then only logs', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { dailyRequestBudget: 3 }),
	});
	const ids = Array.from({ length: 1600 }, (_, i) => createContact(rig.sandbox, `n${i}`));
	rig.advance(20 * MINUTE);
	await rig.poll(); // seed: 1 request
	rig.advance(8 * HOUR);
	ids.forEach((id, i) => updateContact(rig.sandbox, id, `u${i}`));
	expect(await rig.poll()).toEqual([]); // 2 pages of 4, then the budget: nothing kept
	const failures: unknown[] = [];
	for (let i = 0; i < 30; i++) {
		rig.advance(HOUR);
		await rig.runner.poll().catch((error: unknown) => failures.push(error));
	}
	expect(failures).toHaveLength(1);
	expect(failures[0]).toBeInstanceOf(NodeOperationError);
	expect((failures[0] as Error).message).toBe(
		'One poll needs about 4 requests, more than the Daily Request Budget of 3: set the budget to at least 4',
	);
	expect((failures[0] as NodeOperationError).description).toMatch(/Raise the Daily Request Budget/);
	expect(rig.logs.filter((line) => line.includes('One poll needs about 4'))).toHaveLength(1);
	// Raised, the same condition no longer holds: the poll goes ahead.
	rig.reconfigure(contactParameters('newOrUpdatedRecord', { dailyRequestBudget: 4 }));
	rig.advance(HOUR);
	await expect(rig.runner.poll()).resolves.toBeDefined();
}, 60_000);

it('a Reserve that holds back every poll for more than a day fails the poll once, visibly', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord'),
		sandbox: { plan: 'free' },
	});
	await rig.poll();
	// Other workflows keep the instance's reading fresh, and below the Reserve of 100.
	jest
		.spyOn(requestModule, 'getRateLimitState')
		.mockImplementation(async () => ({ limit: 1000, remaining: 50, seenAt: clock.now() }));
	const before = rig.requests();
	const failures: unknown[] = [];
	for (let i = 0; i < 2 * 24 * 4; i++) {
		rig.advance(15 * MINUTE);
		await rig.runner.poll().catch((error: unknown) => failures.push(error));
	}
	expect(rig.requests()).toBe(before);
	expect(failures).toHaveLength(1);
	expect((failures[0] as Error).message).toBe(
		'Insightly has 50 requests left of its daily limit, below the Reserve of 100: not polling, so that other nodes keep working, for more than a day now',
	);
	expect((failures[0] as NodeOperationError).description).toMatch(/Lower the Reserve/);
});
