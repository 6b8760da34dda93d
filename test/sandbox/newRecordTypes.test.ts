/**
 * Record types added after the first release of the sandbox (Ticket, Prospect, KnowledgeArticle,
 * PricebookEntry, OpportunityLineItem, QuotationLineItem, Teams), and every verb the swagger
 * declares on Emails, Milestones and Pricebook. Each response is checked against the swagger by
 * the test client.
 */
import type { Sandbox } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { client } from './helpers';

const START = '2025-03-10T12:00:00Z';
const AT_START = '2025-03-10 12:00:00';
const FIVE_LATER = '2025-03-10 12:00:05';
const sb = useSandbox({ startTime: START, freezeClock: true });
const call = client(sb);

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const idsOf = (rows: Row[], idField: string): number[] => rows.map((r) => r[idField]);
const firstContact = (s: Sandbox): Row => s.records.list('Contacts')[0];
const meUserId = () => sb.state.meUserId;

/** Lists, brief, count_total, top/skip and ascending ids of a seeded collection. */
async function expectSeededList(path: string, idField: string, count: number): Promise<Row[]> {
	const list = await call('GET', `/${path}`, { query: { count_total: true } });
	expect(list.status).toBe(200);
	expect(list.body).toHaveLength(count);
	expect(list.headers.get('x-total-count')).toBe(String(count));
	const ids = idsOf(list.body, idField);
	expect([...ids].sort((a, b) => a - b)).toEqual(ids);
	const page = await call('GET', `/${path}`, { query: { top: 1, skip: 1 } });
	expect(idsOf(page.body, idField)).toEqual([ids[1]]);
	const brief = await call('GET', `/${path}`, { query: { brief: true } });
	for (const row of brief.body as Row[]) {
		for (const key of ['CUSTOMFIELDS', 'TAGS', 'LINKS', 'TEAMMEMBERS'])
			expect(row).not.toHaveProperty(key);
	}
	const one = await call('GET', `/${path}/${ids[0]}`);
	expect(one.status).toBe(200);
	expect(one.body).toEqual(list.body[0]);
	return list.body;
}

/** Tags, SearchByTag and Follow on a record of `path` (all declared by the swagger). */
async function expectTagsAndFollow(path: string, idField: string, id: number): Promise<void> {
	const url = `/${path}/${id}`;
	sb.clock.advance(2_000);
	expect((await call('POST', `${url}/Tags`, { body: { TAG_NAME: 'Hot' } })).status).toBe(201);
	expect((await call('GET', `${url}/Tags`)).body).toEqual([{ TAG_NAME: 'Hot' }]);
	expect((await call('GET', url)).body.DATE_UPDATED_UTC).toBe('2025-03-10 12:00:02');
	const byTag = await call('GET', `/${path}/SearchByTag`, {
		query: { tagName: 'Hot', count_total: true },
	});
	expect(idsOf(byTag.body, idField)).toEqual([id]);
	expect(byTag.headers.get('x-total-count')).toBe('1');
	expect((await call('GET', `/${path}/SearchByTag`)).status).toBe(400);

	const replaced = await call('PUT', `${url}/Tags`, {
		body: [{ TAG_NAME: 'Warm' }, { TAG_NAME: 'Cold' }],
	});
	expect(replaced.body).toEqual([{ TAG_NAME: 'Warm' }, { TAG_NAME: 'Cold' }]);
	expect((await call('DELETE', `${url}/Tags`, { body: { TAG_NAME: 'Warm' } })).status).toBe(202);
	expect((await call('DELETE', `${url}/Tags`, { body: { TAG_NAME: 'Warm' } })).status).toBe(404);
	expect((await call('GET', `${url}/Tags`)).body).toEqual([{ TAG_NAME: 'Cold' }]);
	expect((await call('POST', `${url}/Tags`, { body: {} })).status).toBe(400);

	sb.clock.advance(2_000);
	expect((await call('GET', `${url}/Follow`)).body).toEqual({ FOLLOWING: false });
	const follow = await call('POST', `${url}/Follow`);
	expect(follow.status).toBe(201);
	expect(follow.body).toEqual({ FOLLOWING: true });
	expect((await call('GET', `${url}/Follow`)).body).toEqual({ FOLLOWING: true });
	const follows = await call('GET', '/Follows', { query: { record_type: path } });
	expect(follows.body).toEqual([{ RECORD_TYPE: path, RECORD_ID: id }]);
	// Following does not change the record.
	expect((await call('GET', url)).body.DATE_UPDATED_UTC).toBe('2025-03-10 12:00:02');
	expect((await call('DELETE', `${url}/Follow`)).status).toBe(202);
	expect((await call('DELETE', `${url}/Follow`)).status).toBe(404);
	expect((await call('POST', `/${path}/1/Follow`)).status).toBe(404);
}

// ------------------------------------------------------------------ Ticket, Prospect, KnowledgeArticle

interface WritableCase {
	idField: string;
	firstId: number;
	seeded: number;
	create: (s: Sandbox) => Row;
	/** A field set on create, searched for, then changed by the update. */
	search: [string, string];
	update: Row;
	/** A field the swagger marks read-only on this type. */
	readOnly: Row;
	/** A value breaking the body schema, and the field the 400 must name. */
	invalid: [Row, string];
	missing: string;
}

const WRITABLE: Record<string, WritableCase> = {
	Ticket: {
		idField: 'TICKET_ID',
		firstId: 101_000_001,
		seeded: 4,
		create: (s) => ({
			SUBJECT: 'Printer on fire',
			TICKET_STATUS: 'Open',
			PRIORITY: 'Urgent',
			CONTACT_ID: firstContact(s).CONTACT_ID,
			TicketCommentBodyHtml: '<p>Smoke everywhere.</p>',
		}),
		search: ['SUBJECT', 'printer ON fire'],
		update: { TICKET_STATUS: 'Solved' },
		readOnly: { TICKET_NUMBER: 'T-1' },
		invalid: [{ PRIORITY: 'x'.repeat(21) }, 'PRIORITY'],
		missing: 'CONTACT_ID',
	},
	Prospect: {
		idField: 'PROSPECT_ID',
		firstId: 102_000_001,
		seeded: 4,
		create: () => ({ EMAIL_ADDRESS: 'pat@prospects.test', FIRST_NAME: 'Pat', EMPLOYEE_COUNT: 12 }),
		search: ['EMAIL_ADDRESS', 'PAT@prospects.test'],
		update: { TITLE: 'CFO', EMPLOYEE_COUNT: null },
		readOnly: { LEAD_ID: 1 },
		invalid: [{ EMPLOYEE_COUNT: 'many' }, 'EMPLOYEE_COUNT'],
		missing: 'EMAIL_ADDRESS',
	},
	KnowledgeArticle: {
		idField: 'ARTICLE_ID',
		firstId: 103_000_001,
		seeded: 3,
		create: () => ({ Title: 'How to export', URL_SLUG: 'how-to-export', FOLDER_ID: 1 }),
		search: ['url_slug', 'how-to-export'],
		update: { Body: '<p>Open Settings.</p>', PROMOTED: true },
		readOnly: { Status: 'Published' },
		invalid: [{ URL_SLUG: 'x'.repeat(256) }, 'URL_SLUG'],
		missing: 'Title',
	},
};

describe.each(Object.entries(WRITABLE))('%s', (path, c) => {
	it('lists, pages and gets the seeded records in their own id range', async () => {
		const rows = await expectSeededList(path, c.idField, c.seeded);
		expect(rows[0][c.idField]).toBe(c.firstId);
		// An id of another type is a 404, not a silent hit.
		expect((await call('GET', `/${path}/${firstContact(sb).CONTACT_ID}`)).status).toBe(404);
		expect((await call('GET', `/${path}/${c.firstId + 999}`)).status).toBe(404);
		expect((await call('GET', `/${path}/abc`)).status).toBe(400);
	});

	it('creates, gets, updates, searches and deletes', async () => {
		const created = await call('POST', `/${path}`, { body: c.create(sb) });
		expect(created.status).toBe(201);
		const id = created.body[c.idField];
		expect(id).toBeGreaterThan(c.firstId);
		expect(created.body).toMatchObject({
			DATE_CREATED_UTC: AT_START,
			DATE_UPDATED_UTC: AT_START,
			CREATED_USER_ID: meUserId(),
			OWNER_USER_ID: meUserId(),
			CUSTOMFIELDS: [],
			TAGS: [],
		});
		expect((await call('GET', `/${path}/${id}`)).body).toEqual(created.body);

		const search = await call('GET', `/${path}/Search`, {
			query: { field_name: c.search[0], field_value: c.search[1], count_total: true },
		});
		expect(idsOf(search.body, c.idField)).toEqual([id]);
		expect(search.headers.get('x-total-count')).toBe('1');

		sb.clock.advance(5_000);
		const updated = await call('PUT', `/${path}`, { body: { [c.idField]: id, ...c.update } });
		expect(updated.status).toBe(201); // the swagger's status for PUT /Ticket, /Prospect...
		expect(updated.body).toMatchObject({
			...c.update,
			DATE_CREATED_UTC: AT_START,
			DATE_UPDATED_UTC: FIVE_LATER,
		});
		// Partial: what the update left out is kept.
		const [field] = Object.keys(c.create(sb)).filter((k) => !(k in c.update));
		expect(updated.body[field]).toEqual(created.body[field]);

		const after = await call('GET', `/${path}/Search`, {
			query: { updated_after_utc: '2025-03-10T12:00:04Z', brief: true },
		});
		expect(idsOf(after.body, c.idField)).toEqual([id]);
		expect(after.body[0]).not.toHaveProperty('TAGS');
		const combined = await call('GET', `/${path}/Search`, {
			query: {
				field_name: c.search[0],
				field_value: c.search[1],
				updated_after_utc: '2025-03-10 12:00:05',
			},
		});
		expect(combined.body).toEqual([]);
		const unknown = await call('GET', `/${path}/Search`, {
			query: { field_name: 'NOPE', field_value: 'x' },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.Message).toMatch(/NOPE/);

		expect((await call('PUT', `/${path}`, { body: { [c.idField]: c.firstId + 999 } })).status).toBe(
			404,
		);
		const deleted = await call('DELETE', `/${path}/${id}`);
		expect(deleted.status).toBe(202);
		expect(deleted.raw.length).toBe(0);
		expect((await call('GET', `/${path}/${id}`)).status).toBe(404);
		expect((await call('DELETE', `/${path}/${id}`)).status).toBe(404);
	});

	it('validates bodies against the swagger', async () => {
		const valid = c.create(sb);
		const post = (body: Row) => call('POST', `/${path}`, { body });
		const missing = await post({ ...valid, [c.missing]: undefined });
		expect(missing.status).toBe(400);
		expect(missing.body.Message).toMatch(new RegExp(`${c.missing} is required`));
		const [bad, badField] = c.invalid;
		const invalid = await post({ ...valid, ...bad });
		expect(invalid.status).toBe(400);
		expect(invalid.body.Message).toMatch(new RegExp(badField));
		const readOnly = await post({ ...valid, ...c.readOnly });
		expect(readOnly.body.Message).toMatch(/read-only/);
		expect((await post({ ...valid, [c.idField]: 5 })).body.Message).toMatch(/read-only/);
		expect((await post({ ...valid, DATE_UPDATED_UTC: AT_START })).status).toBe(400);
		expect((await post({ ...valid, NOT_A_FIELD: 1 })).body.Message).toMatch(/NOT_A_FIELD/);
		expect((await post({ ...valid, OWNER_USER_ID: 42 })).body.Message).toMatch(/OWNER_USER_ID/);
		expect(
			(await post({ ...valid, CUSTOMFIELDS: [{ FIELD_NAME: 'Nope__c', FIELD_VALUE: 1 }] })).status,
		).toBe(400);
		expect((await post([valid] as unknown as Row)).status).toBe(400);
		// A failed write stores nothing.
		expect(sb.records.list(path)).toHaveLength(c.seeded);
		expect((await call('PUT', `/${path}`, { body: c.update })).body.Message).toMatch(c.idField);
	});

	it('has Tags, SearchByTag and Follow, but no Links and no GET /Tags record_type', async () => {
		const id = (await call('POST', `/${path}`, { body: c.create(sb) })).body[c.idField];
		await expectTagsAndFollow(path, c.idField, id);
		// Not in the swagger for these types: 404 (no such resource) / 405 (no such method).
		expect((await call('GET', `/${path}/${id}/Links`)).status).toBe(404);
		expect((await call('GET', `/${path}/${id}/Notes`)).status).toBe(404);
		expect((await call('PUT', `/${path}/${id}`, { body: {} })).status).toBe(405);
		expect((await call('PATCH', `/${path}`, { body: {} })).status).toBe(405);
		expect((await call('GET', `/${path}s`)).status).toBe(405);
		// GET /Tags documents record_type=contacts|leads|opportunities|organisations|projects|emails.
		const tags = await call('GET', '/Tags', { query: { record_type: `${path.toLowerCase()}s` } });
		expect(tags.status).toBe(400);
	});
});

describe('Ticket specifics', () => {
	it('checks CONTACT_ID and ORGANISATION_ID, and takes the first comment on create only', async () => {
		const body = WRITABLE.Ticket.create(sb);
		const noContact = await call('POST', '/Ticket', { body: { ...body, CONTACT_ID: 42 } });
		expect(noContact.body.Message).toMatch(/CONTACT_ID: 42 does not exist/);
		const noOrg = await call('POST', '/Ticket', { body: { ...body, ORGANISATION_ID: 42 } });
		expect(noOrg.body.Message).toMatch(/ORGANISATION_ID/);
		const ticket = (
			await call('POST', '/Ticket', { body: { ...body, TAGS: [{ TAG_NAME: 'Inline' }] } })
		).body;
		expect(ticket.TicketCommentBodyHtml).toBe('<p>Smoke everywhere.</p>');
		expect(ticket.TAGS).toEqual([{ TAG_NAME: 'Inline' }]);
		// PUT /Ticket's body schema has no TicketCommentBodyHtml.
		const put = await call('PUT', '/Ticket', {
			body: { TICKET_ID: ticket.TICKET_ID, TicketCommentBodyHtml: '<p>More</p>' },
		});
		expect(put.status).toBe(400);
		expect(put.body.Message).toMatch(/TicketCommentBodyHtml/);
		const cleared = await call('PUT', '/Ticket', {
			body: { TICKET_ID: ticket.TICKET_ID, SUBJECT: null },
		});
		expect(cleared.body.Message).toMatch(/SUBJECT is required/);
	});

	it('seeds tickets of seeded contacts, with their organisations', () => {
		const contacts = new Map(sb.records.list('Contacts').map((c) => [c.CONTACT_ID, c]));
		const tickets = sb.records.list('Ticket');
		for (const t of tickets) {
			expect(contacts.has(t.CONTACT_ID)).toBe(true);
			expect(t.ORGANISATION_ID).toBe(contacts.get(t.CONTACT_ID).ORGANISATION_ID);
		}
		expect(tickets.map((t) => t.TICKET_STATUS)).toEqual(['Open', 'Pending', 'Solved', 'Closed']);
		expect(tickets.filter((t) => t.TAGS.length).length).toBeGreaterThan(0);
	});
});

// ------------------------------------------------------------------ read-only types

interface ReadOnlyCase {
	idField: string;
	firstId: number;
	seeded: number;
	search: (rows: Row[]) => [string, string, number[]];
	/** A field the in-process helper may change (the write body of the parent's child path). */
	change: Row;
	plural?: string;
}

const READ_ONLY: Record<string, ReadOnlyCase> = {
	PricebookEntry: {
		idField: 'PRICEBOOK_ENTRY_ID',
		firstId: 104_000_001,
		seeded: 3,
		search: (rows) => ['CURRENCY_CODE', 'eur', [rows[1].PRICEBOOK_ENTRY_ID]],
		change: { PRICE: 47.5 },
		plural: 'PricebookEntries',
	},
	OpportunityLineItem: {
		idField: 'OPPORTUNITY_ITEM_ID',
		firstId: 105_000_001,
		seeded: 4,
		search: (rows) => [
			'OPPORTUNITY_ID',
			String(rows[0].OPPORTUNITY_ID),
			rows
				.filter((r) => r.OPPORTUNITY_ID === rows[0].OPPORTUNITY_ID)
				.map((r) => r.OPPORTUNITY_ITEM_ID),
		],
		change: { QUANTITY: 11 },
		plural: 'OpportunityLineItems',
	},
	QuotationLineItem: {
		idField: 'QUOTATION_ITEM_ID',
		firstId: 106_000_001,
		seeded: 3,
		search: (rows) => ['SORT_ORDER', '2', [rows[1].QUOTATION_ITEM_ID]],
		change: { QUANTITY: 2 },
		plural: 'QuotationLineItems',
	},
	Milestones: {
		idField: 'MILESTONE_ID',
		firstId: 10_000_001,
		seeded: 5,
		search: (rows) => ['TITLE', 'go live', idsOf(rows, 'MILESTONE_ID')],
		change: { COMPLETED: true },
	},
};

describe.each(Object.entries(READ_ONLY))('%s (read-only)', (path, c) => {
	it('lists, gets and searches the seeded records', async () => {
		const rows = await expectSeededList(path, c.idField, c.seeded);
		expect(rows[0][c.idField]).toBe(c.firstId);
		expect((await call('GET', `/${path}/${c.firstId + 999}`)).status).toBe(404);
		expect((await call('GET', `/${path}/${firstContact(sb).CONTACT_ID}`)).status).toBe(404);

		const [field, value, expected] = c.search(rows);
		const found = await call('GET', `/${path}/Search`, {
			query: { field_name: field, field_value: value, count_total: true },
		});
		expect(idsOf(found.body, c.idField)).toEqual(expected);
		expect(found.headers.get('x-total-count')).toBe(String(expected.length));
		const paged = await call('GET', `/${path}/Search`, { query: { top: 2, skip: 1 } });
		expect(idsOf(paged.body, c.idField)).toEqual(idsOf(rows, c.idField).slice(1, 3));
		expect(
			(await call('GET', `/${path}/Search`, { query: { field_name: 'NOPE', field_value: '1' } }))
				.status,
		).toBe(400);
	});

	it('filters Search by updated_after_utc', async () => {
		const rows = sb.records.list(path);
		const all = await call('GET', `/${path}/Search`, {
			query: { updated_after_utc: '2024-01-01T00:00:00Z' },
		});
		expect(all.body).toHaveLength(c.seeded);
		expect(
			(await call('GET', `/${path}/Search`, { query: { updated_after_utc: START } })).body,
		).toEqual([]);
		// The API cannot write these types here; the in-process helper changes one.
		sb.clock.advance(5_000);
		const id = rows[1][c.idField];
		const changed = sb.records.update(path, { [c.idField]: id, ...c.change });
		expect(changed.DATE_UPDATED_UTC).toBe(FIVE_LATER);
		const after = await call('GET', `/${path}/Search`, {
			query: { updated_after_utc: '2025-03-10T12:00:04Z' },
		});
		expect(idsOf(after.body, c.idField)).toEqual([id]);
		expect(after.body[0]).toMatchObject(c.change);
		expect(
			(await call('GET', `/${path}/Search`, { query: { updated_after_utc: 'soon' } })).status,
		).toBe(400);
	});

	it('answers 405 to the verbs the swagger does not declare', async () => {
		const id = c.firstId;
		expect((await call('POST', `/${path}`, { body: c.change })).status).toBe(405);
		expect((await call('PUT', `/${path}`, { body: { [c.idField]: id, ...c.change } })).status).toBe(
			405,
		);
		expect((await call('DELETE', `/${path}/${id}`)).status).toBe(405);
		expect((await call('PUT', `/${path}/${id}`, { body: {} })).status).toBe(405);
		expect((await call('GET', `/${path}/${id}/Tags`)).status).toBe(404);
		expect((await call('GET', `/${path}/${id}/Follow`)).status).toBe(404);
		if (c.plural) expect((await call('GET', `/${c.plural}`)).status).toBe(405);
		expect((await call('GET', `/${path}/${id}`)).status).toBe(200);
	});
});

describe('seeded references of the read-only types', () => {
	it('point at seeded price books, products, opportunities, quotes and projects', () => {
		const [pricebook] = sb.records.list('Pricebook');
		const [product] = sb.records.list('Product');
		const [quote] = sb.records.list('Quotation');
		const entries = sb.records.list('PricebookEntry');
		for (const e of entries) {
			expect(e).toMatchObject({
				PRICEBOOK_ID: pricebook.PRICEBOOK_ID,
				PRODUCT_ID: product.PRODUCT_ID,
			});
		}
		expect(entries.map((e) => e.CURRENCY_CODE)).toEqual(['USD', 'EUR', 'GBP']);
		expect(entries[0].PRICE).toBe(product.DEFAULT_PRICE);
		const entryIds = new Set(entries.map((e) => e.PRICEBOOK_ENTRY_ID));
		const opportunities = new Set(sb.records.list('Opportunities').map((o) => o.OPPORTUNITY_ID));
		const items = sb.records.list('OpportunityLineItem');
		for (const item of items) {
			expect(opportunities.has(item.OPPORTUNITY_ID)).toBe(true);
			expect(entryIds.has(item.PRICEBOOK_ENTRY_ID)).toBe(true);
			expect(item.SUBTOTAL).toBeCloseTo(item.QUANTITY * item.UNIT_PRICE);
		}
		const itemIds = new Set(items.map((i) => i.OPPORTUNITY_ITEM_ID));
		const lines = sb.records.list('QuotationLineItem');
		for (const line of lines) {
			expect(line.QUOTE_ID).toBe(quote.QUOTE_ID);
			expect(entryIds.has(line.PRICEBOOK_ENTRY_ID)).toBe(true);
			if (line.OPPORTUNITY_ITEM_ID !== null)
				expect(itemIds.has(line.OPPORTUNITY_ITEM_ID)).toBe(true);
		}
		const projects = new Set(sb.records.list('Projects').map((p) => p.PROJECT_ID));
		for (const m of sb.records.list('Milestones')) expect(projects.has(m.PROJECT_ID)).toBe(true);
	});

	it('leaves the children endpoints unmodelled (501)', async () => {
		const [pricebook] = sb.records.list('Pricebook');
		const [quote] = sb.records.list('Quotation');
		expect((await call('GET', `/Pricebook/${pricebook.PRICEBOOK_ID}/PricebookEntry`)).status).toBe(
			501,
		);
		expect((await call('GET', `/Quotation/${quote.QUOTE_ID}/QuotationLineItem`)).status).toBe(501);
	});
});

// ------------------------------------------------------------------ Teams

describe('Teams', () => {
	const members = (team: Row) => team.TEAMMEMBERS.map((m: Row) => m.MEMBER_USER_ID);

	it('lists and gets the seeded teams with their members; brief drops TEAMMEMBERS', async () => {
		const rows = await expectSeededList('Teams', 'TEAM_ID', 3);
		expect(rows[0].TEAM_ID).toBe(107_000_001);
		expect(rows.map((t) => t.TEAM_NAME)).toEqual(['Sales', 'Support', 'Management']);
		for (const team of rows) {
			expect(team.TEAMMEMBERS.length).toBeGreaterThan(0);
			for (const m of team.TEAMMEMBERS) {
				expect(m.TEAM_ID).toBe(team.TEAM_ID);
				expect(typeof m.PERMISSION_ID).toBe('number');
			}
		}
		expect((await call('GET', '/Teams/107000999')).status).toBe(404);
	});

	it('creates, updates (partial; brief=true ignores TEAMMEMBERS) and deletes', async () => {
		const created = await call('POST', '/Teams', {
			body: { TEAM_NAME: 'Ops', TEAMMEMBERS: [{ MEMBER_USER_ID: 1_002 }] },
		});
		expect(created.status).toBe(201);
		const team = created.body;
		expect(team).toMatchObject({
			TEAM_NAME: 'Ops',
			DATE_CREATED_UTC: AT_START,
			DATE_UPDATED_UTC: AT_START,
		});
		expect(team.TEAMMEMBERS).toEqual([
			{ PERMISSION_ID: expect.any(Number), TEAM_ID: team.TEAM_ID, MEMBER_USER_ID: 1_002 },
		]);
		expect((await call('GET', `/Teams/${team.TEAM_ID}`)).body).toEqual(team);

		sb.clock.advance(5_000);
		const renamed = await call('PUT', '/Teams', {
			body: { TEAM_ID: team.TEAM_ID, TEAM_NAME: 'Ops 2' },
		});
		expect(renamed.status).toBe(200); // the swagger's status for PUT /Teams
		expect(renamed.body).toMatchObject({ TEAM_NAME: 'Ops 2', DATE_UPDATED_UTC: FIVE_LATER });
		expect(renamed.body.TEAMMEMBERS).toEqual(team.TEAMMEMBERS);

		const grown = await call('PUT', '/Teams', {
			body: {
				TEAM_ID: team.TEAM_ID,
				TEAMMEMBERS: [{ MEMBER_USER_ID: 1_002 }, { MEMBER_USER_ID: 1_003 }],
			},
		});
		expect(members(grown.body)).toEqual([1_002, 1_003]);
		// A member already in the team keeps its PERMISSION_ID.
		expect(grown.body.TEAMMEMBERS[0].PERMISSION_ID).toBe(team.TEAMMEMBERS[0].PERMISSION_ID);

		const brief = await call('PUT', '/Teams', {
			query: { brief: true },
			body: { TEAM_ID: team.TEAM_ID, TEAM_NAME: 'Ops 3', TEAMMEMBERS: [] },
		});
		expect(brief.body.TEAM_NAME).toBe('Ops 3');
		expect(members(brief.body)).toEqual([1_002, 1_003]);
		const emptied = await call('PUT', '/Teams', {
			body: { TEAM_ID: team.TEAM_ID, TEAMMEMBERS: [] },
		});
		expect(emptied.body.TEAMMEMBERS).toEqual([]);

		expect((await call('PUT', '/Teams', { body: { TEAM_ID: 107_000_999 } })).status).toBe(404);
		expect((await call('DELETE', `/Teams/${team.TEAM_ID}`)).status).toBe(202);
		expect((await call('GET', `/Teams/${team.TEAM_ID}`)).status).toBe(404);
		expect((await call('DELETE', `/Teams/${team.TEAM_ID}`)).status).toBe(404);
	});

	it('validates team bodies', async () => {
		const post = (body: Row) => call('POST', '/Teams', { body });
		expect((await post({})).body.Message).toMatch(/TEAM_NAME is required/);
		expect((await post({ TEAM_NAME: 'x'.repeat(256) })).body.Message).toMatch(/TEAM_NAME/);
		expect(
			(await post({ TEAM_NAME: 'T', TEAMMEMBERS: [{ MEMBER_USER_ID: 42 }] })).body.Message,
		).toMatch(/MEMBER_USER_ID: 42/);
		expect((await post({ TEAM_NAME: 'T', TEAMMEMBERS: [{}] })).body.Message).toMatch(
			/MEMBER_USER_ID/,
		);
		expect((await post({ TEAM_NAME: 'T', TEAM_ID: 5 })).body.Message).toMatch(/read-only/);
		expect((await post({ TEAM_NAME: 'T', DATE_CREATED_UTC: AT_START })).body.Message).toMatch(
			/read-only/,
		);
		expect((await post({ TEAM_NAME: 'T', ANONYMOUS_TEAM: true })).body.Message).toMatch(
			/ANONYMOUS_TEAM/,
		);
		expect(sb.records.list('Teams')).toHaveLength(3);
	});

	it('has no Search, Tags or Follow, and no PUT on /Teams/{id}', async () => {
		expect((await call('GET', '/Teams/Search')).status).toBe(400);
		expect((await call('GET', '/Teams/107000001/Tags')).status).toBe(404);
		expect((await call('GET', '/Teams/107000001/Follow')).status).toBe(404);
		expect((await call('PUT', '/Teams/107000001', { body: {} })).status).toBe(405);
		expect((await call('POST', '/Teams/107000001', { body: {} })).status).toBe(405);
	});
});

// ------------------------------------------------------------------ Emails, Pricebook

describe('Emails: every declared verb', () => {
	it('lists, gets, searches and deletes', async () => {
		const emails = sb.records.list('Emails');
		const list = await call('GET', '/Emails', { query: { top: 500, count_total: true } });
		expect(list.headers.get('x-total-count')).toBe(String(emails.length));
		const email = list.body[0];
		expect((await call('GET', `/Emails/${email.EMAIL_ID}`)).body).toEqual(email);
		const bySubject = await call('GET', '/Emails/Search', {
			query: { field_name: 'SUBJECT', field_value: email.SUBJECT },
		});
		expect(idsOf(bySubject.body, 'EMAIL_ID')).toEqual([email.EMAIL_ID]);

		sb.clock.advance(5_000);
		expect(
			(await call('POST', `/Emails/${email.EMAIL_ID}/Tags`, { body: { TAG_NAME: 'x' } })).status,
		).toBe(201);
		const after = await call('GET', '/Emails/Search', {
			query: { updated_after_utc: '2025-03-10T12:00:04Z' },
		});
		expect(idsOf(after.body, 'EMAIL_ID')).toEqual([email.EMAIL_ID]);

		expect((await call('DELETE', `/Emails/${email.EMAIL_ID}`)).status).toBe(202);
		expect((await call('GET', `/Emails/${email.EMAIL_ID}`)).status).toBe(404);
	});

	it('has Tags, SearchByTag, Follow, Links and FileAttachments (GET)', async () => {
		const email = sb.records.list('Emails').find((e) => !e.TAGS.length);
		await expectTagsAndFollow('Emails', 'EMAIL_ID', email.EMAIL_ID);
		const tags = await call('GET', '/Tags', { query: { record_type: 'emails' } });
		expect(tags.body).toContainEqual({ TAG_NAME: 'Cold' });

		const url = `/Emails/${email.EMAIL_ID}`;
		const before = (await call('GET', `${url}/Links`)).body.length;
		const org = sb.records.list('Organisations')[0];
		const link = await call('POST', `${url}/Links`, {
			body: { LINK_OBJECT_NAME: 'Organisation', LINK_OBJECT_ID: org.ORGANISATION_ID },
		});
		expect(link.status).toBe(201);
		expect((await call('GET', `${url}/Links`)).body).toHaveLength(before + 1);
		expect((await call('DELETE', `${url}/Links/${link.body.LINK_ID}`)).status).toBe(202);
		expect((await call('GET', `${url}/Links`)).body).toHaveLength(before);

		const files = await call('GET', `${url}/FileAttachments`, { query: { count_total: true } });
		expect(files.status).toBe(200);
		expect(files.body).toEqual([]);
		expect(files.headers.get('x-total-count')).toBe('0');
	});

	it('answers 405 / 404 where the swagger declares nothing', async () => {
		const id = sb.records.list('Emails')[0].EMAIL_ID;
		expect((await call('POST', '/Emails', { body: {} })).status).toBe(405);
		expect((await call('PUT', '/Emails', { body: { EMAIL_ID: id } })).status).toBe(405);
		expect((await call('PUT', `/Emails/${id}/Links`, { body: {} })).status).toBe(405);
		expect((await call('POST', `/Emails/${id}/FileAttachments`, { body: {} })).status).toBe(405);
		expect((await call('GET', `/Emails/${id}/Notes`)).status).toBe(404);
	});
});

describe('Pricebook: every declared verb', () => {
	it('lists, gets, creates, updates, searches and follows; DELETE is 405', async () => {
		const seeded = (await call('GET', '/Pricebook')).body;
		expect(seeded).toHaveLength(1);
		const created = await call('POST', '/Pricebook', {
			body: { NAME: 'Partners', ACTIVE: true, CURRENCY_CODE: 'EUR' },
		});
		expect(created.status).toBe(201);
		const id = created.body.PRICEBOOK_ID;
		expect((await call('GET', `/Pricebook/${id}`)).body).toEqual(created.body);
		expect((await call('POST', '/Pricebook', { body: { NAME: 'x' } })).body.Message).toMatch(
			/ACTIVE is required/,
		);
		expect(
			(await call('POST', '/Pricebook', { body: { NAME: 'x', ACTIVE: true, IS_STANDARD: true } }))
				.body.Message,
		).toMatch(/IS_STANDARD is read-only/);

		sb.clock.advance(5_000);
		const updated = await call('PUT', '/Pricebook', { body: { PRICEBOOK_ID: id, ACTIVE: false } });
		expect(updated.status).toBe(201);
		expect(updated.body).toMatchObject({ NAME: 'Partners', ACTIVE: false });
		const byName = await call('GET', '/Pricebook/Search', {
			query: { field_name: 'NAME', field_value: 'partners' },
		});
		expect(idsOf(byName.body, 'PRICEBOOK_ID')).toEqual([id]);
		const after = await call('GET', '/Pricebook/Search', {
			query: { updated_after_utc: '2025-03-10T12:00:04Z' },
		});
		expect(idsOf(after.body, 'PRICEBOOK_ID')).toEqual([id]);

		expect((await call('POST', `/Pricebook/${id}/Follow`)).status).toBe(201);
		expect((await call('GET', `/Pricebook/${id}/Follow`)).body).toEqual({ FOLLOWING: true });
		expect((await call('DELETE', `/Pricebook/${id}/Follow`)).status).toBe(202);

		expect((await call('DELETE', `/Pricebook/${id}`)).status).toBe(405);
		expect((await call('PUT', `/Pricebook/${id}`, { body: {} })).status).toBe(405);
		expect((await call('GET', `/Pricebook/${id}/Tags`)).status).toBe(404);
		expect((await call('GET', '/Pricebooks')).status).toBe(405);
		expect((await call('GET', `/Pricebook/${id}`)).status).toBe(200);
	});
});
