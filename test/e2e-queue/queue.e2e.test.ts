/**
 * The packed package in n8n 2.x queue mode: one main instance and two workers (concurrency 1
 * each, so two executions at once must run on different workers), Redis and Postgres, against
 * the sandbox with Insightly's 10 requests/second limit on. Every process paces the credential on
 * its own, so together they offer more than Insightly accepts: the 429s that follow must be
 * absorbed by the node, never reach a workflow, and never cost a duplicate.
 *
 * 1. Two workflows, started at the same moment through Webhook nodes on the main instance,
 *    create 500 contacts each on different workers: 1,000 records, 0 duplicates, 0 errors.
 * 2. Meanwhile the Insightly Trigger, polled by the main instance, delivers every new contact
 *    exactly once (its executions run on the workers).
 * 3. The Insightly Webhook Trigger: the delivery is received by the main instance and the
 *    workflow executed on a worker.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Collector } from '../e2e/lib/collector';
import { WEBHOOK_AUTH } from '../e2e/lib/environment';
import { waitFor } from '../e2e/lib/ports';
import { QueueModeEnvironment } from '../e2e/lib/queueMode';
import {
	bulkCreateWorkflow,
	bulkEmail,
	bulkPath,
	INSIGHTLY_WEBHOOK_ID,
	insightlyWebhookWorkflow,
	pollingWorkflow,
	type BulkReport,
	type RecordReport,
} from './workflows';

const PER_WORKFLOW = 500;
const RUNS = ['a', 'b'];
/** 1,000 creates at Insightly's 10/s take 100 s at best; the rest is margin for a slow machine. */
const BULK_TIMEOUT_MS = 300_000;
/** Polls are every minute: the last changes show within one poll after the writes end. */
const POLL_TIMEOUT_MS = 150_000;

const byNumber = (a: number, b: number) => a - b;
const quietly = (ms = 4000) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

describe('n8n 2.x in queue mode: main + 2 workers, Redis, Postgres', () => {
	let queue: QueueModeEnvironment;
	let collector: Collector;

	const reports = <T>(kind: string) =>
		collector.received
			.map((r) => r.body as unknown as T & { kind: string })
			.filter((r) => r.kind === kind);
	/** The worker whose own log says it started the execution. */
	const workerThatRan = (executionId: string) =>
		queue.workers.filter((w) => w.startedExecutions.includes(executionId)).map((w) => w.name);
	const contacts = () => queue.sandbox.records.list('Contacts');

	beforeAll(async () => {
		collector = await Collector.start();
		queue = await QueueModeEnvironment.create({ plan: 'professional', perSecondLimit: 10 });
		await queue.publish([
			...RUNS.map((run) => bulkCreateWorkflow(run, PER_WORKFLOW, collector.url)),
			pollingWorkflow(collector.url),
			insightlyWebhookWorkflow(collector.url),
		]);
		const logDir = process.env.E2E_RUN_DIR ? join(process.env.E2E_RUN_DIR, 'logs') : undefined;
		if (logDir) mkdirSync(logDir, { recursive: true });
		await queue.start({ workers: 2, concurrency: 1, logDir });
		for (const run of RUNS) await queue.waitForWebhook(bulkPath(run));
		// The activation poll seeds the trigger's state (and emits nothing).
		await waitFor(
			'the activation poll',
			() =>
				queue.sandbox.log().some((e) => /\/Contacts\/Search$/i.test(e.path)) ? true : undefined,
			90_000,
		);
	});
	afterAll(async () => {
		await queue?.stop();
		await collector?.stop();
	});

	test('two workflows create 500 contacts each at the same time, on different workers: 1,000 records, 0 duplicates, 0 errors', async () => {
		queue.sandbox.clearLog();
		const started = Date.now();
		const answers = await Promise.all(
			RUNS.map((run) => fetch(queue.webhookUrl(bulkPath(run)), { method: 'POST', body: '{}' })),
		);
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		await waitFor(
			'both bulk workflows to report',
			() => (reports<BulkReport>('bulk').length >= RUNS.length ? true : undefined),
			BULK_TIMEOUT_MS,
			1000,
		);
		const seconds = (Date.now() - started) / 1000;
		const bulk = reports<BulkReport>('bulk').sort((x, y) => x.run.localeCompare(y.run));
		const log = queue.sandbox.log();
		const throttled = log.filter((e) => e.status === 429).length;
		const posts = log.filter((e) => e.method === 'POST' && /\/Contacts$/i.test(e.path));
		console.log(
			`queue mode bulk: ${seconds.toFixed(1)} s, ${log.length} requests (${posts.length} contact POSTs), ${throttled} answered 429 by the sandbox; ran on ${bulk.map((b) => `${b.run}: ${b.process}`).join(', ')}`,
		);

		expect(bulk.map((b) => ({ run: b.run, items: b.items, errors: b.errors }))).toEqual(
			RUNS.map((run) => ({ run, items: PER_WORKFLOW, errors: [] })),
		);
		// Each ran on a worker, not on the main instance, and not both on the same one: the
		// expression's process name and the worker's own log agree.
		const processes = bulk.map((b) => b.process);
		expect(processes.every((p) => /^worker-\d$/.test(p))).toBe(true);
		expect(new Set(processes).size).toBe(2);
		for (const b of bulk) expect(workerThatRan(b.executionId)).toEqual([b.process]);

		// Every record once: 1,000 contacts, one per email, none missing.
		const emails = contacts().map((c) => String(c.EMAIL_ADDRESS));
		const wanted = RUNS.flatMap((run) =>
			Array.from({ length: PER_WORKFLOW }, (_, i) => bulkEmail(run, i)),
		);
		expect(emails.filter((e) => wanted.includes(e)).length).toBe(wanted.length);
		expect(new Set(emails).size).toBe(emails.length);
		expect(contacts()).toHaveLength(wanted.length);
	});

	test('the Insightly Trigger on the main instance delivered every new contact once, executed on the workers', async () => {
		const created = contacts()
			.map((c) => c.CONTACT_ID as number)
			.sort(byNumber);
		await waitFor(
			'every new contact from the polling trigger',
			() =>
				new Set(reports<RecordReport>('poll').map((r) => r.contactId)).size >= created.length
					? true
					: undefined,
			POLL_TIMEOUT_MS,
			1000,
		);
		// One more poll after the last delivery must bring nothing.
		const searches = () =>
			queue.sandbox.log().filter((e) => /\/Contacts\/Search$/i.test(e.path)).length;
		const pollsSoFar = searches();
		await waitFor(
			'another poll',
			() => (searches() > pollsSoFar ? true : undefined),
			100_000,
			1000,
		);
		await quietly(6000);

		const polled = reports<RecordReport>('poll');
		expect(polled.map((r) => r.contactId).sort(byNumber)).toEqual(created);
		const executions = [...new Set(polled.map((r) => r.executionId))];
		const ranOn = new Set(polled.map((r) => r.process));
		console.log(
			`queue mode trigger: ${polled.length} contacts in ${executions.length} executions on ${[...ranOn].join(', ')}`,
		);
		expect([...ranOn].every((p) => /^worker-\d$/.test(p))).toBe(true);
		for (const id of executions) expect(workerThatRan(id)).toHaveLength(1);
	});

	test('the Insightly Webhook Trigger: received by the main instance, executed on a worker', async () => {
		const url = `${queue.main!.url}/webhook/${INSIGHTLY_WEBHOOK_ID}/webhook`;
		queue.sandbox.webhooks.register({
			recordType: 'Contacts',
			on: 'both',
			url,
			auth: { user: WEBHOOK_AUTH.user, password: WEBHOOK_AUTH.password },
		});
		const response = await fetch(`${queue.sandbox.apiUrl}/Contacts`, {
			method: 'POST',
			headers: {
				Authorization: `Basic ${Buffer.from(`${queue.sandbox.apiKey}:`).toString('base64')}`,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ FIRST_NAME: 'Hook', LAST_NAME: 'Queue' }),
		});
		expect(response.status).toBe(201);
		const contact = (await response.json()) as { CONTACT_ID: number };
		await queue.sandbox.webhooks.settled();
		const [delivery] = queue.sandbox.webhooks.log();
		expect(delivery).toMatchObject({ status: 200, event: 'create' });
		await waitFor(
			'the webhook execution to report',
			() => (reports<RecordReport>('webhook').length ? true : undefined),
			60_000,
		);
		await quietly();
		const hooked = reports<RecordReport>('webhook');
		expect(hooked.map((r) => r.contactId)).toEqual([contact.CONTACT_ID]);
		expect(hooked[0].process).toMatch(/^worker-\d$/);
		expect(workerThatRan(hooked[0].executionId)).toEqual([hooked[0].process]);
	});
});
