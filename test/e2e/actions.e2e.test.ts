/**
 * The Insightly action node inside real n8n (`n8n execute --id`), installed from the packed
 * tarball. Every n8n process costs seconds, so the operations that should succeed share one
 * workflow (branches run one after the other), and each error path is its own workflow that
 * must end the run with a clear message.
 */
import type { RequestLogEntry } from '../../sandbox';
import { contactSync, opportunityWon } from '../../scripts/demo/workflows';
import { CREDENTIALS, E2eEnvironment } from './lib/environment';
import { currentMajor } from './lib/n8nVersions';
import type { RunResult } from './lib/runResult';
import { Collector } from './lib/collector';
import {
	buildWorkflow,
	byId,
	chainWorkflow,
	insightlyNode,
	type NodeSpec,
	type WorkflowJson,
} from './lib/workflows';

const major = currentMajor();
const BULK_CONTACTS = 620; // more than one page of 500
const ADA_EMAIL = 'ada@e2e.example';
const FILE_TEXT = 'Minutes of the Analytical Engine meeting\n';

const node = (name: string, parameters: Record<string, unknown>) =>
	insightlyNode(name, parameters, CREDENTIALS.sandbox);
const adaId = "={{ $('Create Contact').first().json.CONTACT_ID }}";

/** Branches of the workflow that must succeed; the sandbox's org id is known once seeded. */
function happyBranches(orgId: number): NodeSpec[][] {
	return [
		[
			node('All Contacts', {
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				options: { brief: true },
			}),
		],
		[
			node('First 520 Contacts', {
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit: 520,
				options: { brief: true },
			}),
		],
		[
			node('Create Contact', {
				resource: 'contact',
				operation: 'create',
				FIRST_NAME: 'Ada',
				additionalFields: { LAST_NAME: 'Lovelace', EMAIL_ADDRESS: ADA_EMAIL },
				customFields: {
					field: [
						{ fieldName: 'Tier__c', value: 'Gold' },
						{ fieldName: 'Interests__c', value: 'Music;Travel' },
						{ fieldName: 'Newsletter__c', value: 'true' },
					],
				},
			}),
			node('Get Contact', {
				resource: 'contact',
				operation: 'get',
				recordId: byId('={{ $json.CONTACT_ID }}'),
			}),
			node('Update Contact', {
				resource: 'contact',
				operation: 'update',
				recordId: byId(adaId),
				updateFields: { TITLE: 'Countess' },
				customFields: { field: [{ fieldName: 'Score__c', value: '42' }] },
			}),
			node('Add Tag', {
				resource: 'tag',
				operation: 'add',
				recordType: 'contact',
				recordId: byId(adaId),
				tagName: 'VIP',
			}),
			node('Add Link', {
				resource: 'link',
				operation: 'add',
				recordType: 'contact',
				recordId: byId(adaId),
				linkObjectName: 'Organisation',
				linkObjectId: String(orgId),
				linkFields: { role: 'Founder' },
			}),
			{
				name: 'Text',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{
								id: 'a1',
								name: 'fileBase64',
								type: 'string',
								value: Buffer.from(FILE_TEXT).toString('base64'),
							},
						],
					},
					options: {},
				},
			},
			{
				name: 'To File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				parameters: {
					operation: 'toBinary',
					sourceProperty: 'fileBase64',
					options: { fileName: 'minutes.txt', mimeType: 'text/plain' },
				},
			},
			node('Upload File', {
				resource: 'fileAttachment',
				operation: 'upload',
				recordType: 'contact',
				recordId: byId(adaId),
				binaryPropertyName: 'data',
			}),
			node('Download File', {
				resource: 'fileAttachment',
				operation: 'download',
				fileId: '={{ $json.FILE_ID }}',
				outputBinaryPropertyName: 'file',
			}),
			node('Upsert Existing', {
				resource: 'contact',
				operation: 'upsert',
				matchField: 'EMAIL_ADDRESS',
				matchValue: ADA_EMAIL,
				FIRST_NAME: 'Augusta',
			}),
			node('Search Contacts', {
				resource: 'contact',
				operation: 'search',
				searchField: 'EMAIL_ADDRESS',
				searchValue: ADA_EMAIL,
				returnAll: true,
			}),
			node('Delete Contact', { resource: 'contact', operation: 'delete', recordId: byId(adaId) }),
		],
		[
			node('Upsert New', {
				resource: 'contact',
				operation: 'upsert',
				matchField: 'EMAIL_ADDRESS',
				matchValue: 'newt@e2e.example',
				FIRST_NAME: 'Newt',
			}),
		],
		[node('Current User', { resource: 'user', operation: 'getCurrent' })],
	];
}

const getContact = (id: string | number) => ({
	resource: 'contact',
	operation: 'get',
	recordId: byId(id),
});
const failing = {
	wrongKey: chainWorkflow('errWrongKey', 'wrong API key', [
		insightlyNode('Get Contact', getContact(1), CREDENTIALS.wrongKey),
	]),
	unknownRecord: chainWorkflow('errUnknown', 'unknown record', [
		node('Get Contact', getContact(99999999)),
	]),
	dailyLimit: chainWorkflow('errDailyLimit', 'daily limit used up', [
		node('All Contacts', { resource: 'contact', operation: 'getAll', returnAll: true }),
	]),
};

const apiCalls = (log: RequestLogEntry[], method: string, pathPattern: RegExp) =>
	log.filter((entry) => entry.method === method && pathPattern.test(entry.path));

describe(`Insightly node in n8n ${major}.x`, () => {
	let env: E2eEnvironment;
	let happy: ReturnType<typeof buildWorkflow>;
	let orgId: number;
	let bulkIds: number[];

	beforeAll(async () => {
		env = await E2eEnvironment.start(major, { perSecondLimit: false });
		orgId = env.sandbox.records.create('Organisations', {
			ORGANISATION_NAME: 'Analytical Engines Ltd',
		}).ORGANISATION_ID;
		bulkIds = Array.from(
			{ length: BULK_CONTACTS },
			(_, i) =>
				env.sandbox.records.create('Contacts', { FIRST_NAME: `Bulk${i}`, LAST_NAME: 'Contact' })
					.CONTACT_ID as number,
		);
		happy = buildWorkflow('happyPath', 'contact operations', happyBranches(orgId));
		await env.importWorkflows([happy, ...Object.values(failing)]);
	});
	afterAll(() => env?.stop());

	describe('operations that succeed, in one run', () => {
		let run: RunResult;
		let log: RequestLogEntry[];

		beforeAll(async () => {
			env.sandbox.clearLog();
			run = await env.execute(happy);
			log = env.sandbox.log();
		});

		test('the run succeeds', () => {
			expect(run.error).toBeUndefined();
		});

		test('get many reads every contact over two pages of 500, and a limit stops mid-page', () => {
			const all = run.json('All Contacts');
			expect(all).toHaveLength(BULK_CONTACTS);
			expect(all.map((c) => c.CONTACT_ID)).toEqual(bulkIds);
			const first = run.json('First 520 Contacts');
			expect(first.map((c) => c.CONTACT_ID)).toEqual(bulkIds.slice(0, 520));
			const pages = apiCalls(log, 'GET', /^\/v3\.1\/Contacts$/).map(
				(e) => `${e.query.skip}+${e.query.top}`,
			);
			// Return All learns the total from the first page (count_total → X-Total-Count), so the
			// second page asks only for the rest; the limit of 520 asks only for 20 more.
			expect(pages).toEqual(['0+500', `500+${BULK_CONTACTS - 500}`, '0+500', '500+20']);
		});

		test('create sends custom fields converted by type; get returns them', () => {
			const [created] = run.json('Create Contact');
			expect(created).toMatchObject({
				FIRST_NAME: 'Ada',
				LAST_NAME: 'Lovelace',
				EMAIL_ADDRESS: ADA_EMAIL,
			});
			const [post] = apiCalls(log, 'POST', /^\/v3\.1\/Contacts$/);
			expect((post.body as { CUSTOMFIELDS: unknown[] }).CUSTOMFIELDS).toEqual(
				expect.arrayContaining([
					{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' },
					{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Travel' },
					{ FIELD_NAME: 'Newsletter__c', FIELD_VALUE: true },
				]),
			);
			const [got] = run.json('Get Contact');
			expect(got.CONTACT_ID).toBe(created.CONTACT_ID);
			expect(JSON.stringify(got)).toContain('Gold');
		});

		test('update changes the field and the custom field, and keeps the other custom fields', () => {
			const [updated] = run.json('Update Contact');
			expect(updated).toMatchObject({ TITLE: 'Countess' });
			const [put] = apiCalls(log, 'PUT', /^\/v3\.1\/Contacts$/);
			// The record is read first and its other custom fields are sent back unchanged, so the
			// update is safe whether Insightly merges or replaces CUSTOMFIELDS (docs/live-api.md).
			const sent = (put.body as { CUSTOMFIELDS: unknown[] }).CUSTOMFIELDS;
			expect(put.body).toMatchObject({ TITLE: 'Countess' });
			expect(sent).toEqual(
				expect.arrayContaining([
					{ FIELD_NAME: 'Score__c', FIELD_VALUE: 42 },
					{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' },
				]),
			);
			expect(updated.customFields).toMatchObject({ Score__c: 42, Tier__c: 'Gold' });
		});

		test('tag and link are added to the contact', () => {
			const id = run.json('Create Contact')[0].CONTACT_ID;
			expect(run.json('Add Tag')).toEqual([
				expect.objectContaining({ CONTACT_ID: id, TAG_NAME: 'VIP' }),
			]);
			expect(run.json('Add Link')[0]).toMatchObject({
				LINK_OBJECT_NAME: 'Organisation',
				LINK_OBJECT_ID: orgId,
				ROLE: 'Founder',
			});
			expect(
				apiCalls(log, 'POST', new RegExp(`^/v3\\.1/Contacts/${id}/(Tags|Links)$`)),
			).toHaveLength(2);
		});

		test('a file uploaded from binary data downloads with the same bytes', () => {
			const [uploaded] = run.json('Upload File');
			expect(uploaded).toMatchObject({
				FILE_NAME: 'minutes.txt',
				CONTENT_TYPE: 'text/plain',
				FILE_SIZE: Buffer.byteLength(FILE_TEXT),
			});
			const [downloaded] = run.items('Download File');
			expect(downloaded.binary?.file).toMatchObject({
				fileName: 'minutes.txt',
				mimeType: 'text/plain',
			});
			expect(run.binaryContent(downloaded.binary!.file).toString()).toBe(FILE_TEXT);
		});

		test('upsert updates the one match, or creates when nothing matches', () => {
			const id = run.json('Create Contact')[0].CONTACT_ID;
			expect(run.json('Upsert Existing')).toEqual([
				expect.objectContaining({ CONTACT_ID: id, FIRST_NAME: 'Augusta', upsertAction: 'updated' }),
			]);
			const [created] = run.json('Upsert New');
			expect(created).toMatchObject({
				FIRST_NAME: 'Newt',
				EMAIL_ADDRESS: 'newt@e2e.example',
				upsertAction: 'created',
			});
			expect(
				env.sandbox.records.list('Contacts').some((c) => c.CONTACT_ID === created.CONTACT_ID),
			).toBe(true);
		});

		test('search finds the contact by email; delete removes it', () => {
			const id = run.json('Create Contact')[0].CONTACT_ID;
			expect(run.json('Search Contacts').map((c) => c.CONTACT_ID)).toEqual([id]);
			expect(apiCalls(log, 'DELETE', new RegExp(`^/v3\\.1/Contacts/${id}$`))).toHaveLength(1);
			expect(env.sandbox.records.list('Contacts').some((c) => c.CONTACT_ID === id)).toBe(false);
		});

		test('the credential authenticates the node (Basic auth, key as user)', () => {
			expect(run.json('Current User')[0].USER_ID).toBe(env.sandbox.state.meUserId);
			expect(log.filter((e) => e.status === 401)).toEqual([]);
		});
	});

	describe("the key goes nowhere but Insightly, even through n8n's HTTP Request node", () => {
		let listener: Collector;
		let borrow: WorkflowJson;

		beforeAll(async () => {
			listener = await Collector.start();
			borrow = chainWorkflow('borrowKey', 'HTTP Request node with the Insightly credential', [
				{
					name: 'HTTP To Elsewhere',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: {
						method: 'POST',
						url: listener.url,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'insightlyApi',
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '{"from": "n8n"}',
						options: {},
					},
					credentials: { insightlyApi: CREDENTIALS.sandbox },
				},
			]);
			await env.importWorkflows([borrow]);
		});
		afterAll(() => listener?.stop());

		test('the listener never sees the key: n8n refuses the credential, or sends no Authorization', async () => {
			const run = await env.execute(borrow);
			const key = env.sandbox.apiKey;
			const base64 = Buffer.from(`${key}:`).toString('base64');
			for (const request of listener.received) {
				expect(request.headers.authorization).toBeUndefined();
				expect(JSON.stringify(request)).not.toContain(key);
				expect(JSON.stringify(request)).not.toContain(base64);
			}
			// n8n 2.x knows restrictToSupportedNodes and refuses the node; 1.x sends the request
			// without the key (the credential has no authenticate block).
			if (major === 2) {
				expect(run.ok).toBe(false);
				expect(listener.received).toEqual([]);
			} else {
				expect(listener.received.length).toBe(1);
			}
			expect(run.stdout + run.stderr).not.toContain(key);
		});
	});

	describe('error paths end the run with a clear message', () => {
		const expectFailure = (run: RunResult, message: RegExp) => {
			expect(run.ok).toBe(false);
			expect(run.error?.nodeName).toBe(run.ranNodes().at(-1));
			expect(run.error?.message).toMatch(message);
		};

		test('wrong API key', async () => {
			env.sandbox.clearLog();
			const run = await env.execute(failing.wrongKey);
			expectFailure(run, /Insightly rejected the API key \(401\)/);
			expect(env.sandbox.log().every((e) => e.status === 401)).toBe(true);
			expect(run.stdout + run.stderr).not.toContain('not-the-sandbox-key');
		});

		test('unknown record', async () => {
			const run = await env.execute(failing.unknownRecord);
			expectFailure(run, /Contact 99999999 was not found \(404\)/);
		});

		test('daily limit used up: stops at once, no retries', async () => {
			env.sandbox.limits.set({ remaining: 0 });
			env.sandbox.clearLog();
			try {
				const run = await env.execute(failing.dailyLimit);
				expectFailure(run, /daily API limit is used up/);
				expect(env.sandbox.log()).toHaveLength(1);
			} finally {
				env.sandbox.reset({ seed: false, perSecondLimit: false });
			}
		});
	});
});

/** The example workflows `npm start` imports (scripts/demo/workflows.ts) run green as shipped. */
describe(`npm start's example workflows in n8n ${major}.x`, () => {
	let env: E2eEnvironment;

	beforeAll(async () => {
		// The seed npm start uses (300 records), so the examples meet the data a user meets.
		env = await E2eEnvironment.start(major, { perSecondLimit: false, seed: { records: 300 } });
		await env.importWorkflows([contactSync, opportunityWon]);
	});
	afterAll(() => env?.stop());

	test('Contact sync creates the three people, and a second run updates them', async () => {
		const first = await env.execute(contactSync);
		expect(first.error).toBeUndefined();
		const created = first.json('Create or Update Contact');
		expect(created.map((contact) => contact.upsertAction)).toEqual([
			'created',
			'created',
			'created',
		]);
		const second = await env.execute(contactSync);
		expect(second.error).toBeUndefined();
		const updated = second.json('Create or Update Contact');
		expect(updated.map((contact) => contact.upsertAction)).toEqual([
			'updated',
			'updated',
			'updated',
		]);
		expect(updated.map((contact) => contact.CONTACT_ID)).toEqual(
			created.map((contact) => contact.CONTACT_ID),
		);
	});

	test('Opportunity won marks an open opportunity won and tags it', async () => {
		const run = await env.execute(opportunityWon);
		expect(run.error).toBeUndefined();
		const [won] = run.json('Mark Won');
		expect(String(won.OPPORTUNITY_STATE).toUpperCase()).toBe('WON');
		expect(run.json('Tag Won via n8n')).toEqual([
			expect.objectContaining({ OPPORTUNITY_ID: won.OPPORTUNITY_ID, TAG_NAME: 'Won via n8n' }),
		]);
	});
});
