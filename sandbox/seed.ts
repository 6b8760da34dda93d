/**
 * A deterministic, realistic instance: the configuration every instance has (users, pipelines,
 * categories, lead options, custom fields of every type, a custom object) and, unless the seed is
 * off, `records` linked and tagged records spread over the last 180 days.
 */
import { FIELD_TYPES } from './customFields';
import { formatInsightlyDate, toSecond } from './dates';
import { Prng } from './prng';
import type { RecordType } from './registry';
import type { CustomFieldMeta, Row, SandboxState, StoredRecord } from './state';

export const DEFAULT_SEED = { records: 300, seed: 42 };
const DAY = 86_400_000;

const FIRST = [
	'Ada',
	'Grace',
	'Alan',
	'Edsger',
	'Barbara',
	'Donald',
	'Margaret',
	'Ken',
	'Frances',
	'Dennis',
	'Radia',
	'Tim',
	'Sophie',
	'Linus',
	'Hedy',
	'Niklaus',
];
const LAST = [
	'Lovelace',
	'Hopper',
	'Turing',
	'Dijkstra',
	'Liskov',
	'Knuth',
	'Hamilton',
	'Thompson',
	'Allen',
	'Ritchie',
	'Perlman',
	'Berners-Lee',
	'Wilson',
	'Torvalds',
	'Lamarr',
	'Wirth',
];
const COMPANIES = [
	'Acme',
	'Globex',
	'Initech',
	'Umbrella',
	'Hooli',
	'Vandelay',
	'Stark',
	'Wayne',
	'Tyrell',
	'Cyberdyne',
	'Soylent',
	'Wonka',
];
const SUFFIX = ['Ltd', 'Inc', 'GmbH', 'Pty Ltd', 'LLC', 'SA'];
const CITIES = [
	['London', 'United Kingdom'],
	['Sydney', 'Australia'],
	['Austin', 'United States'],
	['Dublin', 'Ireland'],
	['Berlin', 'Germany'],
	['Toronto', 'Canada'],
];
const TAGS = ['VIP', 'Partner', 'Newsletter', 'Prospect', 'Churn Risk', 'Referral', 'Event 2024'];
const FRUITS = [
	'Apple',
	'Banana',
	'Cherry',
	'Damson',
	'Elderberry',
	'Fig',
	'Grape',
	'Kiwi',
	'Lemon',
	'Mango',
];

const option = (values: string[]) =>
	values.map((OPTION_VALUE, i) => ({ OPTION_ID: i + 1, OPTION_VALUE, OPTION_DEFAULT: i === 0 }));

/** Custom fields by FIELD_FOR: [name, type, options | join object | autonumber prefix]. */
const CUSTOM_FIELDS: Record<
	string,
	[string, (typeof FIELD_TYPES)[number], (string[] | string)?][]
> = {
	CONTACT: [
		['Hobby__c', 'TEXT'],
		['Bio__c', 'MULTILINETEXT'],
		['Tier__c', 'DROPDOWN', ['Gold', 'Silver', 'Bronze']],
		['Interests__c', 'MULTISELECT', ['Music', 'Sports', 'Travel', 'Reading']],
		['Newsletter__c', 'BIT'],
		['Score__c', 'NUMERIC'],
		['Lifetime_Value__c', 'CURRENCY'],
		['Discount__c', 'PERCENT'],
		['Birthday__c', 'DATE'],
		['Last_Contacted__c', 'DATETIME'],
		['Homepage__c', 'URL'],
		['Member_No__c', 'AUTONUMBER', 'M-'],
		['Referrer__c', 'LOOKUP', 'Organisation'],
	],
	ORGANISATION: [
		['Industry__c', 'DROPDOWN', ['Software', 'Retail', 'Finance', 'Health']],
		['Employees__c', 'NUMERIC'],
		['Partner__c', 'BIT'],
		['Regions__c', 'MULTISELECT', ['EMEA', 'APAC', 'AMER']],
		['Founded__c', 'DATE'],
		['Internal_Notes__c', 'MULTILINETEXT'],
		['Revenue__c', 'CURRENCY'],
		['Account_No__c', 'AUTONUMBER', 'A-'],
		['Website_Status__c', 'URL'],
	],
	OPPORTUNITY: [
		['Campaign__c', 'TEXT'],
		['Competitors__c', 'MULTISELECT', ['Globex', 'Initech', 'Hooli']],
		['Priority__c', 'DROPDOWN', ['High', 'Medium', 'Low']],
		['Budget__c', 'CURRENCY'],
		['Win_Chance__c', 'PERCENT'],
		['Decision_Date__c', 'DATETIME'],
		['Signed__c', 'BIT'],
		['Quote_Ref__c', 'AUTONUMBER', 'Q-'],
	],
	LEAD: [
		['Interest_Level__c', 'DROPDOWN', ['Hot', 'Warm', 'Cold']],
		['Website_Visits__c', 'NUMERIC'],
		['Consent__c', 'BIT'],
		['Next_Call__c', 'DATETIME'],
		['Products_Wanted__c', 'MULTISELECT', ['CRM', 'Marketing', 'Service']],
		['Landing_Page__c', 'URL'],
		['First_Touch__c', 'DATE'],
		['Lead_Notes__c', 'MULTILINETEXT'],
	],
	PROJECT: [
		['Budget_Code__c', 'TEXT'],
		['Phase__c', 'DROPDOWN', ['Discovery', 'Build', 'Launch']],
	],
	Fruit__c: [
		['Colour__c', 'DROPDOWN', ['Red', 'Yellow', 'Green', 'Purple']],
		['Weight__c', 'NUMERIC'],
		['Organic__c', 'BIT'],
		['Harvested__c', 'DATE'],
		['Batch_No__c', 'AUTONUMBER', 'F-'],
	],
};

function configure(state: SandboxState, now: number): void {
	const created = formatInsightlyDate(now - 400 * DAY);
	const users = state.collection(state.type('Users')!);
	const people = [
		['Sam', 'Owner', true],
		['Alex', 'Admin', true],
		['Jo', 'Sales', false],
		['Kim', 'Support', false],
		['Lee', 'Former', false],
	] as const;
	people.forEach(([first, last, admin], i) => {
		const id = 1_000 + i + 1;
		users.set(id, {
			id,
			created: now - 400 * DAY,
			updated: now - 30 * DAY,
			fields: {
				CONTACT_ID: null,
				FIRST_NAME: first,
				LAST_NAME: last,
				TIMEZONE_ID: 'GMT Standard Time',
				EMAIL_ADDRESS: `${first.toLowerCase()}@sandbox.example`,
				EMAIL_DROPBOX_IDENTIFIER: `drop${id}`,
				EMAIL_DROPBOX_ADDRESS: `drop${id}@mailbox.insight.ly`,
				ADMINISTRATOR: admin,
				ACCOUNT_OWNER: i === 0,
				ACTIVE: i < 4,
				USER_CURRENCY: 'USD',
				CONTACT_DISPLAY: 'LastFirst',
				CONTACT_ORDER: 'LastFirst',
				TASK_WEEK_START: 1,
				INSTANCE_ID: 777,
				PROFILE_ID: 1,
				ROLE_ID: admin ? 1 : 2,
			},
		});
	});
	state.meUserId = 1_001;
	state.instance = {
		INSTANCE_NAME: 'Sandbox Instance',
		INSTANCE_SUBDOMAIN: 'sandbox',
		PLAN_NAME: 'Professional',
		NEW_USER_EXPERIENCE_ENABLED: true,
	};

	const addPipeline = (name: string, forOpp: boolean, forProj: boolean, stages: string[]) => {
		const p = state.pipelines.add({
			PIPELINE_NAME: name,
			FOR_OPPORTUNITIES: forOpp,
			FOR_PROJECTS: forProj,
			OWNER_USER_ID: 1_001,
		});
		stages.forEach((STAGE_NAME, i) =>
			state.pipelineStages.add({
				PIPELINE_ID: p.PIPELINE_ID,
				STAGE_NAME,
				STAGE_ORDER: i + 1,
				ACTIVITYSET_ID: null,
				OWNER_USER_ID: 1_001,
			}),
		);
	};
	addPipeline('Sales', true, false, ['Qualify', 'Propose', 'Negotiate', 'Close']);
	addPipeline('Renewals', true, false, ['Review', 'Offer', 'Signed']);
	addPipeline('Delivery', false, true, ['Kick-off', 'Build', 'Test', 'Handover']);
	addPipeline('Lead Nurture', false, false, ['New', 'Engaged', 'Ready']);

	const colours = ['FF0000', '00AA00', '0000FF', 'FFAA00'];
	const cats: Record<string, string[]> = {
		OpportunityCategories: ['New Business', 'Upsell', 'Renewal'],
		ProjectCategories: ['Implementation', 'Training'],
		TaskCategories: ['Call', 'Email', 'Meeting', 'Follow-up'],
		FileCategories: ['Contract', 'Invoice', 'Other'],
	};
	for (const [table, names] of Object.entries(cats)) {
		names.forEach((CATEGORY_NAME, i) =>
			state.categories[table].add({
				CATEGORY_NAME,
				ACTIVE: true,
				BACKGROUND_COLOR: colours[i % 4],
			}),
		);
	}
	['Web', 'Referral', 'Trade Show', 'Cold Call'].forEach((LEAD_SOURCE, i) =>
		state.leadSources.add({ LEAD_SOURCE, DEFAULT_VALUE: i === 0, FIELD_ORDER: i + 1 }),
	);
	[
		'Open - Not Contacted',
		'Working - Contacted',
		'Closed - Converted',
		'Closed - Not Converted',
	].forEach((LEAD_STATUS, i) =>
		state.leadStatuses.add({
			LEAD_STATUS,
			DEFAULT_STATUS: i === 0,
			STATUS_TYPE: i < 2 ? 1 : 2,
			FIELD_ORDER: i + 1,
		}),
	);
	[
		['Price', 'Lost'],
		['Competitor', 'Lost'],
		['Best fit', 'Won'],
		['Relationship', 'Won'],
		['No budget', 'Abandoned'],
		['On hold', 'Suspended'],
	].forEach(([STATE_REASON, FOR_OPPORTUNITY_STATE]) =>
		state.stateReasons.add({ STATE_REASON, FOR_OPPORTUNITY_STATE }),
	);
	[
		['Manager', 'Reports to'],
		['Colleague', 'Colleague'],
		['Supplier', 'Customer'],
	].forEach(([f, r]) =>
		state.relationships.add({
			FORWARD_TITLE: f,
			FORWARD: f,
			REVERSE_TITLE: r,
			REVERSE: r,
			FOR_CONTACTS: true,
			FOR_ORGANISATIONS: f === 'Supplier',
		}),
	);

	state.addCustomObject({
		OBJECT_NAME: 'Fruit__c',
		SINGULAR_LABEL: 'Fruit',
		PLURAL_LABEL: 'Fruits',
		DESCRIPTION: 'Fruit in stock',
		RECORD_NAME_LABEL: 'Fruit Name',
		RECORD_NAME_TYPE: 'Text',
		RECORD_NAME_DISPLAY_FORMAT: null,
		ENABLE_NAVBAR: true,
		ENABLE_WORKFLOWS: true,
		CREATED_USER_ID: 1_001,
		DATE_CREATED_UTC: created,
		DATE_UPDATED_UTC: created,
	});

	let order = 1;
	const fields: CustomFieldMeta[] = [];
	for (const [fieldFor, list] of Object.entries(CUSTOM_FIELDS)) {
		for (const [name, type, extra] of list) {
			fields.push({
				FIELD_NAME: name,
				FIELD_ORDER: order++,
				FIELD_FOR: fieldFor,
				FIELD_LABEL: name.replace(/__c$/, '').replace(/_/g, ' '),
				FIELD_TYPE: type,
				FIELD_HELP_TEXT: null,
				DEFAULT_VALUE: type === 'AUTONUMBER' ? (extra as string) : null,
				EDITABLE: type !== 'AUTONUMBER',
				VISIBLE: true,
				CUSTOM_FIELD_OPTIONS: Array.isArray(extra) ? option(extra) : [],
				DEPENDENCY: null,
				JOIN_OBJECT: type === 'LOOKUP' ? (extra as string) : null,
			});
		}
	}
	state.customFields = fields;
}

/** A value of the right type for a custom field (LOOKUP fields are left empty). */
function customValue(field: CustomFieldMeta, rnd: Prng, now: number): unknown {
	const opts = field.CUSTOM_FIELD_OPTIONS.map((o) => o.OPTION_VALUE);
	switch (field.FIELD_TYPE) {
		case 'TEXT':
			return `${rnd.pick(['Chess', 'Sailing', 'Pottery', 'Running'])}`;
		case 'MULTILINETEXT':
			return 'Line one\nLine two';
		case 'DROPDOWN':
			return rnd.pick(opts);
		case 'MULTISELECT':
			return opts.filter(() => rnd.chance(0.5)).join(';') || opts[0];
		case 'BIT':
			return rnd.chance(0.5);
		case 'NUMERIC':
			return rnd.int(1, 5000);
		case 'CURRENCY':
			return rnd.int(100, 100_000) + 0.5;
		case 'PERCENT':
			return rnd.int(0, 100);
		case 'DATE':
			return `${formatInsightlyDate(now - rnd.int(0, 3000) * DAY).slice(0, 10)} 00:00:00`;
		case 'DATETIME':
			return formatInsightlyDate(now - rnd.int(0, 300) * DAY);
		case 'URL':
			return `https://example.com/${rnd.int(1, 999)}`;
		default:
			return undefined;
	}
}

interface Plan {
	path: string;
	share: number;
}
const MIX: Plan[] = [
	{ path: 'Organisations', share: 0.12 },
	{ path: 'Contacts', share: 0.38 },
	{ path: 'Leads', share: 0.1 },
	{ path: 'Opportunities', share: 0.12 },
	{ path: 'Projects', share: 0.04 },
	{ path: 'Tasks', share: 0.07 },
	{ path: 'Events', share: 0.04 },
	{ path: 'Notes', share: 0.05 },
	{ path: 'Emails', share: 0.03 },
	{ path: 'Fruit__c', share: 0.05 },
];

/** Builds a fresh instance in `state`. `records: 0` or `seed: false` gives configuration only. */
export function seedInstance(
	state: SandboxState,
	clockNow: number,
	seed: { records?: number; seed?: number } | false,
): void {
	// Whole seconds, so the same seed and start time give the same timestamps.
	const now = toSecond(clockNow);
	configure(state, now);
	if (seed === false) return;
	const total = seed.records ?? DEFAULT_SEED.records;
	if (total <= 0) return;
	const rnd = new Prng(seed.seed ?? DEFAULT_SEED.seed);
	const span = 180 * DAY;
	const users = [1_001, 1_002, 1_003, 1_004];
	let made = 0;
	// Ids grow with creation time, as in Insightly; updates fall anywhere after creation.
	const insert = (
		type: RecordType,
		fields: Row,
		extra: Partial<StoredRecord> = {},
	): StoredRecord => {
		const created = now - span + Math.floor(Math.min(made++ / total, 1) * span);
		const updated = rnd.chance(0.3) ? created : created + Math.floor(rnd.next() * (now - created));
		const record: StoredRecord = { id: state.allocateId(type), created, updated, fields, ...extra };
		for (const field of state.customFieldsFor(type)) {
			if (field.FIELD_TYPE === 'AUTONUMBER') {
				const next = state.autonumbers.get(field.FIELD_NAME) ?? 1;
				state.autonumbers.set(field.FIELD_NAME, next + 1);
				(record.custom ??= {})[field.FIELD_NAME] =
					`${field.DEFAULT_VALUE}${String(next).padStart(5, '0')}`;
			} else if (rnd.chance(0.35)) {
				const value = customValue(field, rnd, now);
				if (value !== undefined) (record.custom ??= {})[field.FIELD_NAME] = value;
			}
		}
		state.collection(type).set(record.id, record);
		return record;
	};
	const tags = () => (rnd.chance(0.4) ? [...new Set([rnd.pick(TAGS), rnd.pick(TAGS)])] : undefined);
	const link = (a: [RecordType, number], b: [RecordType, number], role: string | null = null) => {
		const id = state.nextLinkId++;
		state.links.set(id, {
			LINK_ID: id,
			from: { type: a[0].path, id: a[1] },
			to: { type: b[0].path, id: b[1] },
			ROLE: role,
			DETAILS: null,
			RELATIONSHIP_ID: null,
		});
		state.linkIdsOf(a[0].path, a[1]).add(id);
		state.linkIdsOf(b[0].path, b[1]).add(id);
	};
	const T = (path: string) => state.type(path)!;
	const ids: Record<string, number[]> = {};
	const opportunityPipelines = state.pipelines.rows.filter((p) => p.FOR_OPPORTUNITIES);
	const projectPipeline = state.pipelines.rows.find((p) => p.FOR_PROJECTS)!;
	const firstStage = (pipelineId: number) =>
		state.pipelineStages.rows.find((s) => s.PIPELINE_ID === pipelineId)!.STAGE_ID;

	const build: Record<string, (i: number) => StoredRecord> = {
		Organisations: (i) => {
			const [city, country] = rnd.pick(CITIES);
			return insert(
				T('Organisations'),
				{
					ORGANISATION_NAME: `${rnd.pick(COMPANIES)} ${rnd.pick(SUFFIX)} ${i + 1}`,
					PHONE: `+44 20 7946 ${String(i % 10000).padStart(4, '0')}`,
					WEBSITE: `https://org${i + 1}.example.com`,
					ADDRESS_BILLING_CITY: city,
					ADDRESS_BILLING_COUNTRY: country,
					OWNER_USER_ID: rnd.pick(users),
					CREATED_USER_ID: 1_001,
				},
				{ tags: tags() },
			);
		},
		Contacts: (i) => {
			const first = rnd.pick(FIRST);
			const last = rnd.pick(LAST);
			const orgs = ids.Organisations ?? [];
			const org = orgs.length && rnd.chance(0.7) ? rnd.pick(orgs) : undefined;
			const [city, country] = rnd.pick(CITIES);
			const record = insert(
				T('Contacts'),
				{
					FIRST_NAME: first,
					LAST_NAME: last,
					EMAIL_ADDRESS: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
					PHONE: `+1 555 01${String(i % 100).padStart(2, '0')}`,
					TITLE: rnd.pick(['CEO', 'CTO', 'Buyer', 'Engineer', 'Manager']),
					ADDRESS_MAIL_CITY: city,
					ADDRESS_MAIL_COUNTRY: country,
					ORGANISATION_ID: org,
					OWNER_USER_ID: rnd.pick(users),
					CREATED_USER_ID: 1_001,
					EMAIL_OPTED_OUT: rnd.chance(0.1),
				},
				{ tags: tags() },
			);
			if (org === undefined) delete record.fields.ORGANISATION_ID;
			else link([T('Contacts'), record.id], [T('Organisations'), org], 'Employee');
			return record;
		},
		Leads: (i) =>
			insert(
				T('Leads'),
				{
					FIRST_NAME: rnd.pick(FIRST),
					LAST_NAME: rnd.pick(LAST),
					EMAIL: `lead${i + 1}@example.net`,
					ORGANISATION_NAME: `${rnd.pick(COMPANIES)} Prospects`,
					LEAD_SOURCE_ID: rnd.pick(state.leadSources.rows).LEAD_SOURCE_ID,
					LEAD_STATUS_ID: rnd.pick(state.leadStatuses.rows).LEAD_STATUS_ID,
					LEAD_RATING: rnd.int(1, 5),
					CONVERTED: false,
					OWNER_USER_ID: rnd.pick(users),
					CREATED_USER_ID: 1_001,
					EMAIL_OPTED_OUT: false,
				},
				{ tags: tags() },
			),
		Opportunities: (i) => {
			const pipeline = rnd.pick(opportunityPipelines);
			const state_ = rnd.pick(['Open', 'Open', 'Open', 'Won', 'Lost']);
			const record = insert(
				T('Opportunities'),
				{
					OPPORTUNITY_NAME: `Deal ${i + 1}: ${rnd.pick(['Licences', 'Support', 'Rollout', 'Upgrade'])}`,
					OPPORTUNITY_STATE: state_,
					BID_CURRENCY: 'USD',
					BID_AMOUNT: rnd.int(1, 200) * 500,
					BID_TYPE: 'Fixed Bid',
					PROBABILITY: rnd.int(5, 95),
					PIPELINE_ID: pipeline.PIPELINE_ID,
					STAGE_ID: firstStage(pipeline.PIPELINE_ID),
					CATEGORY_ID: rnd.pick(state.categories.OpportunityCategories.rows).CATEGORY_ID,
					OWNER_USER_ID: rnd.pick(users),
					CREATED_USER_ID: 1_001,
				},
				{ tags: tags() },
			);
			const contacts = ids.Contacts ?? [];
			if (contacts.length)
				link(
					[T('Opportunities'), record.id],
					[T('Contacts'), rnd.pick(contacts)],
					'Decision maker',
				);
			const orgs = ids.Organisations ?? [];
			if (orgs.length) {
				record.fields.ORGANISATION_ID = rnd.pick(orgs);
				link([T('Opportunities'), record.id], [T('Organisations'), record.fields.ORGANISATION_ID]);
			}
			return record;
		},
		Projects: (i) =>
			insert(
				T('Projects'),
				{
					PROJECT_NAME: `Project ${i + 1}`,
					STATUS: rnd.pick(['NOT STARTED', 'IN PROGRESS', 'COMPLETED']),
					PIPELINE_ID: projectPipeline.PIPELINE_ID,
					STAGE_ID: firstStage(projectPipeline.PIPELINE_ID),
					OWNER_USER_ID: rnd.pick(users),
					CREATED_USER_ID: 1_001,
				},
				{ tags: tags() },
			),
		Tasks: (i) => {
			const record = insert(T('Tasks'), {
				TITLE: `${rnd.pick(['Call', 'Email', 'Visit', 'Prepare quote for'])} customer ${i + 1}`,
				COMPLETED: rnd.chance(0.3),
				STATUS: 'NOT STARTED',
				PRIORITY: rnd.int(1, 3),
				PERCENT_COMPLETE: 0,
				OWNER_USER_ID: rnd.pick(users),
				RESPONSIBLE_USER_ID: rnd.pick(users),
				DUE_DATE: formatInsightlyDate(now + rnd.int(-10, 30) * DAY),
				CATEGORY_ID: rnd.pick(state.categories.TaskCategories.rows).CATEGORY_ID,
				CREATED_USER_ID: 1_001,
			});
			const contacts = ids.Contacts ?? [];
			if (contacts.length) link([T('Tasks'), record.id], [T('Contacts'), rnd.pick(contacts)]);
			return record;
		},
		Events: (i) => {
			const start = now + rnd.int(-30, 30) * DAY;
			return insert(T('Events'), {
				TITLE: `Meeting ${i + 1}`,
				LOCATION: rnd.pick(CITIES)[0],
				START_DATE_UTC: formatInsightlyDate(start),
				END_DATE_UTC: formatInsightlyDate(start + 3_600_000),
				ALL_DAY: false,
				OWNER_USER_ID: rnd.pick(users),
			});
		},
		Notes: (i) => {
			const record = insert(T('Notes'), {
				TITLE: `Call notes ${i + 1}`,
				BODY: '<p>Discussed renewal.</p>',
				OWNER_USER_ID: rnd.pick(users),
			});
			const contacts = ids.Contacts ?? [];
			if (contacts.length) link([T('Notes'), record.id], [T('Contacts'), rnd.pick(contacts)]);
			return record;
		},
		Emails: (i) => {
			const record = insert(
				T('Emails'),
				{
					EMAIL_FROM: 'sam@sandbox.example',
					SUBJECT: `Re: proposal ${i + 1}`,
					EMAIL_DATE_UTC: formatInsightlyDate(now - rnd.int(1, 100) * DAY),
					FORMAT: 'HTML',
					SIZE: rnd.int(2_000, 90_000),
					OWNER_USER_ID: 1_001,
					CREATED_USER_ID: 1_001,
				},
				{ tags: tags() },
			);
			const contacts = ids.Contacts ?? [];
			if (contacts.length) link([T('Emails'), record.id], [T('Contacts'), rnd.pick(contacts)]);
			return record;
		},
		Fruit__c: (i) =>
			insert(T('Fruit__c'), {
				RECORD_NAME: `${rnd.pick(FRUITS)} crate ${i + 1}`,
				OWNER_USER_ID: rnd.pick(users),
				VISIBLE_TO: 'EVERYONE',
			}),
	};

	// Interleave types so ids and creation times mix as in a living instance, parents first.
	const counts = MIX.map((m) => Math.max(1, Math.round(m.share * total)));
	const queue: string[] = [];
	MIX.forEach((m, k) => {
		for (let i = 0; i < counts[k]; i++) queue.push(m.path);
	});
	const position = (path: string, i: number) =>
		(i + (MIX.findIndex((m) => m.path === path) + 1) * 0.01) /
		counts[MIX.findIndex((m) => m.path === path)];
	const seen: Record<string, number> = {};
	const ordered = queue
		.map((path) => ({ path, i: (seen[path] = (seen[path] ?? -1) + 1) }))
		.sort((a, b) => position(a.path, a.i) - position(b.path, b.i));
	for (const { path, i } of ordered) (ids[path] ??= []).push(build[path](i).id);

	// A small product catalogue, a quote, and project milestones.
	const product = insert(T('Product'), {
		PRODUCT_NAME: 'Sandbox Licence',
		PRODUCT_CODE: 'LIC-1',
		DEFAULT_PRICE: 49.5,
		ACTIVE: true,
		CURRENCY_CODE: 'USD',
		OWNER_USER_ID: 1_001,
		CREATED_USER_ID: 1_001,
	});
	const pricebook = insert(T('Pricebook'), {
		NAME: 'Standard',
		ACTIVE: true,
		CURRENCY_CODE: 'USD',
		IS_STANDARD: true,
		OWNER_USER_ID: 1_001,
		CREATED_USER_ID: 1_001,
	});
	let quote: StoredRecord | undefined;
	if (ids.Opportunities?.length) {
		quote = insert(T('Quotation'), {
			QUOTATION_NAME: `Quote for ${product.fields.PRODUCT_NAME}`,
			OPPORTUNITY_ID: ids.Opportunities[0],
			QUOTE_STATUS: 'DRAFT',
			OWNER_USER_ID: 1_001,
			CREATED_USER_ID: 1_001,
		});
	}
	for (const projectId of (ids.Projects ?? []).slice(0, 5)) {
		insert(T('Milestones'), {
			TITLE: 'Go live',
			COMPLETED: false,
			DUE_DATE: formatInsightlyDate(now + 20 * DAY),
			PROJECT_ID: projectId,
			OWNER_USER_ID: 1_001,
			RESPONSIBLE_USER: 1_002,
		});
	}

	seedLaterTypes(state, now, seed.seed ?? DEFAULT_SEED.seed, {
		contacts: ids.Contacts ?? [],
		opportunities: ids.Opportunities ?? [],
		product,
		pricebook,
		quote,
	});
}

/**
 * Records of the types the sandbox learnt after its first seed was fixed: tickets, prospects,
 * knowledge articles, price book entries, opportunity and quotation line items, teams. They are
 * made after everything above and draw on their own PRNG stream, so every record, id and value
 * seeded above is the same as before they existed.
 */
function seedLaterTypes(
	state: SandboxState,
	now: number,
	seedNumber: number,
	parents: {
		contacts: number[];
		opportunities: number[];
		product: StoredRecord;
		pricebook: StoredRecord;
		quote?: StoredRecord;
	},
): void {
	const rnd = new Prng((seedNumber ^ 0x5eed1a7e) >>> 0);
	const users = [1_001, 1_002, 1_003, 1_004];
	const T = (path: string) => state.type(path)!;
	const second = (ms: number) => toSecond(ms);
	/** A record created `daysAgo` days before now (0: now), updated at or after that. */
	const insert = (
		path: string,
		fields: Row,
		daysAgo: number,
		extra: Partial<StoredRecord> = {},
	): StoredRecord => {
		const created = daysAgo ? second(now - daysAgo * DAY + rnd.int(0, 8 * 3_600) * 1_000) : now;
		const updated = rnd.chance(0.3) ? created : second(created + rnd.next() * (now - created));
		const type = T(path);
		const record: StoredRecord = { id: state.allocateId(type), created, updated, fields, ...extra };
		state.collection(type).set(record.id, record);
		return record;
	};
	const money = (n: number) => Math.round(n * 100) / 100;

	const contacts = state.collection(T('Contacts'));
	if (parents.contacts.length) {
		[
			['Cannot log in to the portal', 'Problem', 'High', 'Open', ['Escalated']],
			['Question about my invoice', 'Question', 'Normal', 'Pending', undefined],
			['Calendar sync stopped working', 'Incident', 'Urgent', 'Solved', ['VIP', 'Escalated']],
			['Please add a dark mode', 'Task', 'Low', 'Closed', undefined],
		].forEach(([subject, kind, priority, status, tags], k) => {
			const contactId = rnd.pick(parents.contacts);
			const organisationId = contacts.get(contactId)?.fields.ORGANISATION_ID;
			const ticket = insert(
				'Ticket',
				{
					SUBJECT: subject,
					TICKET_TYPE: kind,
					PRIORITY: priority,
					TICKET_STATUS: status,
					CONTACT_ID: contactId,
					...(organisationId === undefined ? {} : { ORGANISATION_ID: organisationId }),
					TO_EMAIL_ADDRESS: 'support@sandbox.example',
					OWNER_USER_ID: rnd.pick(users),
					CREATED_USER_ID: 1_001,
				},
				40 - k * 10,
				{ tags: tags as string[] | undefined },
			);
			if (status === 'Solved' || status === 'Closed')
				ticket.fields.DATE_SOLVED_UTC = formatInsightlyDate(ticket.updated);
			if (status === 'Closed') ticket.fields.DATE_CLOSED_UTC = formatInsightlyDate(ticket.updated);
		});
	}

	for (let k = 0; k < 4; k++) {
		const first = rnd.pick(FIRST);
		const last = rnd.pick(LAST);
		const [city, country] = rnd.pick(CITIES);
		insert(
			'Prospect',
			{
				FIRST_NAME: first,
				LAST_NAME: last,
				EMAIL_ADDRESS: `${first}.${last}.${k + 1}@prospects.example`.toLowerCase(),
				ORGANISATION_NAME: `${rnd.pick(COMPANIES)} ${rnd.pick(SUFFIX)}`,
				TITLE: rnd.pick(['CEO', 'CTO', 'Buyer', 'Head of Marketing']),
				INDUSTRY: rnd.pick(['Software', 'Retail', 'Finance', 'Health']),
				EMPLOYEE_COUNT: rnd.int(5, 5_000),
				SCORE: rnd.int(0, 100),
				GRADE: rnd.pick(['A', 'B', 'C', 'D']),
				ADDRESS_CITY: city,
				ADDRESS_COUNTRY: country,
				DO_NOT_EMAIL: false,
				DO_NOT_CALL: k === 3,
				OPTED_OUT: false,
				DO_NOT_SYNC: false,
				OWNER_USER_ID: rnd.pick(users),
				CREATED_USER_ID: 1_001,
			},
			50 - k * 10,
			{ tags: k % 2 === 0 ? ['Newsletter'] : undefined },
		);
	}

	[
		['Getting started', 'getting-started', 'Published'],
		['Resetting your password', 'resetting-your-password', 'Published'],
		['Exporting your data', 'exporting-your-data', 'Draft'],
	].forEach(([title, slug, status], k) => {
		const article = insert(
			'KnowledgeArticle',
			{
				Title: title,
				Body: `<h1>${title}</h1><p>Step by step.</p>`,
				URL_SLUG: slug,
				FOLDER_ID: 1,
				ARTICLE_NO: k + 1,
				ArticleVersion: '1',
				Status: status,
				Language: 'en',
				PROMOTED: k === 0,
				UPVOTE_COUNT: rnd.int(0, 40),
				DOWNVOTE_COUNT: rnd.int(0, 5),
				ExternalLinkCount: '0',
				OWNER_USER_ID: 1_002,
				CREATED_USER_ID: 1_002,
			},
			60 - k * 15,
			{ tags: k === 0 ? ['Onboarding'] : undefined },
		);
		if (status === 'Published') {
			article.fields.FIRST_PUBLISHED_DATE_UTC = formatInsightlyDate(article.created);
			article.fields.LAST_PUBLISHED_DATE_UTC = formatInsightlyDate(article.updated);
		}
	});

	// The seed has one product and one price book (created now): one entry per currency.
	const { product, pricebook } = parents;
	const entries = (
		[
			['USD', product.fields.DEFAULT_PRICE, true, true],
			['EUR', 45, false, true],
			['GBP', 39, false, false],
		] as const
	).map(([currency, price, standard, active]) =>
		insert(
			'PricebookEntry',
			{
				PRICEBOOK_ID: pricebook.id,
				PRODUCT_ID: product.id,
				CURRENCY_CODE: currency,
				PRICE: price,
				USE_STANDARD_PRICE: standard,
				ACTIVE: active,
				CREATED_USER_ID: 1_001,
			},
			0,
		),
	);

	// Line items on the first opportunities (all bid in USD), priced from the USD entry.
	const entry = entries[0];
	const listPrice = entry.fields.PRICE as number;
	const opportunities = parents.opportunities;
	const opportunityItems: StoredRecord[] = [];
	if (opportunities.length) {
		(
			[
				[0, 10, 0, 'Sandbox Licence, annual'],
				[0, 5, 0, 'Sandbox Licence, second site'],
				[1, 25, 10, 'Sandbox Licence, volume'],
				[2, 3, 0, 'Sandbox Licence, pilot'],
			] as const
		).forEach(([index, quantity, discount, description], k) => {
			const subtotal = money(quantity * listPrice);
			opportunityItems.push(
				insert(
					'OpportunityLineItem',
					{
						OPPORTUNITY_ID: opportunities[Math.min(index, opportunities.length - 1)],
						PRICEBOOK_ENTRY_ID: entry.id,
						CURRENCY_CODE: entry.fields.CURRENCY_CODE,
						DESCRIPTION: description,
						QUANTITY: quantity,
						LIST_PRICE: listPrice,
						UNIT_PRICE: listPrice,
						DISCOUNT: discount,
						SUBTOTAL: subtotal,
						TOTAL_PRICE: money(subtotal * (1 - discount / 100)),
						SERVICE_DATE: formatInsightlyDate(now + (k + 1) * 30 * DAY),
					},
					0,
				),
			);
		});
	}

	// The quote is on the first opportunity: two of its items come from that opportunity.
	const quote = parents.quote;
	if (quote) {
		const fromOpportunity = opportunityItems.filter(
			(item) => item.fields.OPPORTUNITY_ID === quote.fields.OPPORTUNITY_ID,
		);
		(
			[
				[fromOpportunity[0], 10, 0, 'Sandbox Licence, annual'],
				[fromOpportunity[1], 5, 0, 'Sandbox Licence, second site'],
				[undefined, 1, 100, 'Sandbox Licence, trial extension'],
			] as const
		).forEach(([item, quantity, discount, description], k) => {
			const subtotal = money(quantity * listPrice);
			insert(
				'QuotationLineItem',
				{
					QUOTE_ID: quote.id,
					...(item ? { OPPORTUNITY_ITEM_ID: item.id } : {}),
					PRICEBOOK_ENTRY_ID: entry.id,
					CURRENCY_CODE: entry.fields.CURRENCY_CODE,
					DESCRIPTION: description,
					QUANTITY: quantity,
					LIST_PRICE: listPrice,
					UNIT_PRICE: listPrice,
					DISCOUNT: discount,
					SUBTOTAL: subtotal,
					TOTAL_PRICE: money(subtotal * (1 - discount / 100)),
					SORT_ORDER: k + 1,
				},
				0,
			);
		});
	}

	(
		[
			['Sales', [1_002, 1_003]],
			['Support', [1_004, 1_001]],
			['Management', [1_001, 1_002]],
		] as const
	).forEach(([name, members], k) => {
		insert('Teams', { TEAM_NAME: name }, 300 - k * 10, {
			extra: {
				TEAMMEMBERS: members.map((MEMBER_USER_ID) => ({
					PERMISSION_ID: state.nextPermissionId++,
					MEMBER_USER_ID,
				})),
			},
		});
	});
}
