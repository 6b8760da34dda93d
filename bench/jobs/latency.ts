/**
 * Job 7, in a running real n8n (`n8n start`): how long after a change in the sandbox each trigger
 * starts its workflow, and how many API requests each spends, for the same changes.
 *
 * Two published workflows watch contacts: the Insightly Webhook Trigger (its production URL
 * registered in the sandbox's workflow automation, created and edited) and the polling Insightly
 * Trigger (New or Updated Record, Poll Times every minute, n8n's shortest). Each is followed by an
 * HTTP Request node that posts the contact id and `$now` to a local collector. The bench creates
 * contacts through the API at random intervals (uniform between half and one and a half times the
 * spacing, so changes fall at every phase of the poll cycle); the latency of a change is the
 * report node's `$now` minus the moment the API answered the create. Requests are counted from
 * the sandbox's log: the polling trigger's `/Contacts/Search` calls; the webhook workflow makes
 * none (deliveries come from the sandbox, not from n8n).
 */
import { Collector } from '../../test/e2e/lib/collector';
import { CREDENTIALS, E2eEnvironment, WEBHOOK_AUTH } from '../../test/e2e/lib/environment';
import { activateWorkflow } from '../../test/e2e/lib/n8nCli';
import { N8nServer } from '../../test/e2e/lib/n8nServer';
import { waitFor } from '../../test/e2e/lib/ports';
import {
	chainWorkflow,
	INSIGHTLY_TRIGGER,
	INSIGHTLY_WEBHOOK_TRIGGER,
	type NodeSpec,
	type WorkflowJson,
} from '../../test/e2e/lib/workflows';
import { figure, type Figure } from '../lib/stats';

export interface LatencyOptions {
	/** Contacts created (each one change for both triggers). */
	changes: number;
	/** Mean time between two changes, ms. */
	spacingMs: number;
	log: (message: string) => void;
}

type Via = 'webhook' | 'poll';
const WEBHOOK_ID = '3a7e9c21-5b4d-4e6f-8a1b-2c3d4e5f6a7b';

function report(via: Via, collectorUrl: string): NodeSpec {
	return {
		name: 'Report',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: collectorUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ via: '${via}', contactId: $json.CONTACT_ID, at: $now.toMillis(), executionId: $execution.id }) }}`,
			options: {},
		},
	};
}

function workflows(collectorUrl: string): Record<Via, WorkflowJson> {
	return {
		webhook: chainWorkflow(
			'benchLatencyHook',
			'Latency: webhook',
			[report('webhook', collectorUrl)],
			{
				trigger: {
					name: 'Insightly Webhook',
					type: INSIGHTLY_WEBHOOK_TRIGGER,
					parameters: {
						resource: 'contact',
						event: 'createdOrUpdated',
						authentication: 'basicAuth',
					},
					credentials: { insightlyWebhookAuthApi: WEBHOOK_AUTH.ref },
					settings: { webhookId: WEBHOOK_ID },
				},
			},
		),
		poll: chainWorkflow('benchLatencyPoll', 'Latency: polling', [report('poll', collectorUrl)], {
			trigger: {
				name: 'Insightly Trigger',
				type: INSIGHTLY_TRIGGER,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					resource: 'contact',
					event: 'newOrUpdatedRecord',
				},
				credentials: { insightlyApi: CREDENTIALS.sandbox },
			},
		}),
	};
}

/** The value below which `share` of the values lie (nearest rank). */
export function percentile(values: number[], share: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLatencyJob(options: LatencyOptions) {
	const { log } = options;
	log('latency: real n8n with a webhook trigger and a polling trigger on contacts');
	const env = await E2eEnvironment.start(2, { plan: 'professional', perSecondLimit: 10 });
	const collector = await Collector.start();
	const flows = workflows(collector.url);
	let server: N8nServer | undefined;
	try {
		await env.importWorkflows(Object.values(flows));
		for (const flow of Object.values(flows)) await activateWorkflow(env.cli, flow.id);
		server = await N8nServer.start(env.cli);
		const url = `${server.url}/webhook/${WEBHOOK_ID}/webhook`;
		await waitFor(
			'the webhook to be registered',
			async () => {
				const response = await fetch(url, { method: 'POST' }).catch(() => undefined);
				return response && response.status !== 404 ? true : undefined;
			},
			60_000,
		);
		const searches = () =>
			env.sandbox.log().filter((entry) => /^\/v3\.1\/Contacts\/Search$/i.test(entry.path));
		await waitFor(
			'the polling trigger to activate',
			() => (searches().length ? true : undefined),
			90_000,
		);
		env.sandbox.webhooks.register({
			name: 'n8n',
			recordType: 'Contacts',
			on: 'both',
			url,
			auth: { user: WEBHOOK_AUTH.user, password: WEBHOOK_AUTH.password },
		});
		env.sandbox.clearLog();
		collector.received.length = 0;
		const windowStart = Date.now();

		const changedAt = new Map<number, number>();
		for (let i = 0; i < options.changes; i++) {
			const response = await fetch(`${env.sandbox.apiUrl}/Contacts`, {
				method: 'POST',
				headers: {
					Authorization: `Basic ${Buffer.from(`${env.sandbox.apiKey}:`).toString('base64')}`,
					'Content-Type': 'application/json',
				},
				body: JSON.stringify({ FIRST_NAME: `Latency ${i + 1}`, LAST_NAME: 'Bench' }),
			});
			if (response.status !== 201) throw new Error(`create answered ${response.status}`);
			const { CONTACT_ID } = (await response.json()) as { CONTACT_ID: number };
			changedAt.set(CONTACT_ID, Date.now());
			if (i < options.changes - 1) await sleep(options.spacingMs * (0.5 + Math.random()));
		}
		const arrived = (via: Via) =>
			collector.received
				.map((r) => r.body as { via: Via; contactId: number; at: number })
				.filter((r) => r.via === via && changedAt.has(r.contactId));
		await waitFor(
			'every change reported by both triggers',
			() =>
				arrived('webhook').length >= options.changes && arrived('poll').length >= options.changes
					? true
					: undefined,
			180_000,
			1000,
		);
		const windowEnd = Date.now();
		const polls = searches().length;
		const otherRequests = env.sandbox
			.log()
			.filter((entry) => !(entry.method === 'POST' && /^\/v3\.1\/Contacts$/i.test(entry.path)))
			.filter((entry) => !/^\/v3\.1\/Contacts\/Search$/i.test(entry.path)).length;
		const deliveries = env.sandbox.webhooks.log();

		const figures: Record<string, Figure> = {};
		const result: Record<string, unknown> = {};
		for (const via of ['webhook', 'poll'] as Via[]) {
			const reports = arrived(via);
			const seconds = reports.map((r) => (r.at - changedAt.get(r.contactId)!) / 1000);
			const perContact = new Map<number, number>();
			for (const r of reports) perContact.set(r.contactId, (perContact.get(r.contactId) ?? 0) + 1);
			figures[`${via}.latencyMedian`] = figure([percentile(seconds, 0.5)], 's');
			figures[`${via}.latencyP95`] = figure([percentile(seconds, 0.95)], 's');
			figures[`${via}.latencyMax`] = figure([Math.max(...seconds)], 's');
			// 1 = every change started exactly one execution (more: duplicates).
			figures[`${via}.reportsPerChange`] = figure([reports.length / options.changes], 'reports');
			figures[`${via}.changesReported`] = figure([perContact.size], 'changes');
			result[`${via}LatenciesSeconds`] = seconds.map((s) => Math.round(s * 1000) / 1000);
		}
		figures['poll.apiRequests'] = figure([polls], 'requests');
		figures['poll.apiRequestsPerChange'] = figure([polls / options.changes], 'requests');
		figures['webhook.apiRequests'] = figure([otherRequests], 'requests');
		figures['webhook.apiRequestsPerChange'] = figure([otherRequests / options.changes], 'requests');
		figures['webhook.deliveries'] = figure([deliveries.length], 'POSTs');
		figures['window'] = figure([(windowEnd - windowStart) / 1000], 's');
		return {
			method: `real n8n 2.x (n8n start), ${options.changes} contacts created through the API at random intervals (mean ${options.spacingMs / 1000} s); latency = the report node's $now minus the create's answer; webhook: the sandbox's workflow automation posting to the production URL (Basic auth); polling: Insightly Trigger, New or Updated Record, every minute; requests from the sandbox log (poll: /Contacts/Search; webhook: every request but the bench's creates and the polls)`,
			figures,
			...result,
			deliveryStatuses: deliveries.map((d) => d.status),
		};
	} finally {
		await server?.stop();
		await collector.stop();
		await env.stop();
	}
}
