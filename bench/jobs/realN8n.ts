/**
 * Jobs 1, 2, 4 and 5 in a real n8n (`n8n execute --id`, package installed from its tarball as
 * a community package): bulk create and Get Many, each done by the Insightly node and by the
 * HTTP Request node in the same run, against the sandbox with its 10/s and daily limits on.
 */
import type { RequestLogEntry, SandboxOptions } from '../../sandbox';
import { E2eEnvironment } from '../../test/e2e/lib/environment';
import type { RunResult } from '../../test/e2e/lib/runResult';
import { executeMeasured, type MeasuredRun } from '../lib/measuredRun';
import {
	achievedRate,
	busiestSecond,
	count429,
	duplicateEmails,
	seedContacts,
} from '../lib/sandboxCounts';
import { ratio, Samples } from '../lib/stats';
import {
	baselineWorkflow,
	createWorkflow,
	getAllWorkflow,
	WORKER_NODE,
	type Contender,
} from '../lib/workflows';

export interface RealN8nOptions {
	runs: number;
	/** 0: no bulk create. */
	createCount: number;
	/** Empty: no Get Many. */
	getSizes: number[];
	/**
	 * Sandbox modes the bulk create runs in (`parseSandboxMode`); default the plain one: sliding
	 * per-second window, no injected latency.
	 */
	createModes?: string[];
	/** Who does the bulk create (default both; Get Many always compares both). */
	createContenders?: Contender[];
	log: (message: string) => void;
}

/** The plain mode: the sandbox's per-second limit as a sliding window, no injected latency. */
export const PLAIN_MODE = 'sliding';

/**
 * A sandbox mode of the bulk create: `sliding` or `fixed` (how the per-second limit counts),
 * optionally `+latency<min>-<max>` (round trip injected per request, ms) and `@<share>` (the
 * share of it before the limit counts the request; default 0.5). `fixed+latency20-120@1`:
 * fixed seconds, 20-120 ms, all of it on the way in.
 */
export function parseSandboxMode(mode: string): Partial<SandboxOptions> {
	const match = /^(sliding|fixed)(?:\+latency(\d+)-(\d+)(?:@([\d.]+))?)?$/.exec(mode);
	if (!match)
		throw new Error(
			`Unknown sandbox mode "${mode}": sliding|fixed, optionally +latency<min>-<max>[@share]`,
		);
	const [, perSecondWindow, min, max, share] = match;
	return {
		perSecondWindow: perSecondWindow as SandboxOptions['perSecondWindow'],
		latencyMs: min === undefined ? false : [Number(min), Number(max)],
		latencyBeforeCount: share === undefined ? 0.5 : Number(share),
	};
}

/** Figure keys of a create in `mode`: `create.node...` in the plain mode, `create@<mode>.node...` otherwise. */
const createJob = (mode: string) => (mode === PLAIN_MODE ? 'create' : `create@${mode}`);

/** Successful (non-429) requests per second over the span of the whole log. */
function acceptedRate(log: RequestLogEntry[]): number {
	if (log.length < 2) return NaN;
	const times = log.map((entry) => Date.parse(entry.time));
	const span = (Math.max(...times) - Math.min(...times)) / 1000;
	const accepted = log.filter((entry) => entry.status !== 429).length;
	return span > 0 ? (accepted - 1) / span : NaN;
}

const CONTENDERS: Contender[] = ['node', 'http'];

/** Errors that reached the workflow: the run's error, plus error items (On Error: Continue). */
function workflowErrors(result: RunResult): string[] {
	const errors: string[] = [];
	if (result.error)
		errors.push(
			`${result.error.httpCode ? `[${result.error.httpCode}] ` : ''}${result.error.message}`,
		);
	if (result.ranNodes().includes(WORKER_NODE)) {
		for (const item of result.json(WORKER_NODE))
			if (item.error)
				errors.push(String((item.error as { message?: string }).message ?? item.error));
	}
	return errors;
}

const is429 = (message: string) => /429|rate limit|too many requests/i.test(message);

function outputCount(result: RunResult): number {
	return result.ranNodes().includes(WORKER_NODE) ? result.items(WORKER_NODE).length : 0;
}

export async function runRealN8nJobs(options: RealN8nOptions) {
	const { log } = options;
	log('real n8n: building, packing and installing the package into a fresh n8n user folder');
	const env = await E2eEnvironment.start(2, { plan: 'professional', perSecondLimit: 10 });
	const sandbox = env.sandbox;
	const creates = Object.fromEntries(
		CONTENDERS.map((c) => [
			c,
			createWorkflow(c, options.createCount, c, sandbox.apiUrl, sandbox.apiKey),
		]),
	);
	const getAlls = Object.fromEntries(
		CONTENDERS.map((c) => [c, getAllWorkflow(c, sandbox.apiUrl, sandbox.apiKey)]),
	);
	const baseline = baselineWorkflow();
	await env.importWorkflows([...Object.values(creates), ...Object.values(getAlls), baseline]);

	const samples = new Samples();
	const requestsByRoute: Record<string, Record<string, number>> = {};
	const errorsSeen: Record<string, Record<string, number>> = {};
	const noteErrors = (key: string, errors: string[]) => {
		const bucket = (errorsSeen[key] ??= {});
		for (const e of errors) bucket[e] = (bucket[e] ?? 0) + 1;
	};
	/**
	 * One `n8n execute` whose worker node must have run. A run that did not is tried once more
	 * (the n8n install is shared with other jobs on this machine); the retry is logged.
	 */
	const measure = async (
		what: string,
		workflowId: string,
		before: () => void = () => {},
	): Promise<MeasuredRun> => {
		for (let attempt = 1; ; attempt++) {
			before();
			const run = await executeMeasured(env, workflowId);
			if (run.result.ranNodes().includes(WORKER_NODE)) return run;
			const where = run.unparsedOutputFile ? ` (n8n's output: ${run.unparsedOutputFile})` : '';
			const problem = `${what}: the workflow did not run its worker node${where}.\n${run.result.describe().slice(0, 3000)}`;
			if (attempt === 2) throw new Error(problem);
			log(`${problem}\nretrying once`);
		}
	};

	try {
		for (let r = 1; r <= options.runs; r++) {
			sandbox.reset();
			const base = await measure('baseline', baseline.id);
			samples.add('baseline.cpuSeconds', base.cpuSeconds, 's');
			samples.add('baseline.peakRssMb', base.peakRssMb, 'MB');
			samples.add('baseline.wallSeconds', base.wallMs / 1000, 's');
			log(
				`run ${r}: baseline n8n execute ${base.wallMs} ms, ${base.cpuSeconds.toFixed(2)} s CPU, ${base.peakRssMb.toFixed(0)} MB`,
			);

			const perRun: Record<string, Record<string, number>> = {};
			// Alternate which contender goes first, so neither always meets a warmer machine.
			const order = r % 2 ? CONTENDERS : [...CONTENDERS].reverse();
			for (const mode of options.createCount > 0 ? (options.createModes ?? [PLAIN_MODE]) : []) {
				const job = createJob(mode);
				const modeOptions = parseSandboxMode(mode);
				for (const contender of order.filter((c) =>
					(options.createContenders ?? CONTENDERS).includes(c),
				)) {
					const run = await measure(`${job} (${contender})`, creates[contender].id, () =>
						sandbox.reset(modeOptions),
					);
					const entries = sandbox.log();
					const errors = workflowErrors(run.result);
					noteErrors(`${job}.${contender}`, errors);
					requestsByRoute[`${job}.${contender}`] = routes(entries);
					const created = sandbox.records.list('Contacts').length;
					const figures = {
						wallSeconds: run.wallMs / 1000,
						requests: entries.length,
						requestsPerSecond: achievedRate(entries),
						acceptedPerSecond: acceptedRate(entries),
						busiestSecond: busiestSecond(entries),
						sandbox429: count429(entries),
						workflow429: errors.filter(is429).length,
						workflowErrors: errors.length,
						duplicates: duplicateEmails(sandbox),
						recordsCreated: created,
						missing: Math.max(0, options.createCount - (created - duplicateEmails(sandbox))),
						cpuSeconds: run.cpuSeconds,
						cpuMsPerItem: ((run.cpuSeconds - base.cpuSeconds) * 1000) / options.createCount,
						peakRssMb: run.peakRssMb,
					};
					perRun[`${job}.${contender}`] = figures;
					for (const [name, value] of Object.entries(figures))
						samples.add(`${job}.${contender}.${name}`, value, unitOf(name));
					log(
						`run ${r}: ${job} ${options.createCount} (${contender}): ${JSON.stringify(roundAll(figures))}`,
					);
				}
				addRatios(samples, job, perRun, [
					'wallSeconds',
					'requests',
					'requestsPerSecond',
					'workflow429',
					'sandbox429',
					'duplicates',
					'cpuMsPerItem',
				]);
			}

			for (const size of options.getSizes) {
				sandbox.reset();
				seedContacts(sandbox, size);
				for (const contender of order) {
					const run = await measure(`get many ${size} (${contender})`, getAlls[contender].id, () =>
						sandbox.clearLog(),
					);
					const entries = sandbox.log();
					const errors = workflowErrors(run.result);
					noteErrors(`getAll${size}.${contender}`, errors);
					requestsByRoute[`getAll${size}.${contender}`] = routes(entries);
					const items = outputCount(run.result);
					const figures = {
						wallSeconds: run.wallMs / 1000,
						requests: entries.length,
						floorRequests: Math.ceil(size / 500),
						itemsReturned: items,
						sandbox429: count429(entries),
						workflow429: errors.filter(is429).length,
						peakRssMb: run.peakRssMb,
						cpuSeconds: run.cpuSeconds,
						cpuMsPerItem: ((run.cpuSeconds - base.cpuSeconds) * 1000) / size,
					};
					perRun[`getAll${size}.${contender}`] = figures;
					for (const [name, value] of Object.entries(figures))
						samples.add(`getAll${size}.${contender}.${name}`, value, unitOf(name));
					log(`run ${r}: get many ${size} (${contender}): ${JSON.stringify(roundAll(figures))}`);
				}
				addRatios(samples, `getAll${size}`, perRun, [
					'wallSeconds',
					'requests',
					'workflow429',
					'peakRssMb',
					'cpuMsPerItem',
				]);
			}
		}
	} finally {
		await env.stop();
	}
	return {
		n8nVersion: env.cli.install.version,
		n8nNode: env.cli.install.nodeHome,
		figures: samples.figures(),
		errorsSeen,
		requestsByRoute,
	};
}

/** "METHOD /Path status" counts (ids blanked) of one measurement: what the requests were. */
function routes(entries: RequestLogEntry[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const entry of entries) {
		const key = `${entry.method} ${entry.path.replace(/\/\d+(?=\/|$)/g, '/#')} ${entry.status}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

/** HTTP Request node / Insightly node, within the same run. */
function addRatios(
	samples: Samples,
	job: string,
	perRun: Record<string, Record<string, number>>,
	names: string[],
): void {
	// A part measured for one contender only has no ratio.
	if (!perRun[`${job}.http`] || !perRun[`${job}.node`]) return;
	for (const name of names) {
		const value = ratio(perRun[`${job}.http`][name], perRun[`${job}.node`][name]);
		if (value !== null) samples.add(`${job}.ratioHttpToNode.${name}`, value, 'x');
	}
}

function unitOf(name: string): string {
	if (name.endsWith('Seconds')) return 's';
	if (name.endsWith('Mb')) return 'MB';
	if (name === 'requestsPerSecond' || name === 'acceptedPerSecond') return 'req/s';
	if (name === 'cpuMsPerItem') return 'ms CPU/item';
	return 'count';
}

function roundAll(values: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round(v * 100) / 100]));
}
