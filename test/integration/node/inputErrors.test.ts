/**
 * Bad input stops with a NodeOperationError that names the problem and the item, before any
 * request reaches Insightly (only the custom field metadata may be read, never a write).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { byId, sentLines, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox({ seed: { records: 20, seed: 3 }, beforeEach: 'clearLog' });

async function rejection(parameters: IDataObject): Promise<NodeOperationError> {
	const error = await run(parameters).then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	return error as NodeOperationError;
}

describe('record IDs', () => {
	it.each(['abc', '12/34', '12?x=1', '12#top', '..', '../12', '-5', '0', '1.5', ''])(
		'rejects %j with no request',
		async (value) => {
			const error = await rejection({
				resource: 'contact',
				operation: 'get',
				recordId: byId(value),
			});
			expect(error.message).toMatch(/Contact ID|ID/);
			expect(error.message).toMatch(/\[item 0\]|item/i);
			expect(sentLines(sandbox)).toEqual([]);
		},
	);

	it('rejects a URL that is not a record URL', async () => {
		await rejection({
			resource: 'contact',
			operation: 'get',
			recordId: { __rl: true, mode: 'url', value: 'https://example.com/nothing' },
		});
		expect(sentLines(sandbox)).toEqual([]);
	});

	it.each([
		[
			'link ID',
			{
				resource: 'link',
				operation: 'remove',
				recordType: 'contact',
				recordId: byId(1000001),
				linkId: '5/../6',
			},
			/Link ID must be a plain number/,
		],
		[
			'file ID',
			{ resource: 'fileAttachment', operation: 'delete', fileId: '../80000001' },
			/File ID must be a plain number/,
		],
		[
			'linked record ID',
			{
				resource: 'link',
				operation: 'add',
				recordType: 'contact',
				recordId: byId(1000001),
				linkObjectName: 'Organisation',
				linkObjectId: 'x',
			},
			/Linked Record ID must be a positive whole number/,
		],
		[
			'custom object name',
			{
				resource: 'customObjectRecord',
				operation: 'get',
				customObjectName: 'Fruit/../Contacts',
				recordId: byId(1),
			},
			/Custom Object must be a custom object API name/,
		],
		[
			'Of Record',
			{ resource: 'note', operation: 'getAll', filters: { parentRecord: 'contact:12/13' } },
			/Of Record ID must be a plain number/,
		],
	])('rejects a bad %s', async (_name, parameters, message) => {
		expect((await rejection(parameters)).message).toMatch(message);
		expect(sentLines(sandbox)).toEqual([]);
	});
});

describe('field values', () => {
	it('rejects an empty required field', async () => {
		expect(
			(await rejection({ resource: 'contact', operation: 'create', FIRST_NAME: '  ' })).message,
		).toMatch(/First Name is required but empty \[item 0\]/);
		expect(sentLines(sandbox)).toEqual([]);
	});

	it('rejects an invalid date', async () => {
		const error = await rejection({
			resource: 'contact',
			operation: 'create',
			FIRST_NAME: 'Ada',
			additionalFields: { DATE_OF_BIRTH: 'next Tuesday-ish' },
		});
		expect(error.message).toMatch(/Date of Birth/);
		expect(sentLines(sandbox)).toEqual([]);
	});

	it('rejects an invalid date filter', async () => {
		await rejection({
			resource: 'contact',
			operation: 'getAll',
			filters: { updatedAfter: 'yesterday-ish' },
		});
		expect(sentLines(sandbox)).toEqual([]);
	});

	it('rejects a value too long for the field', async () => {
		expect(
			(await rejection({ resource: 'contact', operation: 'create', FIRST_NAME: 'A'.repeat(256) }))
				.message,
		).toMatch(/First Name is too long: 256 characters, Insightly allows 255/);
		expect(sentLines(sandbox)).toEqual([]);
	});

	it('rejects an update with nothing to change', async () => {
		expect(
			(await rejection({ resource: 'contact', operation: 'update', recordId: byId(1000001) }))
				.message,
		).toMatch(/Nothing to update/);
		expect(sentLines(sandbox)).toEqual([]);
	});

	it('rejects a field both set and cleared', async () => {
		expect(
			(
				await rejection({
					resource: 'contact',
					operation: 'update',
					recordId: byId(1000001),
					updateFields: { PHONE: '1' },
					clearFields: ['PHONE'],
				})
			).message,
		).toMatch(/Phone is both set and cleared/);
		expect(sentLines(sandbox)).toEqual([]);
	});

	it('rejects an upsert without its match value or field', async () => {
		expect(
			(
				await rejection({
					resource: 'contact',
					operation: 'upsert',
					matchField: 'EMAIL_ADDRESS',
					matchValue: '',
					FIRST_NAME: 'Ada',
				})
			).message,
		).toMatch(/Match Value is required but empty/);
		expect(
			(
				await rejection({
					resource: 'contact',
					operation: 'upsert',
					matchField: '',
					matchValue: 'a@b.c',
					FIRST_NAME: 'Ada',
				})
			).message,
		).toMatch(/Match On Field is required but empty/);
		expect(sentLines(sandbox)).toEqual([]);
	});

	it('rejects an empty tag name', async () => {
		expect(
			(
				await rejection({
					resource: 'tag',
					operation: 'add',
					recordType: 'contact',
					recordId: byId(1000001),
					tagName: ' ',
				})
			).message,
		).toMatch(/Tag Name is required but empty/);
		expect(sentLines(sandbox)).toEqual([]);
	});
});

describe('custom fields', () => {
	it('an unknown custom field reads the metadata only, and writes nothing', async () => {
		const error = await rejection({
			resource: 'contact',
			operation: 'create',
			FIRST_NAME: 'Ada',
			customFields: { field: [{ fieldName: 'Shoe_Size__c', value: '9' }] },
		});
		expect(error.message).toMatch(/Unknown custom field "Shoe_Size__c" on Contact/);
		expect(error.description).toMatch(/Known custom fields: Hobby__c/);
		expect(sentLines(sandbox)).toEqual(['GET /CustomFields/Contacts']);
	});

	it.each([
		['Tier__c', 'Platinum', /has no option "Platinum"/],
		['Interests__c', 'Music;Knitting', /has no option "Knitting"/],
		['Newsletter__c', 'perhaps', /expects true or false/],
		['Score__c', 'lots', /expects a number/],
		['Birthday__c', '31/02/2020', /Birthday/],
		['Member_No__c', 'M-1', /read-only/],
	])('%s = %j is refused before any write', async (fieldName, value, message) => {
		const error = await rejection({
			resource: 'contact',
			operation: 'update',
			recordId: byId(1000001),
			customFields: { field: [{ fieldName, value }] },
		});
		expect(error.message).toMatch(message);
		expect(sentLines(sandbox)).toEqual(['GET /CustomFields/Contacts']);
	});
});
