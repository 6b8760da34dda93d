import { useSandbox } from '../helpers/sandbox';
import { client, multipart } from './helpers';

const START = '2025-03-10T12:00:00Z';
const sb = useSandbox({ startTime: START, freezeClock: true });
const call = client(sb);

const contact = () => sb.records.create('Contacts', { FIRST_NAME: 'Ada' });
const bumped = async (path: string, id: number) =>
	(await call('GET', `/${path}/${id}`)).body.DATE_UPDATED_UTC;

describe('tags', () => {
	it('adds, lists, deletes (tag in the body) and bumps the record', async () => {
		const c = contact();
		sb.clock.advance(2_000);
		const added = await call('POST', `/Contacts/${c.CONTACT_ID}/Tags`, {
			body: { TAG_NAME: 'VIP' },
		});
		expect(added.status).toBe(201);
		expect(added.body).toEqual({ TAG_NAME: 'VIP' });
		expect(await bumped('Contacts', c.CONTACT_ID)).toBe('2025-03-10 12:00:02');
		expect((await call('GET', `/Contacts/${c.CONTACT_ID}/Tags`)).body).toEqual([
			{ TAG_NAME: 'VIP' },
		]);
		const found = await call('GET', '/Contacts/SearchByTag', { query: { tagName: 'VIP' } });
		expect(found.body.map((r: { CONTACT_ID: number }) => r.CONTACT_ID)).toContain(c.CONTACT_ID);
		const names = (await call('GET', '/Tags', { query: { record_type: 'contacts' } })).body.map(
			(t: { TAG_NAME: string }) => t.TAG_NAME,
		);
		expect(names).toContain('VIP');
		expect((await call('GET', '/Tags')).status).toBe(400);
		sb.clock.advance(2_000);
		expect(
			(await call('DELETE', `/Contacts/${c.CONTACT_ID}/Tags`, { body: { TAG_NAME: 'VIP' } }))
				.status,
		).toBe(202);
		expect(await bumped('Contacts', c.CONTACT_ID)).toBe('2025-03-10 12:00:04');
		expect((await call('GET', `/Contacts/${c.CONTACT_ID}/Tags`)).body).toEqual([]);
		expect(
			(await call('DELETE', `/Contacts/${c.CONTACT_ID}/Tags`, { body: { TAG_NAME: 'VIP' } }))
				.status,
		).toBe(404);
		expect((await call('POST', `/Contacts/${c.CONTACT_ID}/Tags`, { body: {} })).status).toBe(400);
		expect((await call('POST', '/Contacts/1/Tags', { body: { TAG_NAME: 'x' } })).status).toBe(404);
		expect((await call('GET', `/Tasks/1/Tags`)).status).toBe(404); // no tags on tasks in the swagger
	});
	it('inline TAGS on create and update replace the set', async () => {
		const c = (
			await call('POST', '/Contacts', {
				body: { FIRST_NAME: 'A', TAGS: [{ TAG_NAME: 'a' }, { TAG_NAME: 'b' }] },
			})
		).body;
		expect(c.TAGS).toEqual([{ TAG_NAME: 'a' }, { TAG_NAME: 'b' }]);
		const u = (
			await call('PUT', '/Contacts', {
				body: { CONTACT_ID: c.CONTACT_ID, TAGS: [{ TAG_NAME: 'c' }] },
			})
		).body;
		expect(u.TAGS).toEqual([{ TAG_NAME: 'c' }]);
	});
});

describe('links', () => {
	it('links two records, visible from both ends, and removes the link', async () => {
		const c = contact();
		const org = sb.records.create('Organisations', { ORGANISATION_NAME: 'Acme' });
		sb.clock.advance(1_000);
		const res = await call('POST', `/Contacts/${c.CONTACT_ID}/Links`, {
			body: { LINK_OBJECT_NAME: 'organisation', LINK_OBJECT_ID: org.ORGANISATION_ID, ROLE: 'CEO' },
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			OBJECT_NAME: 'Contact',
			OBJECT_ID: c.CONTACT_ID,
			LINK_OBJECT_NAME: 'Organisation',
			IS_FORWARD: true,
			ROLE: 'CEO',
		});
		const fromOrg = (await call('GET', `/Organisations/${org.ORGANISATION_ID}/Links`)).body;
		expect(fromOrg).toEqual([
			expect.objectContaining({
				LINK_ID: res.body.LINK_ID,
				OBJECT_NAME: 'Organisation',
				LINK_OBJECT_NAME: 'Contact',
				LINK_OBJECT_ID: c.CONTACT_ID,
				IS_FORWARD: false,
			}),
		]);
		expect(await bumped('Organisations', org.ORGANISATION_ID)).toBe('2025-03-10 12:00:01');
		expect((await call('GET', `/Contacts/${c.CONTACT_ID}`)).body.LINKS).toHaveLength(1);
		const updated = await call('PUT', `/Contacts/${c.CONTACT_ID}/Links`, {
			body: { LINK_ID: res.body.LINK_ID, ROLE: 'CFO' },
		});
		expect(updated.body.ROLE).toBe('CFO');
		expect(
			(await call('DELETE', `/Contacts/${c.CONTACT_ID}/Links/${res.body.LINK_ID}`)).status,
		).toBe(202);
		expect((await call('GET', `/Organisations/${org.ORGANISATION_ID}/Links`)).body).toEqual([]);
		expect(
			(await call('DELETE', `/Contacts/${c.CONTACT_ID}/Links/${res.body.LINK_ID}`)).status,
		).toBe(404);
	});
	it('rejects missing targets and unknown object names', async () => {
		const c = contact();
		const post = (body: object) => call('POST', `/Contacts/${c.CONTACT_ID}/Links`, { body });
		expect((await post({ LINK_OBJECT_NAME: 'Organisation', LINK_OBJECT_ID: 1 })).status).toBe(400);
		expect(
			(await post({ LINK_OBJECT_NAME: 'Organisations', LINK_OBJECT_ID: 2_000_001 })).status,
		).toBe(400);
		expect((await post({ LINK_OBJECT_NAME: 'Contact', LINK_OBJECT_ID: c.CONTACT_ID })).status).toBe(
			400,
		);
		expect((await post({ ROLE: 'x' })).status).toBe(400);
		const lead = sb.records.list('Leads')[0];
		expect((await post({ LINK_OBJECT_NAME: 'Lead', LINK_OBJECT_ID: lead.LEAD_ID })).status).toBe(
			201,
		);
	});
	it('deleting a record drops its links from the other end', async () => {
		const c = contact();
		const opp = sb.records.create('Opportunities', { OPPORTUNITY_NAME: 'Deal' });
		await call('POST', `/Opportunities/${opp.OPPORTUNITY_ID}/Links`, {
			body: { LINK_OBJECT_NAME: 'Contact', LINK_OBJECT_ID: c.CONTACT_ID },
		});
		await call('DELETE', `/Contacts/${c.CONTACT_ID}`);
		expect((await call('GET', `/Opportunities/${opp.OPPORTUNITY_ID}/Links`)).body).toEqual([]);
	});
});

describe('notes', () => {
	it.each(['Contacts', 'Organisations', 'Leads', 'Opportunities', 'Projects'])(
		'created and listed under %s',
		async (parent) => {
			const [record] = sb.records.list(parent);
			const id = Object.values(record)[0] as number;
			sb.clock.advance(1_000);
			const note = await call('POST', `/${parent}/${id}/Notes`, {
				body: { TITLE: 'Met', BODY: '<p>hi</p>' },
			});
			expect(note.status).toBe(201);
			expect(note.body.LINKS[0]).toMatchObject({ LINK_OBJECT_ID: id, IS_FORWARD: true });
			const list = (await call('GET', `/${parent}/${id}/Notes`)).body;
			expect(list.map((n: { NOTE_ID: number }) => n.NOTE_ID)).toContain(note.body.NOTE_ID);
			expect(await bumped(parent, id)).toBe('2025-03-10 12:00:01');
			const later = await call('GET', `/${parent}/${id}/Notes`, {
				query: { updated_after_utc: '2025-03-10T12:00:01Z' },
			});
			expect(later.body).toEqual([]);
			expect(
				(await call('POST', `/${parent}/${id}/Notes`, { body: { BODY: 'no title' } })).status,
			).toBe(400);
		},
	);
	it('notes update through PUT /Notes', async () => {
		const [c] = sb.records.list('Contacts');
		const note = (await call('POST', `/Contacts/${c.CONTACT_ID}/Notes`, { body: { TITLE: 'a' } }))
			.body;
		const u = await call('PUT', '/Notes', { body: { NOTE_ID: note.NOTE_ID, TITLE: 'b' } });
		expect(u.body.TITLE).toBe('b');
	});
});

describe('file attachments', () => {
	it('uploads multipart, lists, downloads binary or JSON, deletes', async () => {
		const c = contact();
		const data = Buffer.from([0, 1, 2, 250, 251, 252]);
		const category = sb.state.categories.FileCategories.rows[0].CATEGORY_ID;
		sb.clock.advance(1_000);
		const up = await call('POST', `/Contacts/${c.CONTACT_ID}/FileAttachments`, {
			...multipart(
				{ name: 'orig.bin', type: 'application/x-test', data },
				{
					file_name: 'report.pdf',
					content_type: 'application/pdf',
					file_category_id: String(category),
				},
			),
		});
		expect(up.status).toBe(201);
		expect(up.body).toMatchObject({
			FILE_NAME: 'report.pdf',
			CONTENT_TYPE: 'application/pdf',
			FILE_SIZE: 6,
			FILE_CATEGORY_ID: category,
		});
		expect(await bumped('Contacts', c.CONTACT_ID)).toBe('2025-03-10 12:00:01');
		const list = await call('GET', `/Contacts/${c.CONTACT_ID}/FileAttachments`);
		expect(list.body.map((f: { FILE_ID: number }) => f.FILE_ID)).toEqual([up.body.FILE_ID]);
		const bin = await call('GET', `/FileAttachments/${up.body.FILE_ID}`, { binary: true });
		expect(bin.raw.equals(data)).toBe(true);
		expect(bin.headers.get('content-type')).toBe('application/pdf');
		// Like the recorded live download: no Content-Disposition, unless the variant asks for it.
		expect(bin.headers.get('content-disposition')).toBeNull();
		sb.state.behaviour.contentDisposition = true;
		const named = await call('GET', `/FileAttachments/${up.body.FILE_ID}`, { binary: true });
		expect(named.headers.get('content-disposition')).toMatch(/attachment; filename="report.pdf"/);
		const meta = await call('GET', `/FileAttachments/${up.body.FILE_ID}`, {
			query: { format: 'JSON' },
		});
		expect(meta.body.FILE_ID).toBe(up.body.FILE_ID);
		expect((await call('DELETE', `/FileAttachments/${up.body.FILE_ID}`)).status).toBe(202);
		expect(
			(await call('GET', `/FileAttachments/${up.body.FILE_ID}`, { query: { format: 'JSON' } }))
				.status,
		).toBe(404);
	});
	it('takes the file name and type from the file part and works on custom objects', async () => {
		const [fruit] = sb.records.list('Fruit__c');
		const up = await call('POST', `/Fruit__c/${fruit.RECORD_ID}/FileAttachments`, {
			...multipart({ name: 'a.txt', type: 'text/plain', data: Buffer.from('hi') }),
		});
		expect(up.body).toMatchObject({ FILE_NAME: 'a.txt', CONTENT_TYPE: 'text/plain' });
		expect((await call('GET', `/Fruit__c/${fruit.RECORD_ID}/FileAttachments`)).body).toHaveLength(
			1,
		);
		const bad = await call('POST', `/Fruit__c/${fruit.RECORD_ID}/FileAttachments`, {
			body: { file: 'x' },
		});
		expect(bad.status).toBe(400);
	});
});

describe('follow', () => {
	it('follows and unfollows', async () => {
		const c = contact();
		const path = `/Contacts/${c.CONTACT_ID}/Follow`;
		expect((await call('GET', path)).body).toEqual({ FOLLOWING: false });
		expect((await call('POST', path)).body).toEqual({ FOLLOWING: true });
		expect((await call('GET', path)).body).toEqual({ FOLLOWING: true });
		expect((await call('GET', '/Follows', { query: { record_type: 'Contacts' } })).body).toEqual([
			{ RECORD_TYPE: 'Contacts', RECORD_ID: c.CONTACT_ID },
		]);
		expect((await call('DELETE', path)).status).toBe(202);
		expect((await call('GET', path)).body).toEqual({ FOLLOWING: false });
	});
});

describe('custom fields', () => {
	it('describes fields of every type on contacts, organisations, opportunities, leads and Fruit__c', async () => {
		const types = new Set<string>();
		for (const object of ['Contacts', 'Organisation', 'Opportunities', 'Leads', 'Fruit__c']) {
			const fields = (await call('GET', `/CustomFields/${object}`)).body;
			expect(fields.length).toBeGreaterThan(3);
			for (const f of fields) types.add(f.FIELD_TYPE);
		}
		for (const t of [
			'TEXT',
			'MULTILINETEXT',
			'DROPDOWN',
			'MULTISELECT',
			'BIT',
			'NUMERIC',
			'CURRENCY',
			'PERCENT',
			'DATE',
			'DATETIME',
			'URL',
			'AUTONUMBER',
			'LOOKUP',
		]) {
			expect(types).toContain(t);
		}
		const tier = (
			await call('GET', '/CustomFields/Contacts/Search', { query: { fieldName: 'Tier__c' } })
		).body;
		expect(tier.CUSTOM_FIELD_OPTIONS.map((o: { OPTION_VALUE: string }) => o.OPTION_VALUE)).toEqual([
			'Gold',
			'Silver',
			'Bronze',
		]);
	});

	const good: [string, unknown, unknown][] = [
		['Hobby__c', 'Chess', 'Chess'],
		['Bio__c', 'a\nb', 'a\nb'],
		['Tier__c', 'Gold', 'Gold'],
		['Interests__c', 'Music;Travel', 'Music;Travel'],
		['Newsletter__c', true, true],
		['Score__c', 7, 7],
		['Lifetime_Value__c', 10.5, 10.5],
		['Discount__c', 15, 15],
		['Birthday__c', '1990-05-17', '1990-05-17 00:00:00'],
		['Last_Contacted__c', '2025-01-02T03:04:05Z', '2025-01-02 03:04:05'],
		['Homepage__c', 'https://x.test', 'https://x.test'],
	];
	it.each(good)('%s accepts %p', async (name, value, stored) => {
		const c = (
			await call('POST', '/Contacts', {
				body: { FIRST_NAME: 'A', CUSTOMFIELDS: [{ FIELD_NAME: name, FIELD_VALUE: value }] },
			})
		).body;
		expect(c.CUSTOMFIELDS).toContainEqual(
			expect.objectContaining({ FIELD_NAME: name, FIELD_VALUE: stored }),
		);
		const found = await call('GET', '/Contacts/Search', {
			query: { field_name: name, field_value: String(stored) },
		});
		expect(found.body.map((r: { CONTACT_ID: number }) => r.CONTACT_ID)).toContain(c.CONTACT_ID);
	});

	const bad: [string, unknown][] = [
		['Hobby__c', 5],
		['Tier__c', 'Platinum'],
		['Interests__c', 'Music;Cooking'],
		['Interests__c', ['Music']],
		['Newsletter__c', 'yes'],
		['Score__c', '7'],
		['Birthday__c', 'tomorrow'],
		['Member_No__c', 'M-1'],
		['Referrer__c', 999],
		['Nope__c', 'x'],
	];
	it.each(bad)('%s rejects %p', async (name, value) => {
		const res = await call('POST', '/Contacts', {
			body: { FIRST_NAME: 'A', CUSTOMFIELDS: [{ FIELD_NAME: name, FIELD_VALUE: value }] },
		});
		expect(res.status).toBe(400);
		expect(res.body.Message).toContain(name);
	});

	it('assigns AUTONUMBERs, merges on update and clears with null', async () => {
		const a = (
			await call('POST', '/Contacts', {
				body: { FIRST_NAME: 'A', CUSTOMFIELDS: [{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'x' }] },
			})
		).body;
		const b = (await call('POST', '/Contacts', { body: { FIRST_NAME: 'B' } })).body;
		const number = (r: { CUSTOMFIELDS: { FIELD_NAME: string; FIELD_VALUE: string }[] }) =>
			r.CUSTOMFIELDS.find((f) => f.FIELD_NAME === 'Member_No__c')!.FIELD_VALUE;
		expect(Number(number(b).slice(2))).toBe(Number(number(a).slice(2)) + 1);
		sb.clock.advance(1_000);
		const u = (
			await call('PUT', '/Contacts', {
				body: {
					CONTACT_ID: a.CONTACT_ID,
					CUSTOMFIELDS: [{ FIELD_NAME: 'Score__c', FIELD_VALUE: 3 }],
				},
			})
		).body;
		expect(u.CUSTOMFIELDS.map((f: { FIELD_NAME: string }) => f.FIELD_NAME).sort()).toEqual([
			'Hobby__c',
			'Member_No__c',
			'Score__c',
		]);
		expect(u.DATE_UPDATED_UTC).toBe('2025-03-10 12:00:01');
		const cleared = (
			await call('PUT', '/Contacts', {
				body: {
					CONTACT_ID: a.CONTACT_ID,
					CUSTOMFIELDS: [{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: null }],
				},
			})
		).body;
		expect(cleared.CUSTOMFIELDS.map((f: { FIELD_NAME: string }) => f.FIELD_NAME)).not.toContain(
			'Hobby__c',
		);
	});
});

describe('custom objects', () => {
	it('lists objects and serves their records with RECORD_ID', async () => {
		expect(
			(await call('GET', '/CustomObjects')).body.map((o: { OBJECT_NAME: string }) => o.OBJECT_NAME),
		).toEqual(['Fruit__c']);
		expect((await call('GET', '/CustomObjects/fruit__c')).body.PLURAL_LABEL).toBe('Fruits');
		expect((await call('GET', '/CustomObjects/Veg__c')).status).toBe(404);
		const fruit = (
			await call('POST', '/Fruit__c', {
				body: {
					RECORD_NAME: 'Plum',
					CUSTOMFIELDS: [{ FIELD_NAME: 'Colour__c', FIELD_VALUE: 'Purple' }],
				},
			})
		).body;
		const found = await call('GET', '/Fruit__c/Search', {
			query: { field_name: 'Colour__c', field_value: 'purple' },
		});
		expect(found.body.map((r: { RECORD_ID: number }) => r.RECORD_ID)).toContain(fruit.RECORD_ID);
		expect((await call('POST', '/Fruit__c', { body: { CUSTOMFIELDS: [] } })).status).toBe(400);
		expect(
			(
				await call('POST', '/Fruit__c', {
					body: {
						RECORD_NAME: 'x',
						CUSTOMFIELDS: [{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' }],
					},
				})
			).status,
		).toBe(400);
	});
});

describe('pipelines and opportunity state', () => {
	it('moves opportunities through pipelines and stages, rejecting foreign stages', async () => {
		const opp = sb.records.create('Opportunities', { OPPORTUNITY_NAME: 'Deal' });
		const pipelines = (await call('GET', '/Pipelines')).body;
		const sales = pipelines.find((p: { FOR_OPPORTUNITIES: boolean }) => p.FOR_OPPORTUNITIES);
		const projects = pipelines.find((p: { FOR_PROJECTS: boolean }) => p.FOR_PROJECTS);
		const stages = (await call('GET', '/PipelineStages')).body.filter(
			(s: { PIPELINE_ID: number }) => s.PIPELINE_ID === sales.PIPELINE_ID,
		);
		expect((await call('GET', `/Pipelines/${sales.PIPELINE_ID}`)).body.PIPELINE_NAME).toBe(
			sales.PIPELINE_NAME,
		);
		expect((await call('GET', `/PipelineStages/${stages[1].STAGE_ID}`)).body.STAGE_NAME).toBe(
			stages[1].STAGE_NAME,
		);
		const url = `/Opportunities/${opp.OPPORTUNITY_ID}`;
		expect(
			(await call('PUT', `${url}/PipelineStage`, { body: { STAGE_ID: stages[1].STAGE_ID } }))
				.status,
		).toBe(400);
		expect(
			(await call('PUT', `${url}/Pipeline`, { body: { PIPELINE_ID: projects.PIPELINE_ID } }))
				.status,
		).toBe(404);
		sb.clock.advance(1_000);
		expect(
			(await call('PUT', `${url}/Pipeline`, { body: { PIPELINE_ID: sales.PIPELINE_ID } })).status,
		).toBe(200);
		let got = (await call('GET', url)).body;
		expect([got.PIPELINE_ID, got.STAGE_ID, got.DATE_UPDATED_UTC]).toEqual([
			sales.PIPELINE_ID,
			stages[0].STAGE_ID,
			'2025-03-10 12:00:01',
		]);
		expect(
			(await call('PUT', `${url}/PipelineStage`, { body: { STAGE_ID: stages[2].STAGE_ID } }))
				.status,
		).toBe(200);
		expect((await call('GET', url)).body.STAGE_ID).toBe(stages[2].STAGE_ID);
		expect((await call('PUT', `${url}/PipelineStage`, { body: { STAGE_ID: 1 } })).status).toBe(404);
		expect(
			(
				await call('PUT', url.replace('Opportunities', 'Opportunities') + '/Pipeline', {
					body: { PIPELINE_ID: 1 },
				})
			).status,
		).toBe(404);
		expect((await call('DELETE', `${url}/Pipeline`)).status).toBe(202);
		got = (await call('GET', url)).body;
		expect(got.PIPELINE_ID).toBeNull();
	});
	it('projects and leads have pipelines too', async () => {
		const [project] = sb.records.list('Projects');
		const pipeline = sb.state.pipelines.rows.find((p) => p.FOR_PROJECTS)!;
		expect(
			(
				await call('PUT', `/Projects/${project.PROJECT_ID}/Pipeline`, {
					body: { PIPELINE_ID: pipeline.PIPELINE_ID },
				})
			).status,
		).toBe(200);
		const [lead] = sb.records.list('Leads');
		const leadPipeline = sb.state.pipelines.rows.find(
			(p) => !p.FOR_PROJECTS && !p.FOR_OPPORTUNITIES,
		)!;
		expect(
			(
				await call('PUT', `/Leads/${lead.LEAD_ID}/Pipeline`, {
					body: { PIPELINE_ID: leadPipeline.PIPELINE_ID },
				})
			).status,
		).toBe(200);
	});
	it('changes state with a reason and keeps the history', async () => {
		const opp = sb.records.create('Opportunities', { OPPORTUNITY_NAME: 'Deal' });
		const reasons = (await call('GET', '/OpportunityStateReasons')).body;
		const won = reasons.find(
			(r: { FOR_OPPORTUNITY_STATE: string }) => r.FOR_OPPORTUNITY_STATE === 'Won',
		);
		const lost = reasons.find(
			(r: { FOR_OPPORTUNITY_STATE: string }) => r.FOR_OPPORTUNITY_STATE === 'Lost',
		);
		const url = `/Opportunities/${opp.OPPORTUNITY_ID}`;
		expect(
			(
				await call('PUT', `${url}/StateChange`, {
					body: { FOR_OPPORTUNITY_STATE: 'Won', STATE_REASON_ID: lost.STATE_REASON_ID },
				})
			).status,
		).toBe(400);
		expect(
			(await call('PUT', `${url}/StateChange`, { body: { FOR_OPPORTUNITY_STATE: 'MAYBE' } }))
				.status,
		).toBe(400);
		// Title case only (the strict variant, the default); another casing is refused...
		expect(
			(await call('PUT', `${url}/StateChange`, { body: { FOR_OPPORTUNITY_STATE: 'WON' } })).status,
		).toBe(400);
		sb.clock.advance(1_000);
		// ...unless the lenient variant is played, which stores Insightly's casing.
		sb.state.behaviour.stateCasing = 'lenient';
		const change = await call('PUT', `${url}/StateChange`, {
			body: { FOR_OPPORTUNITY_STATE: 'won', STATE_REASON_ID: won.STATE_REASON_ID },
		});
		expect(change.body).toMatchObject({
			FOR_OPPORTUNITY_STATE: 'Won',
			STATE_REASON: won.STATE_REASON,
		});
		expect((await call('GET', url)).body).toMatchObject({
			OPPORTUNITY_STATE: 'Won',
			DATE_UPDATED_UTC: '2025-03-10 12:00:01',
		});
		await call('PUT', `${url}/StateChange`, {
			body: { FOR_OPPORTUNITY_STATE: 'Lost', STATE_REASON: 'Price' },
		});
		const history = (await call('GET', `${url}/StateHistory`)).body;
		expect(history.map((h: { FOR_OPPORTUNITY_STATE: string }) => h.FOR_OPPORTUNITY_STATE)).toEqual([
			'Won',
			'Lost',
		]);
	});
});

describe('milestones', () => {
	it('are created, updated and deleted under their project', async () => {
		const [project] = sb.records.list('Projects');
		const url = `/Projects/${project.PROJECT_ID}/Milestones`;
		const made = await call('POST', url, {
			body: { TITLE: 'Beta', COMPLETED: false, DUE_DATE: '2025-04-01' },
		});
		expect(made.status).toBe(201);
		const m = made.body[0];
		expect(m.PROJECT_ID).toBe(project.PROJECT_ID);
		expect((await call('POST', url, { body: { TITLE: 'No date', COMPLETED: false } })).status).toBe(
			400,
		);
		const upd = await call('PUT', url, { body: { MILESTONE_ID: m.MILESTONE_ID, COMPLETED: true } });
		expect(upd.body[0].COMPLETED).toBe(true);
		expect(
			(await call('GET', url)).body.map((x: { MILESTONE_ID: number }) => x.MILESTONE_ID),
		).toContain(m.MILESTONE_ID);
		expect((await call('DELETE', `${url}/${m.MILESTONE_ID}`)).status).toBe(202);
		expect((await call('GET', `/Milestones/${m.MILESTONE_ID}`)).status).toBe(404);
	});
});

describe('instance configuration', () => {
	it('answers Users/Me, Users, Instance, Relationships, lead options and categories', async () => {
		const me = (await call('GET', '/Users/Me')).body;
		expect(me.USER_ID).toBe(sb.state.meUserId);
		expect((await call('GET', '/users/me')).body.USER_ID).toBe(me.USER_ID);
		expect((await call('GET', '/Users')).body.length).toBeGreaterThanOrEqual(4);
		expect(
			(
				await call('GET', '/Users/Search', {
					query: { field_name: 'EMAIL_ADDRESS', field_value: me.EMAIL_ADDRESS },
				})
			).body,
		).toHaveLength(1);
		expect((await call('GET', '/Instance')).body.PLAN_NAME).toBe('Professional');
		expect((await call('GET', '/Relationships')).body.length).toBeGreaterThan(0);
		expect((await call('GET', '/LeadSources')).body.length).toBeGreaterThan(0);
		expect((await call('GET', '/LeadStatuses')).body.length).toBeGreaterThan(0);
		for (const path of [
			'OpportunityCategories',
			'ProjectCategories',
			'TaskCategories',
			'FileCategories',
		]) {
			const list = (await call('GET', `/${path}`)).body;
			expect(list.length).toBeGreaterThan(0);
			expect((await call('GET', `/${path}/${list[0].CATEGORY_ID}`)).body.CATEGORY_NAME).toBe(
				list[0].CATEGORY_NAME,
			);
		}
	});
	it('creates and deactivates categories (409 in use or already inactive)', async () => {
		const made = await call('POST', '/TaskCategories', {
			body: { CATEGORY_NAME: 'Demo', BACKGROUND_COLOR: 'AABBCC' },
		});
		expect(made.status).toBe(201);
		expect(
			(
				await call('POST', '/TaskCategories', {
					body: { CATEGORY_NAME: 'Demo', BACKGROUND_COLOR: 'TOOLONG' },
				})
			).status,
		).toBe(400);
		expect((await call('DELETE', `/TaskCategories/${made.body.CATEGORY_ID}`)).status).toBe(202);
		expect((await call('DELETE', `/TaskCategories/${made.body.CATEGORY_ID}`)).status).toBe(409);
		const used = sb.records.list('Tasks')[0].CATEGORY_ID;
		expect((await call('DELETE', `/TaskCategories/${used}`)).status).toBe(409);
	});
	it('adds and deletes lead sources (delete takes ?id=)', async () => {
		const made = await call('POST', '/LeadSources', { body: { LEAD_SOURCE: 'Podcast' } });
		expect(made.status).toBe(201);
		expect(
			(await call('DELETE', '/LeadSources', { query: { id: made.body.LEAD_SOURCE_ID } })).status,
		).toBe(202);
		expect(
			(await call('DELETE', '/LeadSources', { query: { id: made.body.LEAD_SOURCE_ID } })).status,
		).toBe(404);
	});
});
