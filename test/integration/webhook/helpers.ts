/**
 * For the Insightly Webhook Trigger's tests: Insightly's webhook body (`{"entity": {...}}` with
 * Microsoft JSON dates, as Insightly's help article shows it), Basic auth headers, and the node
 * run through n8n-core's real WebhookContext (test/helpers/n8n.ts `createWebhookRunner`).
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox, Webhook, WebhookDelivery, WebhookRegistration } from '../../../sandbox';

import {
	createWebhookRunner,
	type WebhookOutcome,
	type WebhookRequest,
	type WebhookRunner,
} from '../../helpers/n8n';
import type { CredentialsByType } from '../../helpers/credentials';
import { InsightlyWebhookTrigger } from '../../../nodes/Insightly/InsightlyWebhookTrigger.node';

export const WEBHOOK_USER = 'insightly';
export const WEBHOOK_PASSWORD = 'correct horse battery staple';

/** `Authorization: Basic base64(user:password)`. */
export function basicAuth(user = WEBHOOK_USER, password = WEBHOOK_PASSWORD): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** `/Date(ms-0800)/`, the way Insightly's webhooks write a date (Pacific offset in its example). */
export function msDate(iso: string, offset = '-0800'): string {
	return `/Date(${Date.parse(iso)}${offset})/`;
}

/** A contact as Insightly's webhook sends it; `updated` defaults to `created` (a new record). */
export function contactEntity(
	fields: IDataObject = {},
	{ created = '2025-03-10T12:00:00.000Z', updated }: { created?: string; updated?: string } = {},
): IDataObject {
	return {
		CONTACT_ID: 1000001,
		FIRST_NAME: 'Ann',
		LAST_NAME: 'Lee',
		EMAIL_ADDRESS: 'ann@example.com',
		ADDRESS_MAIL_CITY: 'London',
		OWNER_USER_ID: 1001,
		DATE_OF_BIRTH: msDate('1990-05-01T07:00:00.000Z'),
		DATE_CREATED_UTC: msDate(created),
		DATE_UPDATED_UTC: msDate(updated ?? created),
		CUSTOMFIELDS: [
			{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Sports' },
			{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' },
			{ FIELD_NAME: 'Birthday__c', FIELD_VALUE: msDate('1990-05-01T07:00:00.000Z') },
		],
		TAGS: [{ TAG_NAME: 'VIP' }],
		...fields,
	};
}

/**
 * A JSON POST from Insightly with the right Basic auth unless `authorization` says otherwise
 * (`null`: no Authorization header).
 */
export function delivery(
	entity: IDataObject,
	{ authorization = basicAuth() as string | null } = {},
): WebhookRequest {
	return {
		headers: {
			'content-type': 'application/json',
			...(authorization === null ? {} : { authorization }),
		},
		body: { entity },
	};
}

export const WEBHOOK_CREDENTIALS: CredentialsByType = {
	insightlyWebhookAuthApi: { user: WEBHOOK_USER, password: WEBHOOK_PASSWORD },
};

/** The trigger with these parameters (Basic auth and its credential unless told otherwise). */
export function webhookTrigger(
	parameters: IDataObject = {},
	options: { credentials?: CredentialsByType; mode?: 'webhook' | 'manual' } = {},
): WebhookRunner {
	return createWebhookRunner(new InsightlyWebhookTrigger(), {
		parameters: parameters as INodeParameters,
		credentials: { ...WEBHOOK_CREDENTIALS, ...options.credentials },
		mode: options.mode,
	});
}

/** The one item an execution started with (fails when no execution started). */
export function startedWith(outcome: WebhookOutcome): IDataObject {
	if (!outcome.workflowData) {
		throw new Error(
			`No execution started: ${outcome.answer.status} ${JSON.stringify(outcome.answer.body)}`,
		);
	}
	expect(outcome.workflowData).toHaveLength(1);
	expect(outcome.workflowData[0]).toHaveLength(1);
	return outcome.workflowData[0][0].json;
}

/** An admin API call to a sandbox (JSON, as its guard wants). */
async function admin(sandbox: Sandbox, method: string, path: string, body?: unknown) {
	const response = await fetch(`${sandbox.adminUrl}${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** Registers a workflow automation webhook in the sandbox (its admin API). */
export async function registerWebhook(
	sandbox: Sandbox,
	webhook: WebhookRegistration,
): Promise<Webhook> {
	return (await admin(sandbox, 'POST', '/webhooks', webhook)) as Webhook;
}

/** The sandbox's deliveries, once every one under way has finished. */
export async function deliveries(sandbox: Sandbox): Promise<WebhookDelivery[]> {
	return (await admin(sandbox, 'GET', '/webhooks/log?wait=true')) as WebhookDelivery[];
}

/**
 * An HTTP server that hands each request to the trigger, as n8n's webhook server would, and
 * answers what the trigger answered: Insightly (the sandbox) posts to `url`.
 */
export async function serveTrigger(
	runner: WebhookRunner,
): Promise<{ url: string; outcomes: WebhookOutcome[]; close(): Promise<void> }> {
	const outcomes: WebhookOutcome[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			let body: unknown;
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = undefined;
			}
			const headers = Object.fromEntries(
				Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
			);
			runner.call({ headers, body, rawBody: raw }).then(
				(outcome) => {
					outcomes.push(outcome);
					res.writeHead(outcome.answer.status, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify(outcome.answer.body));
				},
				(error: Error) => {
					res.writeHead(500);
					res.end(error.message);
				},
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		outcomes,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
