/**
 * Create, Get, Update, Get Many, Search and Delete on every record type, through the node's real
 * execute path against the sandbox: each test checks the items returned and the exact requests
 * the sandbox received.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	CUSTOM_OBJECT_RECORD,
	RECORD_TYPES,
	recordLabel,
	supports,
	type RecordType,
} from '../../../nodes/Insightly/objects';
import { getRecordFields } from '../../../nodes/Insightly/schema';
import {
	byId,
	FRUIT,
	jsonOf,
	pathOf,
	rows,
	seeded,
	sentRequests,
	sentWrites,
	useNodeSandbox,
} from './helpers';
import { requiredParameters, sentValue } from './samples';

const { sandbox, run } = useNodeSandbox();

const WRITABLE = RECORD_TYPES.filter((type) => supports(type, 'create'));

/** Parameters every operation on this type needs besides resource/operation. */
const baseOf = (type: RecordType): IDataObject => ({
	resource: type.key,
	...(type.key === CUSTOM_OBJECT_RECORD ? { customObjectName: FRUIT } : {}),
});

function anyRecord(type: RecordType): IDataObject {
	return seeded(sandbox, pathOf(type));
}

describe.each(WRITABLE.map((type) => [type.key, type] as const))('%s', (_key, type) => {
	const idField = type.idField;

	it('create sends the required fields, converted, and returns the stored record', async () => {
		const required = requiredParameters(sandbox, type.key);
		const parameters: IDataObject = { ...baseOf(type), operation: 'create', ...required };
		let path = `/${pathOf(type)}`;
		if (type.createdThroughParent) {
			const parent = seeded(sandbox, 'Contacts');
			parameters.parentType = 'contact';
			parameters.parentId = byId(parent.CONTACT_ID as number);
			path = `/Contacts/${parent.CONTACT_ID}/Notes`;
		}
		sandbox.clearLog();
		const out = await run(parameters);

		const expectedBody = Object.fromEntries(
			getRecordFields(type.key)
				.filter((spec) => spec.required)
				.map((spec) => [spec.name, sentValue(spec, required[spec.name])]),
		);
		const writes = sentWrites(sandbox);
		expect(writes).toEqual([{ method: 'POST', path, query: {}, body: expectedBody, status: 201 }]);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const id = out[0].json[idField] as number;
		expect(Number.isInteger(id)).toBe(true);
		const stored = rows(sandbox, pathOf(type)).find((row) => row[idField] === id);
		expect(stored).toMatchObject(expectedBody);
	});

	it('get reads one record by ID', async () => {
		const record = anyRecord(type);
		sandbox.clearLog();
		const out = await run({
			...baseOf(type),
			operation: 'get',
			recordId: byId(record[idField] as number),
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			method: 'GET',
			path: `/${pathOf(type)}/${record[idField]}`,
			query: {},
		});
		expect(jsonOf(out)).toEqual([
			expect.objectContaining({
				[idField]: record[idField],
				[type.nameFields[0]]: record[type.nameFields[0]],
			}),
		]);
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('update sends only the given fields plus the ID, and Clear Fields as null', async () => {
		const record = anyRecord(type);
		const id = record[idField] as number;
		const strings = getRecordFields(type.key).filter(
			(spec) => spec.kind === 'string' && !type.nameFields.includes(spec.name),
		);
		const [changed, cleared] = strings.length
			? strings.filter((spec) => !spec.required)
			: getRecordFields(type.key).filter((spec) => spec.kind === 'string');
		const parameters: IDataObject = {
			...baseOf(type),
			operation: 'update',
			recordId: byId(id),
			updateFields: { [changed.name]: 'Changed by n8n' },
			// Simplified keeps the cleared field as null (Compact, the default, leaves it out).
			options: { output: 'simplified' },
		};
		if (cleared) parameters.clearFields = [cleared.name];
		sandbox.clearLog();
		const out = await run(parameters);

		const body: IDataObject = {
			[changed.name]: 'Changed by n8n',
			[idField]: id,
			...(cleared ? { [cleared.name]: null } : {}),
		};
		expect(sentWrites(sandbox)).toEqual([
			expect.objectContaining({ method: 'PUT', path: `/${pathOf(type)}`, query: {}, body }),
		]);
		expect(out[0].json).toMatchObject({
			[idField]: id,
			[changed.name]: 'Changed by n8n',
			...(cleared ? { [cleared.name]: null } : {}),
		});
		// Fields not named are untouched.
		const stored = rows(sandbox, pathOf(type)).find((row) => row[idField] === id) as IDataObject;
		if (changed.name !== type.nameFields[0])
			expect(stored[type.nameFields[0]]).toEqual(record[type.nameFields[0]]);
		expect(stored.DATE_CREATED_UTC).toEqual(record.DATE_CREATED_UTC);
	});

	it('getAll with a limit asks for that many and returns them', async () => {
		sandbox.clearLog();
		const out = await run({ ...baseOf(type), operation: 'getAll', limit: 2 });
		expect(sentRequests(sandbox)[0]).toMatchObject({
			method: 'GET',
			path: `/${pathOf(type)}`,
			query: { top: '2', skip: '0' },
		});
		const available = rows(sandbox, pathOf(type)).length;
		expect(out).toHaveLength(Math.min(2, available));
		expect(
			out.every(
				(item) =>
					typeof item.json[idField] === 'number' &&
					(item.pairedItem as { item: number }).item === 0,
			),
		).toBe(true);
	});

	it('search finds records whose field equals the value', async () => {
		const record = anyRecord(type);
		const field = type.nameFields[0];
		const value = String(record[field]);
		sandbox.clearLog();
		const out = await run({
			...baseOf(type),
			operation: 'search',
			searchField: field,
			searchValue: value,
			returnAll: true,
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			method: 'GET',
			path: `/${pathOf(type)}/Search`,
			query: { field_name: field, field_value: value, top: '500', skip: '0' },
		});
		const expected = rows(sandbox, pathOf(type))
			.filter((row) => row[field] === record[field])
			.map((row) => row[idField]);
		expect(
			jsonOf(out)
				.map((json) => json[idField])
				.sort(),
		).toEqual(expected.sort());
	});

	// Price books have no DELETE in the spec (test/contract/registry.test.ts).
	if (supports(type, 'delete')) {
		it('delete removes the record', async () => {
			const created = sandbox.records.create(
				pathOf(type),
				type.createdThroughParent ? { TITLE: 'Scratch' } : requiredBody(type),
			);
			const id = created[idField] as number;
			sandbox.clearLog();
			const out = await run({ ...baseOf(type), operation: 'delete', recordId: byId(id) });
			expect(sentRequests(sandbox)).toEqual([
				{
					method: 'DELETE',
					path: `/${pathOf(type)}/${id}`,
					query: {},
					body: undefined,
					status: 202,
				},
			]);
			expect(jsonOf(out)).toEqual([{ [idField]: id, deleted: true }]);
			expect(rows(sandbox, pathOf(type)).some((row) => row[idField] === id)).toBe(false);
		});
	}
});

/** A body that creates a record of `type` directly in the sandbox. */
function requiredBody(type: RecordType): IDataObject {
	const required = requiredParameters(sandbox, type.key);
	return Object.fromEntries(
		getRecordFields(type.key)
			.filter((spec) => spec.required)
			.map((spec) => [spec.name, sentValue(spec, required[spec.name])]),
	) as IDataObject;
}

describe('user', () => {
	it('get, getAll and getCurrent read users', async () => {
		const me = seeded(sandbox, 'Users', (row) => row.USER_ID === sandbox.state.meUserId);
		sandbox.clearLog();
		const [current] = await run({ resource: 'user', operation: 'getCurrent' });
		expect(current.json).toMatchObject({ USER_ID: me.USER_ID, EMAIL_ADDRESS: me.EMAIL_ADDRESS });
		const other = seeded(sandbox, 'Users', (row) => row.USER_ID !== me.USER_ID);
		const [got] = await run({
			resource: 'user',
			operation: 'get',
			recordId: byId(other.USER_ID as number),
		});
		expect(got.json).toMatchObject({ USER_ID: other.USER_ID, FIRST_NAME: other.FIRST_NAME });
		const all = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(
			jsonOf(all)
				.map((json) => json.USER_ID)
				.sort(),
		).toEqual(
			rows(sandbox, 'Users')
				.map((row) => row.USER_ID)
				.sort(),
		);
		expect(
			sentRequests(sandbox).map(({ method, path, query }) => ({ method, path, query })),
		).toEqual([
			{ method: 'GET', path: '/Users/Me', query: {} },
			{ method: 'GET', path: `/Users/${other.USER_ID}`, query: {} },
			{ method: 'GET', path: '/Users', query: { top: '500', skip: '0', count_total: 'true' } },
		]);
	});

	it('search finds users by email (users have no brief option)', async () => {
		const user = seeded(sandbox, 'Users');
		sandbox.clearLog();
		const out = await run({
			resource: 'user',
			operation: 'search',
			searchField: 'EMAIL_ADDRESS',
			searchValue: String(user.EMAIL_ADDRESS),
			options: { brief: true },
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			path: '/Users/Search',
			query: { field_name: 'EMAIL_ADDRESS', field_value: user.EMAIL_ADDRESS, top: '50', skip: '0' },
		});
		expect(jsonOf(out)).toEqual([expect.objectContaining({ USER_ID: user.USER_ID })]);
	});
});

describe('getAll filters and options', () => {
	it('Updated After searches with updated_after_utc in UTC', async () => {
		const cutoff = new Date(sandbox.clock.now() - 20 * 86_400_000);
		sandbox.clearLog();
		const out = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { updatedAfter: cutoff.toISOString() },
		});
		const expectedQuery = cutoff.toISOString().replace(/\.\d{3}Z$/, 'Z');
		expect(sentRequests(sandbox)[0]).toMatchObject({
			path: '/Contacts/Search',
			query: { updated_after_utc: expectedQuery, top: '500', skip: '0' },
		});
		const expected = rows(sandbox, 'Contacts').filter(
			(row) =>
				Date.parse(`${String(row.DATE_UPDATED_UTC).replace(' ', 'T')}Z`) > cutoff.getTime() - 1000,
		);
		expect(out.length).toBeGreaterThan(0);
		expect(out.length).toBeLessThan(rows(sandbox, 'Contacts').length);
		expect(Math.abs(out.length - expected.length)).toBeLessThanOrEqual(1);
	});

	it('Tag uses SearchByTag and returns only tagged records', async () => {
		const tagged = seeded(
			sandbox,
			'Contacts',
			(row) => Array.isArray(row.TAGS) && (row.TAGS as IDataObject[]).length > 0,
		);
		const tag = String((tagged.TAGS as IDataObject[])[0].TAG_NAME);
		sandbox.clearLog();
		const out = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { tag },
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			path: '/Contacts/SearchByTag',
			query: { tagName: tag, top: '500', skip: '0' },
		});
		const expected = rows(sandbox, 'Contacts').filter((row) =>
			(row.TAGS as IDataObject[]).some((entry) => entry.TAG_NAME === tag),
		);
		expect(
			jsonOf(out)
				.map((json) => json.CONTACT_ID)
				.sort(),
		).toEqual(expected.map((row) => row.CONTACT_ID).sort());
	});

	it('Field Equals searches by field_name / field_value', async () => {
		const org = seeded(sandbox, 'Organisations');
		sandbox.clearLog();
		const out = await run({
			resource: 'organisation',
			operation: 'getAll',
			limit: 5,
			filters: { fieldName: 'ORGANISATION_NAME', fieldValue: org.ORGANISATION_NAME },
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			path: '/Organisations/Search',
			query: {
				field_name: 'ORGANISATION_NAME',
				field_value: org.ORGANISATION_NAME,
				top: '5',
				skip: '0',
			},
		});
		expect(jsonOf(out)).toEqual([
			expect.objectContaining({ ORGANISATION_ID: org.ORGANISATION_ID }),
		]);
	});

	it('Brief asks for top-level fields only', async () => {
		sandbox.clearLog();
		const out = await run({
			resource: 'contact',
			operation: 'getAll',
			limit: 3,
			options: { brief: true },
		});
		expect(sentRequests(sandbox)).toEqual([
			expect.objectContaining({ path: '/Contacts', query: { brief: 'true', top: '3', skip: '0' } }),
		]);
		expect(out).toHaveLength(3);
		expect(out[0].json.CUSTOMFIELDS).toBeUndefined();
		expect(out[0].json.customFields).toBeUndefined();
	});

	it('Return All pages through every record', async () => {
		const total = rows(sandbox, 'Contacts').length;
		for (let i = 0; i < 520 - total; i++)
			sandbox.records.create('Contacts', { FIRST_NAME: `Bulk ${i}` });
		sandbox.clearLog();
		const out = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			options: { brief: true },
		});
		expect(out).toHaveLength(520);
		expect(new Set(jsonOf(out).map((json) => json.CONTACT_ID)).size).toBe(520);
		expect(sentRequests(sandbox).map((request) => request.query)).toEqual([
			// X-Total-Count from the first page: the second asks only for the 20 left.
			{ brief: 'true', top: '500', skip: '0', count_total: 'true' },
			{ brief: 'true', top: '20', skip: '500' },
		]);
	});

	it('Of Record lists the notes of one record', async () => {
		const link = [...sandbox.state.links.values()].find(
			(entry) => entry.from.type === 'Notes' && entry.to.type === 'Contacts',
		);
		if (!link) throw new Error('seed has no note on a contact');
		const contactId = link.to.id;
		sandbox.clearLog();
		const out = await run({
			resource: 'note',
			operation: 'getAll',
			returnAll: true,
			filters: { parentRecord: `contact:${contactId}` },
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			method: 'GET',
			path: `/Contacts/${contactId}/Notes`,
			query: { top: '500', skip: '0' },
		});
		expect(jsonOf(out).map((json) => json.NOTE_ID)).toContain(link.from.id);
	});

	it('Compact (default) flattens custom fields; Raw returns the raw CUSTOMFIELDS', async () => {
		const record = seeded(sandbox, 'Contacts', (row) =>
			(row.CUSTOMFIELDS as IDataObject[]).some((entry) => entry.FIELD_NAME === 'Interests__c'),
		);
		const raw = (record.CUSTOMFIELDS as IDataObject[]).find(
			(entry) => entry.FIELD_NAME === 'Interests__c',
		) as IDataObject;
		const [simple] = await run({
			resource: 'contact',
			operation: 'get',
			recordId: byId(record.CONTACT_ID as number),
		});
		expect(simple.json.CUSTOMFIELDS).toBeUndefined();
		expect((simple.json.customFields as IDataObject).Interests__c).toEqual(
			String(raw.FIELD_VALUE).split(';'),
		);
		const [plain] = await run({
			resource: 'contact',
			operation: 'get',
			recordId: byId(record.CONTACT_ID as number),
			options: { output: 'raw' },
		});
		expect(plain.json.customFields).toBeUndefined();
		expect(plain.json.CUSTOMFIELDS).toEqual(record.CUSTOMFIELDS);
	});
});

describe('resource locator', () => {
	it('takes the record from its Insightly URL', async () => {
		const contact = seeded(sandbox, 'Contacts');
		sandbox.clearLog();
		const url = `https://crm.na1.insightly.com/details/Contact/${contact.CONTACT_ID}`;
		const [out] = await run({
			resource: 'contact',
			operation: 'get',
			recordId: { __rl: true, mode: 'url', value: url },
		});
		expect(out.json.CONTACT_ID).toBe(contact.CONTACT_ID);
		expect(sentRequests(sandbox)[0].path).toBe(`/Contacts/${contact.CONTACT_ID}`);
	});

	it('takes the value picked from the list', async () => {
		const org = seeded(sandbox, 'Organisations');
		const [out] = await run({
			resource: 'organisation',
			operation: 'get',
			recordId: {
				__rl: true,
				mode: 'list',
				value: String(org.ORGANISATION_ID),
				cachedResultName: recordLabel(RECORD_TYPES[1], org),
			},
		});
		expect(out.json.ORGANISATION_ID).toBe(org.ORGANISATION_ID);
	});
});
