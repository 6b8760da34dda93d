/**
 * Create or Update: one search by the match field, then an update of the single match or a
 * create; several matches stop with their IDs and nothing changed.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, rows, seeded, sentRequests, sentWrites, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

/** The upsert's search: brief, two rows are enough to tell "one" from "several". */
function searchOf(field: string, value: string) {
	return {
		method: 'GET',
		path: '/Contacts/Search',
		query: { field_name: field, field_value: value, brief: 'true', top: '2' },
	};
}

describe('contact by EMAIL_ADDRESS', () => {
	it('updates the one match, sending only the given fields', async () => {
		const contact = seeded(sandbox, 'Contacts');
		const email = String(contact.EMAIL_ADDRESS);
		sandbox.clearLog();
		const out = await run({
			resource: 'contact',
			operation: 'upsert',
			matchField: 'EMAIL_ADDRESS',
			matchValue: email,
			FIRST_NAME: 'Augusta',
			additionalFields: { TITLE: 'Countess' },
		});

		const [search, put] = sentRequests(sandbox);
		expect(search).toMatchObject(searchOf('EMAIL_ADDRESS', email));
		expect(put).toMatchObject({
			method: 'PUT',
			path: '/Contacts',
			body: {
				FIRST_NAME: 'Augusta',
				TITLE: 'Countess',
				EMAIL_ADDRESS: email,
				CONTACT_ID: contact.CONTACT_ID,
			},
		});
		expect(sentWrites(sandbox)).toHaveLength(1);
		expect(jsonOf(out)).toEqual([
			expect.objectContaining({
				CONTACT_ID: contact.CONTACT_ID,
				FIRST_NAME: 'Augusta',
				TITLE: 'Countess',
				upsertAction: 'updated',
			}),
		]);
		const stored = rows(sandbox, 'Contacts').find(
			(row) => row.CONTACT_ID === contact.CONTACT_ID,
		) as IDataObject;
		expect(stored).toMatchObject({
			FIRST_NAME: 'Augusta',
			LAST_NAME: contact.LAST_NAME,
			PHONE: contact.PHONE,
		});
	});

	it('creates the record with the match value when nothing matches', async () => {
		const before = rows(sandbox, 'Contacts').length;
		sandbox.clearLog();
		const out = await run({
			resource: 'contact',
			operation: 'upsert',
			matchField: 'EMAIL_ADDRESS',
			matchValue: 'new.person@example.org',
			FIRST_NAME: 'Newt',
		});
		expect(sentRequests(sandbox)[0]).toMatchObject(
			searchOf('EMAIL_ADDRESS', 'new.person@example.org'),
		);
		expect(sentWrites(sandbox)).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/Contacts',
				body: { FIRST_NAME: 'Newt', EMAIL_ADDRESS: 'new.person@example.org' },
			}),
		]);
		expect(out[0].json).toMatchObject({
			FIRST_NAME: 'Newt',
			EMAIL_ADDRESS: 'new.person@example.org',
			upsertAction: 'created',
		});
		expect(rows(sandbox, 'Contacts')).toHaveLength(before + 1);
	});

	it('stops with the IDs when several records match, changing nothing', async () => {
		const a = sandbox.records.create('Contacts', {
			FIRST_NAME: 'Twin',
			EMAIL_ADDRESS: 'twin@example.org',
		});
		const b = sandbox.records.create('Contacts', {
			FIRST_NAME: 'Twin',
			EMAIL_ADDRESS: 'twin@example.org',
		});
		sandbox.clearLog();
		await expect(
			run({
				resource: 'contact',
				operation: 'upsert',
				matchField: 'EMAIL_ADDRESS',
				matchValue: 'twin@example.org',
				FIRST_NAME: 'Twin',
			}),
		).rejects.toThrow(
			new RegExp(
				`Several Contacts have EMAIL_ADDRESS = "twin@example.org" \\(IDs ${a.CONTACT_ID}, ${b.CONTACT_ID}.*nothing was changed`,
			),
		);
		expect(sentWrites(sandbox)).toEqual([]);
	});

	it('says a create needs the required fields, after the search only', async () => {
		sandbox.clearLog();
		await expect(
			run({
				resource: 'contact',
				operation: 'upsert',
				matchField: 'EMAIL_ADDRESS',
				matchValue: 'nobody@example.org',
			}),
		).rejects.toThrow(
			/No Contact has EMAIL_ADDRESS = "nobody@example.org", and creating one needs FIRST_NAME: nothing was changed/,
		);
		expect(sentLinesOf()).toEqual(['GET /Contacts/Search']);
	});

	it('names the failed step when the update is refused after the search', async () => {
		const contact = seeded(sandbox, 'Contacts');
		sandbox.faults.add({
			method: 'PUT',
			path: '/Contacts',
			status: 400,
			body: { Message: 'Refused by test' },
			times: 1,
		});
		sandbox.clearLog();
		const error = await run({
			resource: 'contact',
			operation: 'upsert',
			matchField: 'EMAIL_ADDRESS',
			matchValue: String(contact.EMAIL_ADDRESS),
			FIRST_NAME: 'X',
		}).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(
			new RegExp(
				`^Create or Update: updating Contact ${contact.CONTACT_ID} \\(the one with EMAIL_ADDRESS = "${contact.EMAIL_ADDRESS}"\\) failed: .*Refused by test`,
			),
		);
		expect((error as Error & { description: string }).description).toMatch(
			/^Nothing was changed before this step/,
		);
		expect(sentLinesOf()).toEqual(['GET /Contacts/Search', 'PUT /Contacts']);
	});
});

describe('after the write', () => {
	it('says the record was created when reading custom field definitions for the output fails', async () => {
		sandbox.faults.add({
			method: 'GET',
			path: '/CustomFields/Contacts',
			status: 403,
			body: { Message: 'No access' },
		});
		const error = (await run({
			resource: 'contact',
			operation: 'create',
			FIRST_NAME: 'Once',
			customFields: { field: [{ fieldName: 'Hobby__c', value: 'Chess' }] },
		}).catch((caught: unknown) => caught)) as Error & { description: string };
		// The metadata is needed first to build the body: nothing was written.
		expect(error.message).toMatch(/No access|403|permission/i);
		expect(sentWrites(sandbox)).toEqual([]);

		sandbox.faults.clear();
		sandbox.faults.add({
			method: 'GET',
			path: '/CustomFields/Contacts',
			status: 403,
			body: { Message: 'No access' },
		});
		const created = sandbox.records.create('Contacts', {
			FIRST_NAME: 'Seed',
			CUSTOMFIELDS: [{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Chess' }],
		});
		sandbox.clearLog();
		const failed = (await run({
			resource: 'contact',
			operation: 'update',
			recordId: { __rl: true, mode: 'id', value: String(created.CONTACT_ID) },
			updateFields: { LAST_NAME: 'Twice' },
		}).catch((caught: unknown) => caught)) as Error & { description: string };
		expect(failed.message).toMatch(
			/^Reading the custom field definitions of Contacts for the output failed/,
		);
		expect(failed.description).toMatch(
			new RegExp(
				`^Contact ${created.CONTACT_ID} was updated in Insightly: do not repeat the update`,
			),
		);
		expect(sentWrites(sandbox)).toHaveLength(1);
	});
});

function sentLinesOf(): string[] {
	return sentRequests(sandbox).map((request) => `${request.method} ${request.path}`);
}

describe('match on a custom field', () => {
	it('searches by the custom field and writes it into CUSTOMFIELDS on create', async () => {
		sandbox.clearLog();
		const out = await run({
			resource: 'contact',
			operation: 'upsert',
			matchField: 'Hobby__c',
			matchValue: 'Unicycling',
			FIRST_NAME: 'Uma',
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			path: '/Contacts/Search',
			query: { field_name: 'Hobby__c', field_value: 'Unicycling' },
		});
		expect(sentWrites(sandbox)[0].body).toEqual({
			FIRST_NAME: 'Uma',
			CUSTOMFIELDS: [{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Unicycling' }],
		});
		expect((out[0].json.customFields as IDataObject).Hobby__c).toBe('Unicycling');

		sandbox.clearLog();
		const again = await run({
			resource: 'contact',
			operation: 'upsert',
			matchField: 'Hobby__c',
			matchValue: 'Unicycling',
			FIRST_NAME: 'Uma',
			additionalFields: { LAST_NAME: 'Unger' },
		});
		expect(sentWrites(sandbox)).toEqual([
			expect.objectContaining({
				method: 'PUT',
				body: expect.objectContaining({ CONTACT_ID: out[0].json.CONTACT_ID, LAST_NAME: 'Unger' }),
			}),
		]);
		expect(again[0].json).toMatchObject({
			CONTACT_ID: out[0].json.CONTACT_ID,
			upsertAction: 'updated',
		});
	});
});

describe('other record types', () => {
	it.each([
		[
			'organisation',
			'Organisations',
			'ORGANISATION_NAME',
			{ ORGANISATION_NAME: 'Upsert Org Ltd' },
			'ORGANISATION_ID',
		],
		[
			'customObjectRecord',
			'Fruit__c',
			'RECORD_NAME',
			{ RECORD_NAME: 'Upsert crate', customObjectName: 'Fruit__c' },
			'RECORD_ID',
		],
	])('%s: created once, then updated', async (resource, path, field, parameters, idField) => {
		const value = String((parameters as IDataObject)[field]);
		const first = await run({
			resource,
			operation: 'upsert',
			matchField: field,
			matchValue: value,
			...parameters,
		});
		sandbox.clearLog();
		const second = await run({
			resource,
			operation: 'upsert',
			matchField: field,
			matchValue: value,
			...parameters,
		});
		expect(first[0].json.upsertAction).toBe('created');
		expect(second[0].json).toMatchObject({
			upsertAction: 'updated',
			[idField]: first[0].json[idField],
		});
		expect(sentLinesOf()[0]).toBe(`GET /${path}/Search`);
		expect(rows(sandbox, path).filter((row) => row[field] === value)).toHaveLength(1);
	});
});
