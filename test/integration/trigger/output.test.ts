/**
 * The trigger's Output option: Raw by default (what saved workflows always received), Compact and
 * Simplified from the same module as the Insightly node (utils/recordShape.ts), at no request
 * more per poll.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { contactParameters, createContact, MINUTE, triggerRig, type TriggerRig } from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

const unlimited = { dailyRequestBudget: 1_000_000 };

async function firstEvent(
	options: INodeParameters,
): Promise<{ item: IDataObject; requests: number }> {
	rig = await triggerRig({
		parameters: contactParameters('newRecord', { ...unlimited, options }),
	});
	await rig.poll(); // seed
	rig.advance(MINUTE);
	createContact(rig.sandbox, 'Grace', {
		EMAIL_ADDRESS: 'grace@example.com',
		TAGS: [{ TAG_NAME: 'VIP' }],
		CUSTOMFIELDS: [{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Sports' }],
	});
	const before = rig.requests();
	const [item] = await rig.poll();
	return { item, requests: rig.requests() - before };
}

it('Raw (the default) delivers the record as Insightly sent it', async () => {
	const { item } = await firstEvent({});
	expect(Array.isArray(item.CUSTOMFIELDS)).toBe(true);
	expect(Object.values(item)).toContain(null);
});

it('Compact drops empty fields, names tags and flattens custom fields, with one request a poll', async () => {
	const { item, requests } = await firstEvent({ output: 'compact' });
	expect(requests).toBe(1);
	expect(Object.keys(item).slice(0, 4)).toEqual([
		'CONTACT_ID',
		'FIRST_NAME',
		'LAST_NAME',
		'EMAIL_ADDRESS',
	]);
	expect(Object.values(item)).not.toContain(null);
	expect(item.tags).toEqual(['VIP']);
	// No definitions are read by the trigger: values stay as Insightly sent them.
	expect(item.customFields).toEqual(expect.objectContaining({ Interests__c: 'Music;Sports' }));
	expect(item.CUSTOMFIELDS).toBeUndefined();
});

it('Simplified keeps every field and flattens custom fields', async () => {
	const { item } = await firstEvent({ output: 'simplified' });
	expect(item.customFields).toEqual(expect.objectContaining({ Interests__c: 'Music;Sports' }));
	expect(Object.values(item)).toContain(null);
});

it('Fetch Test Event gives its sample in the same shape as the events', async () => {
	rig = await triggerRig({
		parameters: contactParameters('newRecord', { ...unlimited, options: { output: 'compact' } }),
	});
	createContact(rig.sandbox, 'Ada', {
		EMAIL_ADDRESS: 'ada@example.com',
		TAGS: [{ TAG_NAME: 'VIP' }],
	});
	const sample = await rig.fetchTestEvent();
	expect(sample).toHaveLength(1);
	expect(sample?.[0].tags).toEqual(['VIP']);
	expect(Object.values(sample?.[0] ?? {})).not.toContain(null);
	expect(sample?.[0].TAGS).toBeUndefined();
});
