/**
 * `npm run bench [-- --quick] [--only=n8n,trigger,soak,latency] [--runs=N] [--create-count=N] [--get-sizes=N,M] [--create-modes=sliding,fixed+latency20-120,...] [--create-contenders=node] [--soak-ops=N] [--latency-changes=N] [--latency-spacing-ms=N] [--queue-per-workflow=N]`
 *
 * Throughput, cost and fault tolerance of the Insightly node and trigger, side by side with
 * n8n's HTTP Request node, against the sandbox. Prints a table per job and writes every figure
 * (median, min, max, each run) with the environment to bench/results.json (--quick writes
 * bench/results.quick.json, so a smoke run never overwrites the committed figures). With
 * --only, the other jobs' sections of an existing results file are kept: each section carries
 * the machine state (date, load) it was measured in.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runLatencyJob } from './jobs/latency';
import { runQueueJob } from './jobs/queue';
import { parseSandboxMode, PLAIN_MODE, runRealN8nJobs } from './jobs/realN8n';
import type { Contender } from './lib/workflows';
import { runSoakJob } from './jobs/soak';
import { runTriggerJob } from './jobs/trigger';
import { currentLoad, machineInfo } from './lib/machine';
import { gnuTimeAvailable } from './lib/measuredRun';
import { renderTable } from './lib/table';

const JOBS = ['n8n', 'trigger', 'soak', 'latency', 'queue'] as const;
type Job = (typeof JOBS)[number];

interface Settings {
	quick: boolean;
	runs: number;
	only: Job[];
	createCount: number;
	getSizes: number[];
	/** Sandbox modes of the bulk create (jobs/realN8n.ts, parseSandboxMode). */
	createModes: string[];
	/** Who does the bulk create: `node`, `http` or both (default). */
	createContenders: string[];
	soakOperations: number;
	soakRuns: number;
	triggerChanges: number[];
	latencyChanges: number;
	latencySpacingMs: number;
	queuePerWorkflow: number;
}

function parseArgs(argv: string[]): Settings {
	const flag = (name: string) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	const value = (name: string) => flag(name)?.split('=')[1];
	const quick = !!flag('quick');
	const only = (value('only')?.split(',') ?? [...JOBS]) as Job[];
	for (const job of only)
		if (!JOBS.includes(job)) throw new Error(`--only: unknown job "${job}" (${JOBS.join(', ')})`);
	const runs = Number(value('runs') ?? (quick ? 1 : 3));
	for (const mode of value('create-modes')?.split(',') ?? []) parseSandboxMode(mode);
	return {
		quick,
		runs,
		only,
		createCount: Number(value('create-count') ?? (quick ? 50 : 1000)),
		// --get-sizes=0 or --create-count=0 leaves that part out.
		getSizes: (value('get-sizes')?.split(',') ?? (quick ? [1000, 5000] : [10_000, 100_000]))
			.map(Number)
			.filter((size) => size > 0),
		createModes: value('create-modes')?.split(',') ?? [PLAIN_MODE],
		createContenders: value('create-contenders')?.split(',') ?? ['node', 'http'],
		soakOperations: Number(value('soak-ops') ?? (quick ? 1000 : 10_000)),
		soakRuns: quick ? 1 : runs,
		triggerChanges: [1, 100, 1000],
		latencyChanges: Number(value('latency-changes') ?? (quick ? 10 : 50)),
		latencySpacingMs: Number(value('latency-spacing-ms') ?? (quick ? 3000 : 6000)),
		queuePerWorkflow: Number(value('queue-per-workflow') ?? (quick ? 25 : 500)),
	};
}

const log = (message: string) =>
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main() {
	const settings = parseArgs(process.argv.slice(2));
	const machine = machineInfo();
	const file = join(__dirname, settings.quick ? 'results.quick.json' : 'results.json');
	const kept =
		settings.only.length < JOBS.length && existsSync(file)
			? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
			: {};
	const results: Record<string, unknown> = { ...kept, lastInvocation: { settings, machine } };
	const section = (value: object) => ({
		...value,
		settings,
		measuredOn: { ...machine, loadAverageAtEnd: currentLoad() },
	});
	const started = Date.now();
	log(
		`settings ${JSON.stringify(settings)}; load average ${machine.loadAverageAtStart.join(' ')} on ${machine.cpuCount} CPUs`,
	);

	if (settings.only.includes('trigger')) {
		const trigger = await runTriggerJob({
			runs: settings.runs,
			changeCounts: settings.triggerChanges,
			dayMinutes: 1440,
			log,
		});
		results.trigger = section(trigger);
		console.log(renderTable(`3. Trigger (${trigger.method})`, trigger.figures));
	}
	if (settings.only.includes('soak')) {
		const soak = await runSoakJob({
			runs: settings.soakRuns,
			operations: settings.soakOperations,
			log,
		});
		results.soak = section(soak);
		console.log(renderTable(`6. Fault soak (${soak.method})`, soak.figures));
		console.log('faults fired:', soak.faultsFiredTotal);
		console.log('errors the workflow saw (ids blanked):', soak.errorsSeenTotal);
	}
	if (settings.only.includes('n8n')) {
		if (!gnuTimeAvailable())
			throw new Error('/usr/bin/time (GNU time) is needed to measure the n8n process');
		const n8n = await runRealN8nJobs({
			runs: settings.runs,
			createCount: settings.createCount,
			getSizes: settings.getSizes,
			createModes: settings.createModes,
			createContenders: settings.createContenders as Contender[],
			log,
		});
		machine.n8nVersion = n8n.n8nVersion;
		machine.n8nNode = n8n.n8nNode;
		// A run of some parts (--create-modes, --get-sizes, --create-count=0) keeps the figures
		// of the parts it did not measure; each figure's own run list says when it was measured.
		const earlier = (kept.realN8n ?? {}) as { figures?: object; errorsSeen?: object };
		results.realN8n = section({
			method:
				'real n8n (n8n execute --id, package installed from its tarball), sandbox with 10/s and Professional daily limits on; Insightly node vs HTTP Request node (the same Basic authorization header, skip/top pagination with 100 ms interval, batching 10 items / 1000 ms, Retry On Fail 5 tries / 5000 ms) in the same run; peak RSS and CPU from GNU time; CPU per item = (run CPU - no-op workflow CPU) / items',
			figures: { ...earlier.figures, ...n8n.figures },
			errorsSeen: { ...earlier.errorsSeen, ...n8n.errorsSeen },
			requestsByRouteLastRun: n8n.requestsByRoute,
		});
		console.log(
			renderTable(
				'1, 2, 4, 5. Real n8n: bulk create, Get Many, HTTP Request node side by side, CPU overhead',
				n8n.figures,
			),
		);
		console.log('errors that reached the workflows:', n8n.errorsSeen);
		console.log('requests by route (last run):', n8n.requestsByRoute);
	}

	if (settings.only.includes('latency')) {
		const latency = await runLatencyJob({
			changes: settings.latencyChanges,
			spacingMs: settings.latencySpacingMs,
			log,
		});
		results.latency = section(latency);
		console.log(
			renderTable(
				'7. Change to workflow start: webhook trigger vs polling trigger (one run)',
				latency.figures,
			),
		);
	}

	if (settings.only.includes('queue')) {
		const queue = await runQueueJob({
			runs: settings.runs,
			perWorkflow: settings.queuePerWorkflow,
			workerCounts: [1, 2],
			log,
		});
		results.queue = section({
			method:
				'n8n 2.x queue mode (main + n8n worker processes, Redis, Postgres; package installed from its tarball), sandbox with 10/s and Professional daily limits on; two workflows of queuePerWorkflow creates started at once through Webhook nodes (answering when the workflow ends), with 1 worker (concurrency 2) and 2 workers (concurrency 1 each); Insightly node vs HTTP Request node configured as in realN8n (batching 10 items / 1000 ms, Retry On Fail 5 tries / 5000 ms); wall time from the two calls to the two answers',
			...queue,
		});
		console.log(
			renderTable('8. Queue mode: 2 workflows at once on 1 and 2 workers', queue.figures),
		);
		console.log('workflows that failed, by answer:', queue.errorsSeen);
	}

	machine.loadAverageAtEnd = currentLoad();
	const totalMinutes = Math.round((Date.now() - started) / 600) / 100;
	(results.lastInvocation as Record<string, unknown>).totalMinutes = totalMinutes;
	writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
	log(
		`done in ${totalMinutes} min; load average at end ${machine.loadAverageAtEnd.join(' ')}; wrote ${file}`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
