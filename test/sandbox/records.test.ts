import type { Sandbox } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { client } from './helpers';

const START = '2025-03-10T12:00:00Z';
const sb = useSandbox({ startTime: START, freezeClock: true });
const call = client(sb);

/** Minimal valid create bodies, one per writable type, from the swagger's required lists. */
const CREATE: Record<string, (s: Sandbox) => object> = {
	Contacts: () => ({ FIRST_NAME: 'Ada' }),
	Organisations: () => ({ ORGANISATION_NAME: 'Acme' }),
	Leads: (s) => ({
		LAST_NAME: 'Lead',
		LEAD_SOURCE_ID: s.state.leadSources.rows[0].LEAD_SOURCE_ID,
		LEAD_STATUS_ID: s.state.leadStatuses.rows[0].LEAD_STATUS_ID,
	}),
	Opportunities: () => ({ OPPORTUNITY_NAME: 'Deal' }),
	Projects: () => ({ PROJECT_NAME: 'P', STATUS: 'NOT STARTED' }),
	Tasks: (s) => ({ TITLE: 'T', COMPLETED: false, OWNER_USER_ID: s.state.meUserId }),
	Events: () => ({ START_DATE_UTC: '2025-03-11 09:00:00', END_DATE_UTC: '2025-03-11T10:00:00Z' }),
	Product: () => ({ PRODUCT_NAME: 'Widget', DEFAULT_PRICE: 9.5, ACTIVE: true }),
	Pricebook: () => ({ NAME: 'EU', ACTIVE: true }),
	Quotation: (s) => ({
		QUOTATION_NAME: 'Q',
		OPPORTUNITY_ID: s.records.list('Opportunities')[0].OPPORTUNITY_ID,
	}),
	Fruit__c: () => ({ RECORD_NAME: 'Plum' }),
};
const ID: Record<string, string> = {
	Contacts: 'CONTACT_ID',
	Organisations: 'ORGANISATION_ID',
	Leads: 'LEAD_ID',
	Opportunities: 'OPPORTUNITY_ID',
	Projects: 'PROJECT_ID',
	Tasks: 'TASK_ID',
	Events: 'EVENT_ID',
	Product: 'PRODUCT_ID',
	Pricebook: 'PRICEBOOK_ID',
	Quotation: 'QUOTE_ID',
	Fruit__c: 'RECORD_ID',
};

describe('every record type', () => {
	it.each(Object.keys(CREATE))('%s: create, get, list, update, search', async (path) => {
		const idField = ID[path];
		const created = await call('POST', `/${path}`, { body: CREATE[path](sb) });
		expect(created.status).toBe(201);
		const id = created.body[idField];
		expect(typeof id).toBe('number');
		expect(created.body.DATE_UPDATED_UTC).toBe('2025-03-10 12:00:00');

		const got = await call('GET', `/${path}/${id}`);
		expect(got.status).toBe(200);
		expect(got.body[idField]).toBe(id);

		const list = await call('GET', `/${path}`, { query: { top: 500 } });
		expect(list.status).toBe(200);
		const ids = list.body.map((r: Record<string, number>) => r[idField]);
		expect(ids).toContain(id);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);

		sb.clock.advance(5_000);
		const updated = await call('PUT', `/${path}`, { body: { [idField]: id } });
		expect(updated.status).toBeLessThan(300);
		expect(updated.body.DATE_UPDATED_UTC).toBe('2025-03-10 12:00:05');
		expect(updated.body.DATE_CREATED_UTC).toBe('2025-03-10 12:00:00');

		const search = await call('GET', `/${path}/Search`, {
			query: { updated_after_utc: '2025-03-10T12:00:04Z' },
		});
		expect(search.body.map((r: Record<string, number>) => r[idField])).toEqual([id]);

		if (path !== 'Pricebook') {
			expect((await call('DELETE', `/${path}/${id}`)).status).toBe(202);
			expect((await call('GET', `/${path}/${id}`)).status).toBe(404);
		}
	});

	it('serves read-only types: Emails, Users, Milestones, Notes', async () => {
		for (const [path, idField] of [
			['Emails', 'EMAIL_ID'],
			['Users', 'USER_ID'],
			['Milestones', 'MILESTONE_ID'],
			['Notes', 'NOTE_ID'],
		]) {
			const list = await call('GET', `/${path}`);
			expect(list.status).toBe(200);
			expect(list.body.length).toBeGreaterThan(0);
			const one = await call('GET', `/${path}/${list.body[0][idField]}`);
			expect(one.body[idField]).toBe(list.body[0][idField]);
		}
		expect((await call('POST', '/Emails', { body: {} })).status).toBe(405);
		expect((await call('POST', '/Users', { body: {} })).status).toBe(405);
		expect((await call('POST', '/Notes', { body: { TITLE: 'x' } })).status).toBe(405);
	});
});

describe('lists', () => {
	it('pages with top (default 100, max 500) and skip, counts with count_total', async () => {
		sb.reset({ seed: { records: 2_000 } });
		const total = sb.state.collection(sb.state.type('Contacts')!).size;
		expect(total).toBeGreaterThan(600);
		expect((await call('GET', '/Contacts')).body).toHaveLength(100);
		expect((await call('GET', '/Contacts', { query: { top: 1000 } })).body).toHaveLength(500);
		const all = (await call('GET', '/Contacts', { query: { top: 500 } })).body.map(
			(c: { CONTACT_ID: number }) => c.CONTACT_ID,
		);
		const page = await call('GET', '/Contacts', {
			query: { top: 10, skip: 20, count_total: true },
		});
		expect(page.body.map((c: { CONTACT_ID: number }) => c.CONTACT_ID)).toEqual(all.slice(20, 30));
		expect(page.headers.get('x-total-count')).toBe(String(total));
		expect((await call('GET', '/Contacts')).headers.get('x-total-count')).toBeNull();
		expect((await call('GET', '/Contacts', { query: { top: 'x' } })).status).toBe(400);
	});

	it('brief drops sub-collections', async () => {
		const full = (await call('GET', '/Contacts', { query: { top: 1 } })).body[0];
		const brief = (await call('GET', '/Contacts', { query: { top: 1, brief: true } })).body[0];
		for (const key of ['CUSTOMFIELDS', 'TAGS', 'LINKS', 'DATES']) {
			expect(full).toHaveProperty(key);
			expect(brief).not.toHaveProperty(key);
		}
		expect(brief.CONTACT_ID).toBe(full.CONTACT_ID);
	});
});

describe('create validation', () => {
	const post = (body: unknown) => call('POST', '/Contacts', { body });
	it('requires the swagger required fields but not read-only ids and timestamps', async () => {
		expect((await post({ LAST_NAME: 'x' })).body.Message).toMatch(/FIRST_NAME is required/);
		// Organisations and Tasks list their id and timestamps as required: not on create.
		expect(
			(await call('POST', '/Organisations', { body: { ORGANISATION_NAME: 'A' } })).status,
		).toBe(201);
		expect(
			(
				await call('POST', '/Tasks', {
					body: { TITLE: 'T', COMPLETED: false, OWNER_USER_ID: sb.state.meUserId },
				})
			).status,
		).toBe(201);
		// Insightly fills COMPLETED and the owner of a task, the source and status of a lead, when a
		// create leaves them out (docs/live-api.md, "Create, update, delete"; sandbox/registry.ts).
		const task = await call('POST', '/Tasks', { body: { TITLE: 'T' } });
		expect(task.status).toBe(201);
		expect(task.body).toMatchObject({ COMPLETED: false, OWNER_USER_ID: sb.state.meUserId });
		const lead = await call('POST', '/Leads', { body: { LAST_NAME: 'Names Only' } });
		expect(lead.status).toBe(201);
		expect(lead.body.LEAD_SOURCE_ID).toBe(
			sb.state.leadSources.rows.find((row) => row.DEFAULT_VALUE)?.LEAD_SOURCE_ID,
		);
		expect(lead.body.LEAD_STATUS_ID).toBe(
			sb.state.leadStatuses.rows.find((row) => row.DEFAULT_STATUS)?.LEAD_STATUS_ID,
		);
		expect((await call('POST', '/Tasks', { body: { COMPLETED: false } })).body.Message).toMatch(
			/TITLE/,
		);
	});
	it('checks types, maxLength, read-only and unknown fields', async () => {
		expect((await post({ FIRST_NAME: 5 })).status).toBe(400);
		expect((await post({ FIRST_NAME: 'x'.repeat(256) })).body.Message).toMatch(/FIRST_NAME/);
		expect((await post({ FIRST_NAME: 'x', SALUTATION: 'y'.repeat(51) })).status).toBe(400);
		expect((await post({ FIRST_NAME: 'x', CONTACT_ID: 5 })).body.Message).toMatch(
			/CONTACT_ID is read-only/,
		);
		expect(
			(await post({ FIRST_NAME: 'x', DATE_CREATED_UTC: '2020-01-01 00:00:00' })).body.Message,
		).toMatch(/read-only/);
		expect((await post({ FIRST_NAME: 'x', FIRSTNAME: 'y' })).body.Message).toMatch(
			/Unknown field FIRSTNAME/,
		);
		expect((await post({ FIRST_NAME: 'x', DATE_OF_BIRTH: 'soon' })).status).toBe(400);
		expect((await post({ FIRST_NAME: 'x', ORGANISATION_ID: 42 })).body.Message).toMatch(
			/ORGANISATION_ID/,
		);
		expect((await post([{ FIRST_NAME: 'x' }])).status).toBe(400);
		const res = await call('POST', '/Contacts', {
			rawBody: Buffer.from('{oops'),
			contentType: 'application/json',
		});
		expect(res.status).toBe(400);
	});
	it('stores dates in Insightly form whatever form was sent', async () => {
		const c = (await post({ FIRST_NAME: 'x', DATE_OF_BIRTH: '1990-05-17T08:30:00Z' })).body;
		expect(c.DATE_OF_BIRTH).toBe('1990-05-17 08:30:00');
	});
});

describe('update and delete', () => {
	it('PUT is partial, null clears, unknown id is 404, id is required', async () => {
		const c = (
			await call('POST', '/Contacts', { body: { FIRST_NAME: 'Ada', LAST_NAME: 'L', TITLE: 'CEO' } })
		).body;
		const u = (
			await call('PUT', '/Contacts', {
				body: { CONTACT_ID: c.CONTACT_ID, TITLE: null, PHONE: '1' },
			})
		).body;
		expect(u).toMatchObject({ FIRST_NAME: 'Ada', LAST_NAME: 'L', TITLE: null, PHONE: '1' });
		expect((await call('PUT', '/Contacts', { body: { CONTACT_ID: 1, PHONE: '1' } })).status).toBe(
			404,
		);
		expect((await call('PUT', '/Contacts', { body: { PHONE: '1' } })).status).toBe(400);
		expect(
			(await call('PUT', '/Contacts', { body: { CONTACT_ID: c.CONTACT_ID, FIRST_NAME: null } }))
				.body.Message,
		).toMatch(/FIRST_NAME/);
		const after = (await call('GET', `/Contacts/${c.CONTACT_ID}`)).body;
		expect(after.FIRST_NAME).toBe('Ada');
	});
	it('a failed update changes nothing', async () => {
		const c = (await call('POST', '/Contacts', { body: { FIRST_NAME: 'Ada' } })).body;
		sb.clock.advance(3_000);
		const bad = await call('PUT', '/Contacts', {
			body: {
				CONTACT_ID: c.CONTACT_ID,
				PHONE: '9',
				CUSTOMFIELDS: [{ FIELD_NAME: 'Nope__c', FIELD_VALUE: 1 }],
			},
		});
		expect(bad.status).toBe(400);
		const after = (await call('GET', `/Contacts/${c.CONTACT_ID}`)).body;
		expect(after.PHONE).toBeNull();
		expect(after.DATE_UPDATED_UTC).toBe(c.DATE_UPDATED_UTC);
	});
	it('DELETE answers 202 with an empty body; unknown id 404 with a Message', async () => {
		const c = sb.records.create('Contacts', { FIRST_NAME: 'Gone' });
		const del = await call('DELETE', `/Contacts/${c.CONTACT_ID}`);
		expect(del.status).toBe(202);
		expect(del.raw.length).toBe(0);
		const again = await call('DELETE', `/Contacts/${c.CONTACT_ID}`);
		expect(again.status).toBe(404);
		expect(again.body.Message).toMatch(/not found/);
		expect((await call('GET', '/Contacts/abc')).status).toBe(400);
	});
});

describe('routing', () => {
	it('is case-insensitive, 404s unknown paths and 405s plural forms of singular paths', async () => {
		expect((await call('GET', '/contacts', { query: { top: 1 } })).status).toBe(200);
		expect((await call('GET', '/CONTACTS/SEARCH', { query: { top: 1 } })).status).toBe(200);
		expect((await call('GET', '/product')).status).toBe(200);
		expect((await call('GET', '/Products')).status).toBe(405);
		expect((await call('GET', '/Quotations')).status).toBe(405);
		expect((await call('GET', '/Pricebooks')).status).toBe(405);
		expect((await call('GET', '/Nothing__c')).status).toBe(404);
		expect((await call('GET', '/Contacts/1/Whatever/2/3')).status).toBe(404);
		expect((await call('PATCH', '/Contacts')).status).toBe(405);
	});
});
