/**
 * The workflows of the queue-mode suite. Executions must run on workers, so none starts with a
 * Manual Trigger (`n8n execute` runs in its own process, never on a worker): the bulk creates
 * start from a Webhook node's production URL on the main instance, the others from the
 * Insightly Trigger (polled by the main instance) and the Insightly Webhook Trigger. Every
 * workflow ends by posting what it did to the test's collector, with `$execution.id` and the
 * name of the n8n process that ran it.
 */
import { createHash } from 'node:crypto';

import { CREDENTIALS, WEBHOOK_AUTH } from '../e2e/lib/environment';
import { PROCESS_NAME_EXPRESSION } from '../e2e/lib/queueMode';
import {
	chainWorkflow,
	INSIGHTLY_TRIGGER,
	INSIGHTLY_WEBHOOK_TRIGGER,
	insightlyNode,
	type NodeSpec,
	type WorkflowJson,
} from '../e2e/lib/workflows';

/** A stable UUID-shaped webhook id (n8n keys production webhooks by path, and wants an id). */
function webhookIdFor(path: string): string {
	const hex = createHash('sha256').update(`webhook/${path}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * n8n's Webhook node answering at once ("Workflow was started"): the main instance enqueues the
 * execution and a worker runs it. Named `Start` like the Manual Trigger it stands in for.
 */
export function webhookStart(path: string): NodeSpec {
	return {
		name: 'Start',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		settings: { webhookId: webhookIdFor(path) },
	};
}

/** Replaces a workflow's Manual Trigger `Start` with `webhookStart(path)` (same name, same links). */
export function startedByWebhook(workflow: WorkflowJson, path: string): WorkflowJson {
	const start = webhookStart(path);
	const nodes = workflow.nodes.map((node) =>
		node.name === 'Start'
			? {
					...node,
					type: start.type,
					typeVersion: start.typeVersion,
					parameters: start.parameters,
					...start.settings,
				}
			: node,
	);
	return { ...workflow, nodes };
}

/** Posts `body` (an expression producing an object) to the collector. */
function report(
	collectorUrl: string,
	body: string,
	settings: Record<string, unknown> = {},
): NodeSpec {
	return {
		name: 'Report',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: collectorUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify(${body}) }}`,
			options: {},
		},
		settings,
	};
}

export const bulkPath = (run: string) => `insightly-queue-bulk-${run}`;
export const bulkEmail = (run: string, i: number) => `queue-${run}-${i}@e2e.example`;

export interface BulkReport {
	kind: 'bulk';
	run: string;
	executionId: string;
	process: string;
	items: number;
	errors: string[];
}

/**
 * Webhook → `count` items made by an expression → Insightly Create (On Error: continue, so an
 * error that reaches the workflow is an item, not a stopped run) → one report of every item.
 */
export function bulkCreateWorkflow(run: string, count: number, collectorUrl: string): WorkflowJson {
	return chainWorkflow(
		`queueBulk${run}`,
		`queue mode: create ${count} contacts (${run})`,
		[
			{
				name: 'Make List',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					mode: 'raw',
					jsonOutput: `={{ { contacts: Array.from({ length: ${count} }, (_, i) => ({ first: 'Queue${run}' + i, email: 'queue-${run}-' + i + '@e2e.example' })) } }}`,
					options: {},
				},
			},
			{
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'contacts', options: {} },
			},
			{
				...insightlyNode(
					'Create',
					{
						resource: 'contact',
						operation: 'create',
						FIRST_NAME: '={{ $json.first }}',
						additionalFields: { LAST_NAME: 'Queue', EMAIL_ADDRESS: '={{ $json.email }}' },
					},
					CREDENTIALS.sandbox,
				),
				settings: { onError: 'continueRegularOutput' },
			},
			report(
				collectorUrl,
				`{ kind: 'bulk', run: '${run}', executionId: $execution.id, process: ${PROCESS_NAME_EXPRESSION}, items: $('Create').all().length, errors: $('Create').all().filter((item) => item.json.error).map((item) => String(item.json.error)) }`,
				{ executeOnce: true },
			),
		],
		{ trigger: webhookStart(bulkPath(run)) },
	);
}

export interface RecordReport {
	kind: 'poll' | 'webhook';
	contactId: number;
	executionId: string;
	process: string;
}

const recordReport = (kind: RecordReport['kind']) =>
	`{ kind: '${kind}', contactId: $json.CONTACT_ID, executionId: $execution.id, process: ${PROCESS_NAME_EXPRESSION} }`;

/**
 * Insightly Trigger (New Record, every minute) → one report per contact. The Daily Request
 * Budget is raised from the automatic 3,000 (Professional) so that a poll which read 1,000
 * records and retried 429s is not spaced out past the next minute.
 */
export function pollingWorkflow(collectorUrl: string): WorkflowJson {
	return chainWorkflow(
		'queuePoll',
		'queue mode: new contacts (polling)',
		[report(collectorUrl, recordReport('poll'))],
		{
			trigger: {
				name: 'New Contact',
				type: INSIGHTLY_TRIGGER,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					resource: 'contact',
					event: 'newRecord',
					dailyRequestBudget: 20_000,
				},
				credentials: { insightlyApi: CREDENTIALS.sandbox },
			},
		},
	);
}

export const INSIGHTLY_WEBHOOK_ID = '7d2b6c1e-3f4a-4b5c-9d6e-0f1a2b3c4d5e';

/** Insightly Webhook Trigger (Basic auth) → one report per delivery. */
export function insightlyWebhookWorkflow(collectorUrl: string): WorkflowJson {
	return chainWorkflow(
		'queueHook',
		'queue mode: contacts (Insightly webhook)',
		[report(collectorUrl, recordReport('webhook'))],
		{
			trigger: {
				name: 'Insightly Webhook',
				type: INSIGHTLY_WEBHOOK_TRIGGER,
				parameters: { resource: 'contact', event: 'createdOrUpdated', authentication: 'basicAuth' },
				credentials: { insightlyWebhookAuthApi: WEBHOOK_AUTH.ref },
				settings: { webhookId: INSIGHTLY_WEBHOOK_ID },
			},
		},
	);
}
