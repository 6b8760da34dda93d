/**
 * The Insightly Webhook Trigger in a running n8n (`n8n start`): a published workflow whose
 * production URL is registered in the sandbox's workflow automation (Insightly's stand-in). A
 * contact created through the API starts one execution with the converted record; the wrong
 * Basic auth starts none; a duplicate delivery and a malformed body start none either.
 */
import type { WebhookDelivery } from '../../sandbox';
import { CONTACT_WEBHOOK_ID, instantContact } from '../../scripts/demo/workflows';
import { Collector } from './lib/collector';
import { E2eEnvironment, WEBHOOK_AUTH } from './lib/environment';
import { activateWorkflow } from './lib/n8nCli';
import { N8nServer } from './lib/n8nServer';
import { currentMajor } from './lib/n8nVersions';
import { waitFor } from './lib/ports';
import { chainWorkflow, INSIGHTLY_WEBHOOK_TRIGGER, type WorkflowJson } from './lib/workflows';

const major = currentMajor();
const WEBHOOK_ID = '5f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e';
const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Webhook trigger → HTTP Request posting the record and n8n's execution id to the collector. */
function webhookWorkflow(collectorUrl: string): WorkflowJson {
	return chainWorkflow(
		'webhookContacts',
		'Insightly webhook contacts',
		[
			{
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ executionId: $execution.id, record: $json }) }}',
					options: {},
				},
			},
		],
		{
			trigger: {
				name: 'Insightly Webhook',
				type: INSIGHTLY_WEBHOOK_TRIGGER,
				parameters: { resource: 'contact', event: 'createdOrUpdated', authentication: 'basicAuth' },
				credentials: { insightlyWebhookAuthApi: WEBHOOK_AUTH.ref },
				settings: { webhookId: WEBHOOK_ID },
			},
		},
	);
}

interface Reported {
	executionId: string;
	record: Record<string, unknown>;
}

describe(`Insightly Webhook Trigger in n8n ${major}.x`, () => {
	let env: E2eEnvironment;
	let collector: Collector;
	let server: N8nServer;
	let productionUrl: string;

	const reported = () => collector.received.map((r) => r.body as unknown as Reported);
	const createContact = async (fields: Record<string, unknown>) => {
		const response = await fetch(`${env.sandbox.apiUrl}/Contacts`, {
			method: 'POST',
			headers: {
				Authorization: basic(env.sandbox.apiKey, ''),
				'Content-Type': 'application/json',
			},
			body: JSON.stringify(fields),
		});
		expect(response.status).toBe(201);
		return (await response.json()) as Record<string, unknown>;
	};
	const delivered = async (): Promise<WebhookDelivery[]> => {
		await env.sandbox.webhooks.settled();
		return env.sandbox.webhooks.log();
	};
	/** Waits a little for anything that should not come. */
	const quietly = () => new Promise((resolve) => setTimeout(resolve, 4000));

	beforeAll(async () => {
		env = await E2eEnvironment.start(major, { perSecondLimit: false });
		collector = await Collector.start();
		const workflow = webhookWorkflow(collector.url);
		await env.importWorkflows([workflow, instantContact]);
		await activateWorkflow(env.cli, workflow.id);
		await activateWorkflow(env.cli, instantContact.id);
		server = await N8nServer.start(env.cli);
		productionUrl = `${server.url}/webhook/${WEBHOOK_ID}/webhook`;
		// n8n registers a published workflow's webhooks during start-up: wait until it answers.
		await waitFor(
			'the production webhook to be registered',
			async () => {
				const response = await fetch(productionUrl, { method: 'POST' }).catch(() => undefined);
				return response && response.status !== 404 ? true : undefined;
			},
			60_000,
		);
	});
	afterAll(async () => {
		await server?.stop();
		await collector?.stop();
		await env?.stop();
	});
	beforeEach(() => {
		env.sandbox.webhooks.clear();
		collector.received.length = 0;
	});

	test('a contact created through the API starts one execution with the converted record', async () => {
		env.sandbox.webhooks.register({
			name: 'n8n',
			recordType: 'Contacts',
			on: 'both',
			url: productionUrl,
			auth: { user: WEBHOOK_AUTH.user, password: WEBHOOK_AUTH.password },
		});
		const contact = await createContact({
			FIRST_NAME: 'Ada',
			LAST_NAME: 'Lovelace',
			CUSTOMFIELDS: [{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' }],
		});
		const [delivery] = await delivered();
		expect(delivery).toMatchObject({ status: 200, event: 'create', attempt: 1 });
		expect(JSON.parse(delivery.response ?? '{}')).toEqual({ message: 'Workflow was started' });
		await waitFor('the execution to report', () => (reported().length ? true : undefined), 30_000);
		await quietly();
		expect(reported()).toHaveLength(1);
		const { record } = reported()[0];
		const iso = (insightly: unknown) => `${String(insightly).replace(' ', 'T')}.000Z`;
		expect(record).toMatchObject({
			CONTACT_ID: contact.CONTACT_ID,
			FIRST_NAME: 'Ada',
			LAST_NAME: 'Lovelace',
			event: 'created',
			DATE_CREATED_UTC: iso(contact.DATE_CREATED_UTC),
			DATE_UPDATED_UTC: iso(contact.DATE_UPDATED_UTC),
			customFields: expect.objectContaining({ Tier__c: 'Gold' }),
		});
		expect(record.CUSTOMFIELDS).toBeUndefined();
		// Insightly's Microsoft dates were what went over the wire.
		expect(delivery.body.entity.DATE_CREATED_UTC).toMatch(/^\/Date\(\d+-0800\)\/$/);
	});

	test('the wrong Basic auth is answered 401 and starts nothing', async () => {
		env.sandbox.webhooks.register({
			recordType: 'Contacts',
			url: productionUrl,
			auth: { user: WEBHOOK_AUTH.user, password: 'not-the-password' },
		});
		env.sandbox.webhooks.register({ recordType: 'Contacts', url: productionUrl });
		await createContact({ FIRST_NAME: 'Eve', LAST_NAME: 'Intruder' });
		const log = await delivered();
		expect(log.map((d) => d.status)).toEqual([401, 401]);
		await quietly();
		expect(reported()).toEqual([]);
	});

	test('the same delivery twice starts one execution; a malformed body is 400 and starts none', async () => {
		env.sandbox.webhooks.register({
			recordType: 'Contacts',
			url: productionUrl,
			auth: { user: WEBHOOK_AUTH.user, password: WEBHOOK_AUTH.password },
		});
		await createContact({ FIRST_NAME: 'Grace', LAST_NAME: 'Hopper' });
		const [delivery] = await delivered();
		expect(delivery.status).toBe(200);
		const again = await fetch(productionUrl, {
			method: 'POST',
			headers: {
				Authorization: basic(WEBHOOK_AUTH.user, WEBHOOK_AUTH.password),
				'Content-Type': 'application/json',
			},
			body: JSON.stringify(delivery.body),
		});
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual({
			message: `Ignored: Contact ${delivery.recordId} in this version was delivered already.`,
		});
		const malformed = await fetch(productionUrl, {
			method: 'POST',
			headers: {
				Authorization: basic(WEBHOOK_AUTH.user, WEBHOOK_AUTH.password),
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ record: {} }),
		});
		expect(malformed.status).toBe(400);
		await waitFor('the execution to report', () => (reported().length ? true : undefined), 30_000);
		await quietly();
		expect(reported()).toHaveLength(1);
		expect(reported()[0].record.FIRST_NAME).toBe('Grace');
	});

	test("npm start's example workflow works when its URL is registered in the sandbox", async () => {
		const url = `${server.url}/webhook/${CONTACT_WEBHOOK_ID}/webhook`;
		env.sandbox.webhooks.register({
			recordType: 'Contacts',
			url,
			auth: { user: WEBHOOK_AUTH.user, password: WEBHOOK_AUTH.password },
		});
		env.sandbox.webhooks.register({ recordType: 'Contacts', url });
		await createContact({ FIRST_NAME: 'Katherine', LAST_NAME: 'Johnson' });
		const log = await delivered();
		// The two registrations are delivered at the same time: the log holds them in the order
		// their answers came back, so they are compared by status.
		expect(
			log
				.map((d) => [d.status, JSON.parse(d.response ?? '{}').message])
				.sort((x, y) => Number(x[0]) - Number(y[0])),
		).toEqual([
			[200, 'Workflow was started'],
			[401, expect.stringMatching(/^Authorization required/)],
		]);
	});
});
