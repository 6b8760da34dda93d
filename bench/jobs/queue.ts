/**
 * Job 8, n8n in queue mode (main + `n8n worker`s on Redis and Postgres, test/e2e/lib/queueMode):
 * two workflows of `perWorkflow` creates each, started at the same moment, with 1 worker (running
 * both: concurrency 2, one process, one pacing) and with 2 workers (concurrency 1: one workflow
 * each, two processes pacing the same credential on their own). Once with the Insightly node,
 * once with the HTTP Request node configured as carefully as in jobs 1 and 4 (batching 10 items /
 * 1000 ms, Retry On Fail 5 tries / 5000 ms): the same workflows as `realN8n`, started by a Webhook
 * node whose production URL answers when the execution has finished on its worker.
 *
 * Against the sandbox with Insightly's 10/s limit on: aggregate requests/second, the 429s the
 * sandbox answered per 1,000 requests, duplicates, records missing, workflows that failed, wall
 * time from the two calls to the two answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { QueueModeEnvironment } from '../../test/e2e/lib/queueMode';
import { startedByWebhook } from '../../test/e2e-queue/workflows';
import { achievedRate, busiestSecond, count429, duplicateEmails } from '../lib/sandboxCounts';
import { Samples } from '../lib/stats';
import { createWorkflow, type Contender } from '../lib/workflows';

export interface QueueOptions {
	runs: number;
	/** Creates per workflow; two workflows run at once. */
	perWorkflow: number;
	workerCounts: number[];
	log: (message: string) => void;
}

const CONTENDERS: Contender[] = ['node', 'http'];
const WORKFLOWS = ['a', 'b'];
const pathFor = (contender: Contender, run: string) => `bench-queue-${contender}-${run}`;

/**
 * POSTs to a production webhook whose Webhook node answers when the workflow ends ("When Last
 * Node Finishes"); no client timeout (fetch gives up on headers after 300 s, and a careful HTTP
 * Request node meeting 429s can take longer).
 */
async function callAndWait(url: string): Promise<{ status: number; body: string }> {
	return await new Promise((resolveCall, reject) => {
		const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
		req.on('response', (res) => {
			let body = '';
			res.on('data', (chunk: Buffer) => (body += chunk.toString()));
			res.on('end', () => resolveCall({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end('{}');
	});
}

/**
 * The HTTP Request node's credential: n8n's generic Basic Auth with the API key as user name, as
 * Insightly documents it. (The package's own credential is refused to other nodes: see README,
 * "Security".)
 */
const BASIC_AUTH = { id: 'insightlyQBasic1', name: 'Insightly key as Basic Auth' };

async function importBasicAuthCredential(queue: QueueModeEnvironment): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'insightly-bench-queue-'));
	try {
		const file = join(dir, 'credentials.json');
		const data = { user: queue.sandbox.apiKey, password: '' };
		writeFileSync(file, JSON.stringify([{ ...BASIC_AUTH, type: 'httpBasicAuth', data }]));
		await queue.env.cli.runOk(['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * The bench's create workflows (bench/lib/workflows.ts), started by a Webhook node that answers
 * when the workflow ends; the HTTP Request node sends the key as the Insightly node does.
 */
function queueWorkflows(contender: Contender, perWorkflow: number, apiUrl: string) {
	return WORKFLOWS.map((run) => {
		const flow = startedByWebhook(
			createWorkflow(contender, perWorkflow, `q${contender}${run}`, apiUrl),
			pathFor(contender, run),
		);
		for (const node of flow.nodes) {
			if (node.name === 'Start')
				node.parameters = { ...(node.parameters as object), responseMode: 'lastNode' };
			// bench/lib/workflows.ts may still name the package's credential, which n8n refuses
			// to the HTTP Request node: then the same Basic header comes from BASIC_AUTH.
			const parameters = node.parameters as Record<string, unknown>;
			if (node.type === 'n8n-nodes-base.httpRequest' && 'nodeCredentialType' in parameters) {
				const { nodeCredentialType: _unused, ...rest } = parameters;
				void _unused;
				node.parameters = {
					...rest,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpBasicAuth',
				};
				node.credentials = { httpBasicAuth: BASIC_AUTH };
			}
		}
		return flow;
	});
}

export async function runQueueJob(options: QueueOptions) {
	const { log } = options;
	log('queue mode: Redis, Postgres, the package installed into a fresh n8n user folder');
	const queue = await QueueModeEnvironment.create({ plan: 'professional', perSecondLimit: 10 });
	const sandbox = queue.sandbox;
	const samples = new Samples();
	const errorsSeen: Record<string, Record<string, number>> = {};
	const workersUsed: Record<string, number[]> = {};
	try {
		await importBasicAuthCredential(queue);
		await queue.publish(
			CONTENDERS.flatMap((c) => queueWorkflows(c, options.perWorkflow, sandbox.apiUrl)),
		);
		for (const workers of options.workerCounts) {
			log(`queue mode: n8n main + ${workers} worker(s)`);
			await queue.start({ workers, concurrency: workers === 1 ? WORKFLOWS.length : 1 });
			for (const run of WORKFLOWS)
				for (const c of CONTENDERS) await queue.waitForWebhook(pathFor(c, run));
			for (let r = 1; r <= options.runs; r++) {
				const order = r % 2 ? CONTENDERS : [...CONTENDERS].reverse();
				for (const contender of order) {
					const key = `workers${workers}.${contender}`;
					sandbox.reset();
					const startedBefore = queue.workers.map((w) => w.startedExecutions.length);
					const started = Date.now();
					const answers = await Promise.all(
						WORKFLOWS.map((run) => callAndWait(queue.webhookUrl(pathFor(contender, run)))),
					);
					const wallSeconds = (Date.now() - started) / 1000;
					const entries = sandbox.log();
					const failed = answers.filter((a) => a.status !== 200);
					const bucket = (errorsSeen[key] ??= {});
					for (const f of failed) {
						const message = `${f.status} ${f.body.slice(0, 200)}`;
						bucket[message] = (bucket[message] ?? 0) + 1;
					}
					// Which workers started an execution during this measurement (their own logs).
					const ran = queue.workers.filter(
						(w, i) => w.startedExecutions.length > startedBefore[i],
					).length;
					(workersUsed[key] ??= []).push(ran);
					const created = sandbox.records.list('Contacts').length;
					const duplicates = duplicateEmails(sandbox);
					const wanted = WORKFLOWS.length * options.perWorkflow;
					const figures = {
						wallSeconds,
						requests: entries.length,
						requestsPerSecond: achievedRate(entries),
						busiestSecond: busiestSecond(entries),
						sandbox429: count429(entries),
						sandbox429Per1000: (count429(entries) * 1000) / Math.max(1, entries.length),
						workflowsFailed: failed.length,
						duplicates,
						recordsCreated: created,
						missing: Math.max(0, wanted - (created - duplicates)),
						workersThatRan: ran,
					};
					for (const [name, value] of Object.entries(figures))
						samples.add(`${key}.${name}`, value, unitOf(name));
					log(`run ${r}: ${key}: ${JSON.stringify(roundAll(figures))}`);
				}
			}
			await queue.stopN8n();
		}
	} finally {
		await queue.stop();
	}
	return {
		n8nVersion: queue.env.cli.install.version,
		figures: samples.figures(),
		errorsSeen,
		workersUsed,
	};
}

function unitOf(name: string): string {
	if (name.endsWith('Seconds')) return 's';
	if (name === 'requestsPerSecond') return 'req/s';
	if (name === 'sandbox429Per1000') return 'per 1,000 requests';
	return 'count';
}

function roundAll(values: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round(v * 100) / 100]));
}
