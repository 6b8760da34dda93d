/**
 * A poll that fails part-way emits nothing, moves nothing, and throws the request layer's
 * NodeApiError (headers kept) so that n8n records the failed poll.
 */
import { NodeApiError } from 'n8n-workflow';

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

it('a fault in the middle of pagination emits nothing, keeps the state, and the next poll delivers everything once', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { dailyRequestBudget: 1_000_000 }),
	});
	const ids = Array.from({ length: 700 }, (_, i) => createContact(rig.sandbox, `n${i}`));
	rig.advance(5 * MINUTE);
	await rig.poll();
	rig.advance(MINUTE);
	ids.forEach((id, i) => updateContact(rig.sandbox, id, `u${i}`));
	const windowBefore = JSON.stringify(
		(rig.runner.staticData[STATE_KEY] as { window: unknown }).window,
	);

	// the first page is served, the second fails on every attempt
	rig.sandbox.faults.add({ method: 'GET', path: '/Contacts/Search', times: 1 });
	rig.sandbox.faults.add({ method: 'GET', path: '/Contacts/Search', status: 500 });
	rig.sandbox.clearLog();
	const error = await rig.runner.poll().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).httpCode).toBe('500');
	expect((error as NodeApiError).errorResponse?.response).toMatchObject({
		headers: { 'x-ratelimit-limit': '60000' },
	});
	const log = rig.sandbox.log();
	expect(log[0]).toMatchObject({ status: 200, query: expect.objectContaining({ skip: '0' }) });
	expect(log.slice(1).every((entry) => entry.status === 500 && entry.query.skip === '500')).toBe(
		true,
	);
	expect(JSON.stringify((rig.runner.staticData[STATE_KEY] as { window: unknown }).window)).toBe(
		windowBefore,
	);

	rig.sandbox.faults.clear();
	rig.advance(MINUTE);
	const emitted = await rig.poll();
	expect(sorted(versions(emitted))).toEqual(sorted(ids.map((id, i) => `${id}:u${i}`)));
	rig.advance(MINUTE);
	expect(await rig.poll()).toEqual([]);
});

it('a failed poll still counts its requests in the budget ledger', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newOrUpdatedRecord', { dailyRequestBudget: 1_000_000 }),
	});
	await rig.poll();
	rig.advance(MINUTE);
	rig.sandbox.faults.add({ method: 'GET', path: '/Contacts/Search', status: 400 });
	rig.sandbox.clearLog();
	await expect(rig.runner.poll()).rejects.toThrow(NodeApiError);
	const ledger = (
		rig.runner.staticData[STATE_KEY] as { budget: { ledger: Array<[number, number]> } }
	).budget.ledger;
	expect(ledger.reduce((sum, [, count]) => sum + count, 0)).toBe(1 + rig.sandbox.log().length);
});
