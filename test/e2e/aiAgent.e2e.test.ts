/**
 * The Insightly node as an AI agent's tool inside real n8n: an AI Agent with an OpenAI Chat Model
 * whose Base URL is a scripted OpenAI-compatible server on 127.0.0.1 (test/e2e/lib/openAiStub.ts),
 * and one `insightlyTool` node per operation with `$fromAI()` parameters. The script makes the
 * agent get a contact, search (a match and no match), create, get with an invalid ID and get a
 * missing record, then list 50 contacts. The test asserts the tool schemas n8n offers the model,
 * the tool messages the model receives (content and size), and the requests the sandbox received.
 *
 * n8n 1.x is skipped: its AI Agent and OpenAI nodes differ, and issue #15 asks for 2.40.7.
 * E2E_AI_REPORT=<file> writes the measured tool-message sizes there (used to measure the package
 * before and after the compact shape with the same script).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CREDENTIALS, E2eEnvironment } from './lib/environment';
import { currentMajor } from './lib/n8nVersions';
import { OpenAiStub, type OfferedTool, type ScriptedReply } from './lib/openAiStub';
import type { RunResult } from './lib/runResult';
import { MANUAL_TRIGGER, PACKAGE_PREFIX, workflowId, type WorkflowJson } from './lib/workflows';

const major = currentMajor();
const describeOn2 = major === 2 ? describe : describe.skip;
if (major !== 2)
	console.log('aiAgent.e2e: skipped on n8n 1.x (the AI Agent test targets n8n 2.40.7)');

const OPENAI_CREDENTIAL = { id: 'openAiE2eStub001', name: 'OpenAI (scripted stub)' };
const INSIGHTLY_TOOL = `${PACKAGE_PREFIX}.insightlyTool`;
const NEW_EMAIL = 'grace.hopper@e2e.example';
const NOBODY = 'nobody@nowhere.example';
const MISSING_ID = '987654321';

/** A resource locator whose ID the model gives. */
const idFromModel = {
	__rl: true,
	mode: 'id',
	value: "={{ $fromAI('contactId', 'The numeric ID of the contact', 'string') }}",
};

/** One tool per operation, the resource and operation fixed (never left to the model). */
const TOOLS: Record<string, Record<string, unknown>> = {
	get_contact: { resource: 'contact', operation: 'get', recordId: idFromModel },
	search_contacts_by_email: {
		resource: 'contact',
		operation: 'search',
		searchField: 'EMAIL_ADDRESS',
		searchValue: "={{ $fromAI('email', 'The exact email address to look for', 'string') }}",
	},
	create_contact: {
		resource: 'contact',
		operation: 'create',
		FIRST_NAME: "={{ $fromAI('firstName', 'First name', 'string') }}",
		additionalFields: {
			LAST_NAME: "={{ $fromAI('lastName', 'Last name', 'string') }}",
			EMAIL_ADDRESS: "={{ $fromAI('email', 'Email address', 'string') }}",
		},
	},
	list_contacts: { resource: 'contact', operation: 'getAll', limit: 50 },
};

function agentWorkflow(key: string, typeVersion: number): WorkflowJson {
	const position = (x: number, y: number) => [x * 220, y * 200];
	const nodes: Array<Record<string, unknown>> = [
		{
			id: `${key}-start`,
			name: 'Start',
			type: MANUAL_TRIGGER,
			typeVersion: 1,
			position: position(0, 0),
			parameters: {},
		},
		{
			id: `${key}-agent`,
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: position(1, 0),
			parameters: {
				promptType: 'define',
				text: 'Work through the Insightly contacts as instructed.',
				options: { maxIterations: 20 },
			},
		},
		{
			id: `${key}-model`,
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: position(1, 1),
			parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
			credentials: { openAiApi: OPENAI_CREDENTIAL },
		},
		...Object.entries(TOOLS).map(([name, parameters], index) => ({
			id: `${key}-tool-${index}`,
			name,
			type: INSIGHTLY_TOOL,
			typeVersion,
			position: position(2 + index, 1),
			parameters,
			credentials: { insightlyApi: CREDENTIALS.sandbox },
		})),
	];
	const connections: Record<string, unknown> = {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': {
			ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
		},
	};
	for (const name of Object.keys(TOOLS))
		connections[name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	const id = workflowId(key);
	return {
		id,
		name: `E2E AI agent (${key})`,
		active: false,
		nodes,
		connections: connections as WorkflowJson['connections'],
		settings: { executionOrder: 'v1', timezone: 'UTC' },
		pinData: {},
		versionId: `00000000-0000-4000-8000-${id.slice(0, 12).padEnd(12, '0')}`,
	};
}

describeOn2('Insightly as an AI agent tool (n8n 2.x)', () => {
	let env: E2eEnvironment;
	let stub: OpenAiStub;
	let run: RunResult;
	let existing: { id: number; email: string };
	// E2E_AI_NODE_VERSION=1 runs the same script on version 1 tool nodes (a package built before
	// version 2 has only those): how the "before" sizes of the README were measured.
	const workflow = agentWorkflow('aiagent', Number(process.env.E2E_AI_NODE_VERSION ?? 2));

	beforeAll(async () => {
		env = await E2eEnvironment.start(major, {
			perSecondLimit: false,
			seed: { records: 60, seed: 7 },
		});
		stub = await OpenAiStub.start();
		const dir = mkdtempSync(join(tmpdir(), 'insightly-e2e-ai-'));
		const credentials = join(dir, 'openai.json');
		writeFileSync(
			credentials,
			JSON.stringify([
				{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-stub', url: stub.baseUrl } },
			]),
		);
		await env.cli.runOk(['import:credentials', `--input=${credentials}`]);
		await env.importWorkflows([workflow]);

		// More contacts than the Get Many Limit of 50, so the model is told there are more.
		for (let index = env.sandbox.records.list('Contacts').length; index < 60; index++)
			env.sandbox.records.create('Contacts', {
				FIRST_NAME: `Extra${index}`,
				LAST_NAME: 'Contact',
				EMAIL_ADDRESS: `extra${index}@e2e.example`,
			});
		const contact = env.sandbox.records
			.list('Contacts')
			.find((row) => typeof row.EMAIL_ADDRESS === 'string' && row.EMAIL_ADDRESS !== '');
		if (!contact) throw new Error('the seed has no contact with an email');
		existing = { id: contact.CONTACT_ID as number, email: contact.EMAIL_ADDRESS as string };

		const script: ScriptedReply[] = [
			{ tool: 'get_contact', args: { contactId: String(existing.id) } },
			{ tool: 'search_contacts_by_email', args: { email: existing.email } },
			{ tool: 'search_contacts_by_email', args: { email: NOBODY } },
			{
				tool: 'create_contact',
				args: { firstName: 'Grace', lastName: 'Hopper', email: NEW_EMAIL },
			},
			{ tool: 'get_contact', args: { contactId: 'abc' } },
			{ tool: 'get_contact', args: { contactId: MISSING_ID } },
			{ tool: 'list_contacts', args: {} },
			{ text: 'Done.' },
		];
		stub.play(script);
		env.sandbox.clearLog();
		run = await env.execute(workflow);

		if (process.env.E2E_AI_REPORT) {
			const sizes = stub.toolMessages().map(({ tool, content }) => ({
				tool,
				characters: content.length,
				head: content.slice(0, 160),
			}));
			writeFileSync(process.env.E2E_AI_REPORT, JSON.stringify(sizes, null, 2));
		}
	});

	afterAll(async () => {
		await stub?.stop();
		await env?.stop();
	});

	it('the agent ran to its final answer through every scripted step', () => {
		expect(run.ok ? undefined : run.describe()).toBeUndefined();
		expect(stub.requests).toHaveLength(8);
		expect(stub.unexpected).toEqual([]);
		expect(JSON.stringify(run.json('AI Agent'))).toContain('Done.');
	});

	it('n8n offers one tool per operation, with the $fromAI parameters as its schema', () => {
		const offered = new Map<string, OfferedTool['function']>(
			(stub.requests[0].tools ?? []).map((tool) => [tool.function.name, tool.function]),
		);
		expect([...offered.keys()].sort()).toEqual(Object.keys(TOOLS).sort());
		const properties = (name: string) =>
			Object.keys(
				(offered.get(name)?.parameters?.properties as Record<string, unknown> | undefined) ?? {},
			).sort();
		expect(properties('get_contact')).toEqual(['contactId']);
		expect(properties('search_contacts_by_email')).toEqual(['email']);
		expect(properties('create_contact')).toEqual(['email', 'firstName', 'lastName']);
		expect(properties('list_contacts')).toEqual([]);
		// The automatic descriptions are the operations' action texts: what they match.
		expect(offered.get('search_contacts_by_email')?.description).toMatch(
			/one field exactly equals a value/,
		);
		expect(offered.get('get_contact')?.description).toMatch(/by its ID/);
	});

	it('the model receives compact records, an explicit "nothing found", and errors with their hints', () => {
		const messages = stub.toolMessages();
		expect(messages.map((message) => message.tool)).toEqual([
			'get_contact',
			'search_contacts_by_email',
			'search_contacts_by_email',
			'create_contact',
			'get_contact',
			'get_contact',
			'list_contacts',
		]);
		const [got, found, none, created, invalid, missing, listed] = messages.map((m) => m.content);

		// Get: the compact record, no nulls, a few hundred characters.
		expect(got).toContain(`"CONTACT_ID":${existing.id}`);
		expect(got).not.toContain('null');
		expect(got).not.toContain('LINK_OBJECT_NAME');
		expect(got.length).toBeLessThan(1_200);

		// Search with a match: found and the record; without one: an explicit message.
		expect(found).toContain('"found":1');
		expect(found).toContain(existing.email);
		expect(none).toContain('"found":0');
		expect(none).toContain(`No Contact has EMAIL_ADDRESS = \\"${NOBODY}\\"`);

		// Create: the new record with its id.
		expect(created).toContain(NEW_EMAIL);
		expect(created).toMatch(/"CONTACT_ID":\d+/);

		// Errors: the parameter named, the hint in the message, no "[item 0]".
		expect(invalid).toMatch(/Contact ID must be a positive whole number \(got \\?"abc\\?"\)/);
		expect(missing).toMatch(/Contact 987654321 was not found \(404\)/);
		expect(missing).toMatch(/Check the ID; the record may have been deleted/);
		for (const error of [invalid, missing]) expect(error).not.toMatch(/\[item \d+\]/);

		// Get Many 50: one envelope, 50 compact records, and "more" since the seed has more.
		expect(listed).toContain('"found":50');
		expect(listed).toMatch(/"more":"More contacts match than the 50 shown/);
		expect(listed).not.toContain('null');
		expect(listed.length).toBeLessThan(40_000);

		// No key, and no base64 of it, anywhere the model sees.
		const everything = JSON.stringify(stub.requests);
		for (const secret of [
			env.sandbox.apiKey,
			Buffer.from(`${env.sandbox.apiKey}:`).toString('base64'),
		])
			expect(everything).not.toContain(secret);
	});

	it('the sandbox received exactly the requests of the tool calls', () => {
		const lines = env.sandbox
			.log()
			.map((entry) => `${entry.method} ${entry.path.replace(/^\/v3\.1/i, '')}`)
			.filter((line) => !line.startsWith('GET /CustomFields/'));
		expect(lines).toEqual([
			`GET /Contacts/${existing.id}`,
			'GET /Contacts/Search',
			'GET /Contacts/Search',
			'POST /Contacts',
			// 'abc' is refused before any request
			`GET /Contacts/${MISSING_ID}`,
			'GET /Contacts',
		]);
		const search = env.sandbox.log().filter((entry) => entry.path.endsWith('/Contacts/Search'));
		expect(search.map((entry) => entry.query.field_value)).toEqual([existing.email, NOBODY]);
		const list = env.sandbox
			.log()
			.find((entry) => /^\/v3\.1\/Contacts$/i.test(entry.path) && entry.method === 'GET');
		// One beyond the Limit, to tell the model whether more exist.
		expect(list?.query.top).toBe('51');
		expect(
			env.sandbox.records.list('Contacts').filter((row) => row.EMAIL_ADDRESS === NEW_EMAIL),
		).toHaveLength(1);
	});
});
