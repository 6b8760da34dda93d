/**
 * The editor's methods against the seeded sandbox: every loadOptions method the description
 * names returns the instance's own options, and searchRecords lists, filters and pages records.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { rows, sentRequests, useNodeSandbox } from './helpers';

const { sandbox, methods } = useNodeSandbox({
	seed: { records: 150, seed: 11 },
	beforeEach: false,
});

const names = (options: Array<{ name: string }>) => options.map((option) => option.name);

it('every loadOptions method used by the description exists', () => {
	const node = new Insightly();
	const used = new Set<string>();
	const walk = (list: INodeProperties[]) => {
		for (const property of list) {
			const method = property.typeOptions?.loadOptionsMethod;
			if (typeof method === 'string') used.add(method);
			for (const option of (property.options ?? []) as Array<
				INodeProperties | { values?: INodeProperties[] }
			>) {
				if ('values' in option && option.values) walk(option.values);
				else if ('type' in option) walk([option as INodeProperties]);
			}
		}
	};
	walk(node.description.properties);
	expect(
		[...used].filter(
			(method) => !node.methods.loadOptions[method as keyof typeof node.methods.loadOptions],
		),
	).toEqual([]);
	expect(used.size).toBeGreaterThanOrEqual(10);
});

it('users, organisations, lead sources and statuses', async () => {
	const users = await methods.loadOptions('getUsers', { resource: 'contact' });
	// The optional Owner (Additional Fields, Update Fields) can be left empty without an error.
	expect(await methods.loadOptions('getUsersOrNone', { resource: 'contact' })).toEqual([
		{ name: '- None -', value: '' },
		...users,
	]);
	expect(users).toContainEqual({
		name: 'Sam Owner',
		value: sandbox.state.meUserId,
		description: 'sam@sandbox.example',
	});
	// Active users by name, then deactivated ones, marked.
	const inactive = rows(sandbox, 'Users').filter((user) => user.ACTIVE === false);
	expect(inactive.length).toBeGreaterThan(0);
	expect(users.slice(-inactive.length).every((user) => / \(deactivated\)$/.test(user.name))).toBe(
		true,
	);
	expect(users.slice(0, -inactive.length).some((user) => /deactivated/.test(user.name))).toBe(
		false,
	);
	const organisations = await methods.loadOptions('getOrganisations', { resource: 'contact' });
	expect(organisations).toHaveLength(rows(sandbox, 'Organisations').length);
	expect(names(organisations)).toEqual(
		[...names(organisations)].sort((a, b) => a.localeCompare(b)),
	);
	expect(names(await methods.loadOptions('getLeadSources', { resource: 'lead' }))).toEqual([
		'Cold Call',
		'Referral',
		'Trade Show',
		'Web',
	]);
	expect(names(await methods.loadOptions('getLeadStatuses', { resource: 'lead' }))).toContain(
		'Open - Not Contacted',
	);
});

it('pipelines by resource, and the stages of the chosen pipeline in order', async () => {
	expect(names(await methods.loadOptions('getPipelines', { resource: 'opportunity' }))).toEqual([
		'Renewals',
		'Sales',
	]);
	expect(names(await methods.loadOptions('getPipelines', { resource: 'project' }))).toEqual([
		'Delivery',
	]);
	const sales = sandbox.state.pipelines.rows.find(
		(row) => row.PIPELINE_NAME === 'Sales',
	)!.PIPELINE_ID;
	expect(
		names(
			await methods.loadOptions('getPipelineStages', {
				resource: 'opportunity',
				operation: 'setPipeline',
				pipelineId: sales,
			}),
		),
	).toEqual(['Qualify', 'Propose', 'Negotiate', 'Close']);
	// Set Pipeline Stage has no pipeline parameter: every stage of the type's pipelines, under
	// the pipeline's name (no project pipeline on an opportunity).
	const stages = names(
		await methods.loadOptions('getPipelineStages', {
			resource: 'opportunity',
			operation: 'setPipelineStage',
		}),
	);
	expect(stages).toContain('Sales → Qualify');
	expect(stages.every((name) => /^(Renewals|Sales) → /.test(name))).toBe(true);
	expect(stages.indexOf('Sales → Qualify')).toBeLessThan(stages.indexOf('Sales → Close'));
});

it('categories by resource, file categories, state reasons by state', async () => {
	expect(names(await methods.loadOptions('getCategories', { resource: 'opportunity' }))).toEqual([
		'New Business',
		'Renewal',
		'Upsell',
	]);
	expect(names(await methods.loadOptions('getCategories', { resource: 'task' }))).toEqual([
		'Call',
		'Email',
		'Follow-up',
		'Meeting',
	]);
	expect(await methods.loadOptions('getCategories', { resource: 'contact' })).toEqual([]);
	expect(
		names(await methods.loadOptions('getFileCategories', { resource: 'fileAttachment' })),
	).toEqual(['Contract', 'Invoice', 'Other']);
	expect(
		names(
			await methods.loadOptions('getStateReasons', {
				resource: 'opportunity',
				operation: 'changeState',
				state: 'LOST',
			}),
		),
	).toEqual(['Competitor', 'Price']);
});

it('custom objects, custom fields and searchable fields', async () => {
	expect(await methods.loadOptions('getCustomObjects', { resource: 'customObjectRecord' })).toEqual(
		[{ name: 'Fruits', value: 'Fruit__c' }],
	);
	const contactFields = await methods.loadOptions('getCustomFields', {
		resource: 'contact',
		operation: 'create',
	});
	// Readable types, and a dropdown's values where the field is picked.
	expect(contactFields.find((option) => option.value === 'Tier__c')).toMatchObject({
		name: 'Tier',
		description: expect.stringMatching(/^Tier__c · dropdown: \w+/),
	});
	// What Insightly computes cannot be written, so it is not offered.
	expect(contactFields.map((option) => option.value)).not.toContain('Member_No__c');
	expect(contactFields.map((option) => option.value)).not.toContain('Colour__c');
	const fruitFields = await methods.loadOptions('getCustomFields', {
		resource: 'customObjectRecord',
		operation: 'create',
		customObjectName: 'Fruit__c',
	});
	expect(fruitFields.map((option) => option.value).sort()).toEqual([
		'Colour__c',
		'Harvested__c',
		'Organic__c',
		'Weight__c',
	]);
	const searchable = await methods.loadOptions('getSearchableFields', {
		resource: 'contact',
		operation: 'search',
	});
	expect(searchable.map((option) => option.value)).toEqual(
		expect.arrayContaining(['EMAIL_ADDRESS', 'Hobby__c']),
	);
	// Labels with the API name as the hint; nothing to match on (yes/no, autonumbers) left out.
	expect(searchable).toContainEqual({
		name: 'Email Address',
		value: 'EMAIL_ADDRESS',
		description: 'EMAIL_ADDRESS',
	});
	expect(searchable.map((option) => option.value)).not.toEqual(
		expect.arrayContaining(['EMAIL_OPTED_OUT']),
	);
	expect(searchable.map((option) => option.value)).not.toContain('Member_No__c');
	const userFields = await methods.loadOptions('getSearchableFields', {
		resource: 'user',
		operation: 'search',
	});
	expect(userFields.map((option) => option.value)).toContain('EMAIL_ADDRESS');
});

describe('searchRecords (resource locator list)', () => {
	const ids = (results: Array<{ value: unknown }>) => results.map((r) => String(r.value));

	it('lists a page of 500 sorted by name, each with a distinguishing detail, then more by token', async () => {
		for (let i = 0; i < 520; i++)
			sandbox.records.create('Organisations', { ORGANISATION_NAME: `Paging Org ${i}` });
		sandbox.clearLog();
		const page1 = await methods.listSearch('searchRecords', {
			resource: 'organisation',
			operation: 'get',
		});
		const names = page1.results.map((result) => result.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(page1.paginationToken).toBe('500');
		expect(sentRequests(sandbox)[0]).toMatchObject({
			path: '/Organisations',
			query: { brief: 'true', top: '500', skip: '0' },
		});
		const page2 = await methods.listSearch(
			'searchRecords',
			{ resource: 'organisation', operation: 'get' },
			undefined,
			page1.paginationToken,
		);
		expect(new Set([...ids(page1.results), ...ids(page2.results)]).size).toBe(
			rows(sandbox, 'Organisations').length,
		);
		const contact = rows(sandbox, 'Contacts')[0];
		const contacts = await methods.listSearch('searchRecords', {
			resource: 'contact',
			operation: 'get',
		});
		expect(contacts.results).toContainEqual({
			name: `${contact.FIRST_NAME} ${contact.LAST_NAME} (${contact.EMAIL_ADDRESS})`,
			value: String(contact.CONTACT_ID),
		});
	});

	it('finds a record far beyond the first page: exactly by name or email, and by part of its name', async () => {
		for (let i = 0; i < 700; i++)
			sandbox.records.create('Contacts', { FIRST_NAME: `Filler${i}`, LAST_NAME: 'Person' });
		const walker = sandbox.records.create('Contacts', {
			FIRST_NAME: 'Jo',
			LAST_NAME: 'Walkerton',
			EMAIL_ADDRESS: 'jo.walkerton@example.com',
		});
		const exact = await methods.listSearch(
			'searchRecords',
			{ resource: 'contact', operation: 'get' },
			'Walkerton',
		);
		expect(ids(exact.results)).toContain(String(walker.CONTACT_ID));
		const byEmail = await methods.listSearch(
			'searchRecords',
			{ resource: 'contact', operation: 'get' },
			'jo.walkerton@example.com',
		);
		expect(ids(byEmail.results)).toContain(String(walker.CONTACT_ID));
		const part = await methods.listSearch(
			'searchRecords',
			{ resource: 'contact', operation: 'get' },
			'alkert',
		);
		expect(ids(part.results)).toEqual([String(walker.CONTACT_ID)]);
		expect(part.results[0].name).toBe('Jo Walkerton (jo.walkerton@example.com)');
	});

	it('uses the record type of attached resources, the parent of a new note, and the chosen custom object', async () => {
		const tagList = await methods.listSearch('searchRecords', {
			resource: 'tag',
			operation: 'add',
			recordType: 'opportunity',
		});
		expect(ids(tagList.results).sort()).toEqual(
			rows(sandbox, 'Opportunities')
				.map((row) => String(row.OPPORTUNITY_ID))
				.sort(),
		);
		// The Parent Record locator of Note → Create asks searchParentRecords.
		const noteParents = await methods.listSearch('searchParentRecords', {
			resource: 'note',
			operation: 'create',
			parentType: 'organisation',
		});
		expect(ids(noteParents.results)).toContain(
			String(rows(sandbox, 'Organisations')[0].ORGANISATION_ID),
		);
		const fruits = await methods.listSearch('searchRecords', {
			resource: 'customObjectRecord',
			operation: 'get',
			customObjectName: 'Fruit__c',
		});
		expect(fruits.results.map((result) => result.name)).toContain(
			rows(sandbox, 'Fruit__c')[0].RECORD_NAME,
		);
	});
});
