/**
 * Custom fields chosen by name or label, converted by field type on the way in (multiselect
 * lists, booleans, numbers, dates, lookups, clearing) and typed on the way out (Simplify).
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, rows, sentWrites, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox({ seed: { records: 30, seed: 9 } });

it('converts every field type for the body and returns typed values', async () => {
	const org = rows(sandbox, 'Organisations')[0].ORGANISATION_ID as number;
	const [out] = await run(
		{
			resource: 'contact',
			operation: 'create',
			FIRST_NAME: 'Ada',
			customFields: {
				field: [
					{ fieldName: 'Hobby__c', value: 'Chess' },
					{ fieldName: 'Tier', value: 'gold' }, // by label, option matched ignoring case
					{ fieldName: 'Interests__c', value: '={{ ["Music", "travel"] }}' },
					{ fieldName: 'Newsletter__c', value: 'yes' },
					{ fieldName: 'Score__c', value: '42' },
					{ fieldName: 'Lifetime_Value__c', value: '1234.5' },
					{ fieldName: 'Birthday__c', value: '1990-12-10' },
					{ fieldName: 'Last_Contacted__c', value: '2025-04-22T10:15:00+02:00' },
					{ fieldName: 'Referrer__c', value: String(org) },
				],
			},
		},
		{ timezone: 'Europe/Berlin' },
	);
	expect(sentWrites(sandbox)[0].body).toEqual({
		FIRST_NAME: 'Ada',
		CUSTOMFIELDS: [
			{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Chess' },
			{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' },
			{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Travel' },
			{ FIELD_NAME: 'Newsletter__c', FIELD_VALUE: true },
			{ FIELD_NAME: 'Score__c', FIELD_VALUE: 42 },
			{ FIELD_NAME: 'Lifetime_Value__c', FIELD_VALUE: 1234.5 },
			{ FIELD_NAME: 'Birthday__c', FIELD_VALUE: '1990-12-10 00:00:00' },
			{ FIELD_NAME: 'Last_Contacted__c', FIELD_VALUE: '2025-04-22 08:15:00' },
			{ FIELD_NAME: 'Referrer__c', FIELD_VALUE: org },
		],
	});
	const custom = out.json.customFields as IDataObject;
	expect(custom).toMatchObject({
		Hobby__c: 'Chess',
		Tier__c: 'Gold',
		Interests__c: ['Music', 'Travel'],
		Newsletter__c: true,
		Score__c: 42,
		Lifetime_Value__c: 1234.5,
	});
	expect(custom.Member_No__c).toMatch(/^M-\d+/);
	expect(out.json.CUSTOMFIELDS).toBeUndefined();
});

it('an empty value clears a custom field; others are kept', async () => {
	const created = sandbox.records.create('Contacts', {
		FIRST_NAME: 'Grace',
		CUSTOMFIELDS: [
			{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Sailing' },
			{ FIELD_NAME: 'Score__c', FIELD_VALUE: 7 },
		],
	});
	sandbox.clearLog();
	const [out] = await run({
		resource: 'contact',
		operation: 'update',
		recordId: byId(created.CONTACT_ID),
		customFields: { field: [{ fieldName: 'Hobby__c', value: '' }] },
	});
	// The other custom fields are sent back unchanged (test/integration/node/customFieldUpdates.test.ts).
	expect(sentWrites(sandbox)[0].body).toEqual({
		CONTACT_ID: created.CONTACT_ID,
		CUSTOMFIELDS: [
			{ FIELD_NAME: 'Score__c', FIELD_VALUE: 7 },
			{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: null },
		],
	});
	const custom = (out.json.customFields ?? {}) as IDataObject;
	expect(custom.Hobby__c ?? null).toBeNull();
	expect(custom.Score__c).toBe(7);
});

it('custom object records use their own fields', async () => {
	const [out] = await run({
		resource: 'customObjectRecord',
		operation: 'create',
		customObjectName: 'Fruit__c',
		RECORD_NAME: 'Crate',
		customFields: {
			field: [
				{ fieldName: 'Colour__c', value: 'red' },
				{ fieldName: 'Organic__c', value: 'false' },
				{ fieldName: 'Weight__c', value: '2.5' },
			],
		},
	});
	expect(sentWrites(sandbox)[0]).toMatchObject({
		path: '/Fruit__c',
		body: {
			RECORD_NAME: 'Crate',
			CUSTOMFIELDS: [
				{ FIELD_NAME: 'Colour__c', FIELD_VALUE: 'Red' },
				{ FIELD_NAME: 'Organic__c', FIELD_VALUE: false },
				{ FIELD_NAME: 'Weight__c', FIELD_VALUE: 2.5 },
			],
		},
	});
	expect(out.json.customFields).toMatchObject({
		Colour__c: 'Red',
		Organic__c: false,
		Weight__c: 2.5,
	});
});

it('searches by a custom field', async () => {
	sandbox.records.create('Contacts', {
		FIRST_NAME: 'Hedy',
		CUSTOMFIELDS: [{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Inventing' }],
	});
	sandbox.clearLog();
	const out = await run({
		resource: 'contact',
		operation: 'search',
		searchField: 'Hobby__c',
		searchValue: 'Inventing',
	});
	expect(out.map((item) => item.json.FIRST_NAME)).toEqual(['Hedy']);
});
