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
	it('lists records by label, filters by typed text, and pages with a token', async () => {
		sandbox.clearLog();
		const first = await methods.listSearch('searchRecords', {
			resource: 'contact',
			operation: 'get',
		});
		expect(first.results.length).toBeGreaterThan(0);
		const contact = rows(sandbox, 'Contacts')[0];
		expect(first.results).toContainEqual({
			name: `${contact.FIRST_NAME} ${contact.LAST_NAME}`,
			value: String(contact.CONTACT_ID),
		});
		expect(sentRequests(sandbox)[0]).toMatchObject({
			path: '/Contacts',
			query: { brief: 'true', top: '100', skip: '0' },
		});

		const filtered = await methods.listSearch(
			'searchRecords',
			{ resource: 'contact', operation: 'get' },
			String(contact.LAST_NAME).toLowerCase(),
		);
		expect(
			filtered.results.every((result) =>
				result.name.toLowerCase().includes(String(contact.LAST_NAME).toLowerCase()),
			),
		).toBe(true);

		for (let i = 0; i < 120; i++)
			sandbox.records.create('Organisations', { ORGANISATION_NAME: `Paging Org ${i}` });
		const page1 = await methods.listSearch('searchRecords', {
			resource: 'organisation',
			operation: 'get',
		});
		expect(page1.paginationToken).toBe('100');
		const page2 = await methods.listSearch(
			'searchRecords',
			{ resource: 'organisation', operation: 'get' },
			undefined,
			page1.paginationToken,
		);
		expect(page1.results.length + page2.results.length).toBe(rows(sandbox, 'Organisations').length);
	});

	it('uses the record type of attached resources, the parent of a new note, and the chosen custom object', async () => {
		const tagList = await methods.listSearch('searchRecords', {
			resource: 'tag',
			operation: 'add',
			recordType: 'opportunity',
		});
		expect(tagList.results[0].value).toBe(String(rows(sandbox, 'Opportunities')[0].OPPORTUNITY_ID));
		// The Parent Record locator of Note → Create asks searchParentRecords.
		const noteParents = await methods.listSearch('searchParentRecords', {
			resource: 'note',
			operation: 'create',
			parentType: 'organisation',
		});
		expect(noteParents.results[0].value).toBe(
			String(rows(sandbox, 'Organisations')[0].ORGANISATION_ID),
		);
		const fruits = await methods.listSearch('searchRecords', {
			resource: 'customObjectRecord',
			operation: 'get',
			customObjectName: 'Fruit__c',
		});
		expect(fruits.results[0].name).toBe(rows(sandbox, 'Fruit__c')[0].RECORD_NAME);
	});
});
