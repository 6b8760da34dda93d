import { useSandbox } from '../helpers/sandbox';
import { client } from './helpers';

const START = '2025-03-10T12:00:00Z';
const sb = useSandbox({ seed: false, startTime: START, freezeClock: true });
const call = client(sb);

const ids = (rows: { CONTACT_ID: number }[]) => rows.map((r) => r.CONTACT_ID);

describe('/Search', () => {
	it('matches one standard field exactly, ignoring case', async () => {
		const a = sb.records.create('Contacts', { FIRST_NAME: 'Ada', EMAIL_ADDRESS: 'ada@x.test' });
		sb.records.create('Contacts', { FIRST_NAME: 'Adam', EMAIL_ADDRESS: 'adam@x.test' });
		const res = await call('GET', '/Contacts/Search', {
			query: { field_name: 'FIRST_NAME', field_value: 'ada' },
		});
		expect(ids(res.body)).toEqual([a.CONTACT_ID]);
		const byEmail = await call('GET', '/Contacts/Search', {
			query: { field_name: 'EMAIL_ADDRESS', field_value: 'ada@x' },
		});
		expect(byEmail.body).toEqual([]);
		const byBool = await call('GET', '/Contacts/Search', {
			query: { field_name: 'CONTACT_ID', field_value: a.CONTACT_ID },
		});
		expect(ids(byBool.body)).toEqual([a.CONTACT_ID]);
	});

	it('updated_after_utc is strictly after, at 1-second resolution', async () => {
		const a = sb.records.create('Contacts', { FIRST_NAME: 'A' }); // 12:00:00
		sb.clock.advance(1_500);
		const b = sb.records.create('Contacts', { FIRST_NAME: 'B' }); // 12:00:01.5
		sb.clock.advance(1_000);
		const c = sb.records.create('Contacts', { FIRST_NAME: 'C' }); // 12:00:02.5
		const after = async (t: string) =>
			ids((await call('GET', '/Contacts/Search', { query: { updated_after_utc: t } })).body);
		expect(await after('2025-03-10T11:59:59Z')).toEqual([a.CONTACT_ID, b.CONTACT_ID, c.CONTACT_ID]);
		expect(await after('2025-03-10T12:00:00Z')).toEqual([b.CONTACT_ID, c.CONTACT_ID]);
		expect(await after('2025-03-10T12:00:01Z')).toEqual([c.CONTACT_ID]);
		expect(await after('2025-03-10T12:00:01.900Z')).toEqual([c.CONTACT_ID]);
		expect(await after('2025-03-10T12:00:02Z')).toEqual([]);
		// An update moves a record past the cursor; results stay in id order.
		sb.clock.advance(5_000);
		sb.records.update('Contacts', { CONTACT_ID: a.CONTACT_ID, PHONE: '1' });
		expect(await after('2025-03-10T12:00:02Z')).toEqual([a.CONTACT_ID]);
		expect(
			(await call('GET', '/Contacts/Search', { query: { updated_after_utc: 'yesterday' } })).status,
		).toBe(400);
	});

	it('combines field and time filters; field_name and field_value go together; unknown field is 400', async () => {
		sb.records.create('Contacts', { FIRST_NAME: 'Ada' });
		sb.clock.advance(2_000);
		const b = sb.records.create('Contacts', { FIRST_NAME: 'Ada' });
		const res = await call('GET', '/Contacts/Search', {
			query: {
				field_name: 'FIRST_NAME',
				field_value: 'Ada',
				updated_after_utc: '2025-03-10T12:00:00Z',
			},
		});
		expect(ids(res.body)).toEqual([b.CONTACT_ID]);
		expect(
			(await call('GET', '/Contacts/Search', { query: { field_name: 'FIRST_NAME' } })).status,
		).toBe(400);
		expect((await call('GET', '/Contacts/Search', { query: { field_value: 'Ada' } })).status).toBe(
			400,
		);
		const unknown = await call('GET', '/Contacts/Search', {
			query: { field_name: 'NOPE', field_value: 'x' },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.Message).toMatch(/NOPE/);
		expect(ids((await call('GET', '/Contacts/Search')).body)).toHaveLength(2);
	});

	it('matches custom fields, including dates given in ISO form and multiselect text', async () => {
		const a = sb.records.create('Contacts', {
			FIRST_NAME: 'A',
			CUSTOMFIELDS: [
				{ FIELD_NAME: 'Birthday__c', FIELD_VALUE: '1990-05-17' },
				{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Travel' },
				{ FIELD_NAME: 'Newsletter__c', FIELD_VALUE: true },
			],
		});
		const q = (field_name: string, field_value: string) =>
			call('GET', '/Contacts/Search', { query: { field_name, field_value } });
		expect(ids((await q('Birthday__c', '1990-05-17T00:00:00Z')).body)).toEqual([a.CONTACT_ID]);
		expect(ids((await q('Interests__c', 'Music;Travel')).body)).toEqual([a.CONTACT_ID]);
		expect(ids((await q('Newsletter__c', 'TRUE')).body)).toEqual([a.CONTACT_ID]);
		expect((await q('Newsletter__c', 'false')).body).toEqual([]);
	});

	it('pages search results and counts them', async () => {
		for (let i = 0; i < 7; i++) sb.records.create('Contacts', { FIRST_NAME: 'Same' });
		const res = await call('GET', '/Contacts/Search', {
			query: {
				field_name: 'FIRST_NAME',
				field_value: 'Same',
				top: 3,
				skip: 3,
				count_total: true,
				brief: true,
			},
		});
		expect(res.body).toHaveLength(3);
		expect(res.headers.get('x-total-count')).toBe('7');
		expect(res.body[0]).not.toHaveProperty('CUSTOMFIELDS');
	});
});

describe('/SearchByTag', () => {
	it('finds records carrying the tag, requires tagName', async () => {
		const a = sb.records.create('Organisations', {
			ORGANISATION_NAME: 'A',
			TAGS: [{ TAG_NAME: 'Partner' }],
		});
		sb.records.create('Organisations', { ORGANISATION_NAME: 'B', TAGS: [{ TAG_NAME: 'Other' }] });
		const res = await call('GET', '/Organisations/SearchByTag', { query: { tagName: 'Partner' } });
		expect(res.body.map((r: { ORGANISATION_ID: number }) => r.ORGANISATION_ID)).toEqual([
			a.ORGANISATION_ID,
		]);
		expect((await call('GET', '/Organisations/SearchByTag')).status).toBe(400);
	});
});

describe('an empty instance', () => {
	it('still has users, pipelines and custom-field metadata', async () => {
		expect((await call('GET', '/Contacts')).body).toEqual([]);
		expect((await call('GET', '/Users/Me')).status).toBe(200);
		expect((await call('GET', '/Pipelines')).body.length).toBeGreaterThan(0);
		expect((await call('GET', '/CustomFields/Contacts')).body.length).toBeGreaterThan(0);
	});
});
