/**
 * End to end in one process: the sandbox's workflow automation (Insightly's stand-in) posts its
 * webhooks to the trigger, run through n8n-core's WebhookContext behind a local HTTP server.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WebhookRequest, WebhookRunner } from '../../helpers/n8n';
import { useNodeSandbox } from '../node/helpers';
import {
	deliveries,
	registerWebhook,
	serveTrigger,
	startedWith,
	webhookTrigger,
	WEBHOOK_PASSWORD,
	WEBHOOK_USER,
} from './helpers';

const START = '2025-03-10T12:00:00Z';
const { sandbox } = useNodeSandbox({
	seed: { records: 10, seed: 2 },
	startTime: START,
	freezeClock: true,
});

async function api(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const response = await fetch(`${sandbox.apiUrl}${path}`, {
		method,
		headers: {
			Authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}`,
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.ok).toBe(true);
	return (await response.json()) as IDataObject;
}

it('a contact created and then edited in the sandbox arrives twice: created, then updated', async () => {
	const trigger = webhookTrigger();
	const server = await serveTrigger(trigger);
	try {
		await registerWebhook(sandbox, {
			recordType: 'Contacts',
			on: 'both',
			url: server.url,
			auth: { user: WEBHOOK_USER, password: WEBHOOK_PASSWORD },
		});
		const contact = await api('POST', '/Contacts', { FIRST_NAME: 'Ada', LAST_NAME: 'Byron' });
		await deliveries(sandbox);
		sandbox.clock.advance(60_000);
		await api('PUT', '/Contacts', { CONTACT_ID: contact.CONTACT_ID, BACKGROUND: 'Mathematician' });
		const log = await deliveries(sandbox);
		expect(log.map((d) => [d.event, d.status])).toEqual([
			['create', 200],
			['edit', 200],
		]);
		expect(trigger.executions).toBe(2);
		const [created, updated] = server.outcomes.map(startedWith);
		expect(created).toMatchObject({
			CONTACT_ID: contact.CONTACT_ID,
			FIRST_NAME: 'Ada',
			event: 'created',
			DATE_CREATED_UTC: new Date(Date.parse(START)).toISOString(),
			DATE_UPDATED_UTC: new Date(Date.parse(START)).toISOString(),
		});
		expect(updated).toMatchObject({
			CONTACT_ID: contact.CONTACT_ID,
			BACKGROUND: 'Mathematician',
			event: 'updated',
			DATE_UPDATED_UTC: new Date(Date.parse(START) + 60_000).toISOString(),
		});
	} finally {
		await server.close();
	}
});

it('a webhook with the wrong password is answered 401 and starts nothing', async () => {
	const trigger = webhookTrigger();
	const server = await serveTrigger(trigger);
	try {
		await registerWebhook(sandbox, {
			recordType: 'Contacts',
			url: server.url,
			auth: { user: WEBHOOK_USER, password: 'not-it' },
		});
		await api('POST', '/Contacts', { FIRST_NAME: 'Eve', LAST_NAME: 'Wrong' });
		expect((await deliveries(sandbox)).map((d) => d.status)).toEqual([401]);
		expect(trigger.executions).toBe(0);
	} finally {
		await server.close();
	}
});

it('a retried delivery after a failure starts one execution, not two', async () => {
	// The first answer is lost (the receiver answers 503 after running the trigger), Insightly
	// delivers again: the duplicate memory keeps it to one execution.
	const trigger = webhookTrigger();
	let first = true;
	const flaky = {
		call: async (request: WebhookRequest) => {
			const outcome = await trigger.call(request);
			if (!first) return outcome;
			first = false;
			return { ...outcome, answer: { ...outcome.answer, status: 503 } };
		},
	} as WebhookRunner;
	const server = await serveTrigger(flaky);
	try {
		await registerWebhook(sandbox, {
			recordType: 'Contacts',
			url: server.url,
			auth: { user: WEBHOOK_USER, password: WEBHOOK_PASSWORD },
			retries: 2,
			retryDelayMs: 10,
		});
		await api('POST', '/Contacts', { FIRST_NAME: 'Retry', LAST_NAME: 'Me' });
		expect((await deliveries(sandbox)).map((d) => d.status)).toEqual([503, 200]);
		expect(trigger.executions).toBe(1);
		expect(server.outcomes[1].answer.body).toEqual({
			message: expect.stringMatching(/delivered already/),
		});
	} finally {
		await server.close();
	}
});
