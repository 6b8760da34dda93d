/**
 * n8n in queue mode as teams run it when one process is not enough: one main instance (editor,
 * REST API, webhooks, triggers and pollers) and several `n8n worker` processes that take
 * executions from a Redis queue, all on one Postgres database, sharing the user folder (so the
 * community package installed there is loaded by every process) and the encryption key.
 *
 * Each process gets `E2E_PROCESS` (`main`, `worker-1`, ...) and may read it from expressions
 * (`$env.E2E_PROCESS`, N8N_BLOCK_ENV_ACCESS_IN_NODE=false): a workflow that reports it proves
 * which process executed it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

import type { SandboxOptions } from '../../../sandbox';
import { E2eEnvironment } from './environment';
import { activateWorkflow, type N8nCli } from './n8nCli';
import { N8nServer } from './n8nServer';
import { freePort, stopChild, waitFor } from './ports';
import { startQueueServices, type QueueServices } from './queueServices';
import type { WorkflowJson } from './workflows';

/** The expression that names the process running a node. */
export const PROCESS_NAME_EXPRESSION = '$env.E2E_PROCESS';

/** Variables of every long-running process of the cluster (main and workers). */
function processEnv(services: QueueServices, name: string): Record<string, string> {
	return {
		...services.queueEnv,
		E2E_PROCESS: name,
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		// Executions are kept in Postgres so tests can read them back from the REST API.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	};
}

/** One `n8n worker`: ready once its health server answers /healthz/readiness (DB and Redis up). */
export class N8nWorker {
	private output = '';
	private partialLine = '';
	/** Ids of the executions this worker started, from its own log ("Worker started execution 12"). */
	readonly startedExecutions: string[] = [];

	private constructor(
		readonly name: string,
		private readonly child: ChildProcess,
	) {
		const keep = (chunk: Buffer) => {
			const text = chunk.toString();
			this.output = (this.output + text).slice(-200_000);
			const lines = (this.partialLine + text).split('\n');
			this.partialLine = lines.pop() ?? '';
			for (const line of lines) {
				const started = line.match(/Worker started execution (\d+)/);
				if (started) this.startedExecutions.push(started[1]);
			}
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
	}

	static async start(
		cli: N8nCli,
		name: string,
		concurrency: number,
		env: Record<string, string>,
		logFile?: string,
	): Promise<N8nWorker> {
		const healthPort = await freePort();
		const [bin, args] = cli.command(['worker', `--concurrency=${concurrency}`]);
		const child = spawn(bin, args, {
			env: cli.env({
				...env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		if (logFile) {
			const file = createWriteStream(logFile, { flags: 'a' });
			child.stdout.pipe(file);
			child.stderr.pipe(file);
		}
		const worker = new N8nWorker(name, child);
		let exited = false;
		child.once('exit', () => (exited = true));
		await waitFor(
			`n8n worker ${name} to be ready`,
			async () => {
				if (exited) throw new Error(`n8n worker ${name} exited:\n${worker.output.slice(-5000)}`);
				const response = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`).catch(
					() => undefined,
				);
				return response?.ok ? true : undefined;
			},
			180_000,
		);
		return worker;
	}

	log(): string {
		return this.output;
	}

	/** SIGTERM: the worker finishes (or gives back) its jobs and exits. */
	async stop(timeoutMs = 60_000): Promise<void> {
		await stopChild(this.child, { timeoutMs });
	}
}

export interface QueueClusterOptions {
	workers: number;
	/** Executions one worker runs at a time (`n8n worker --concurrency`). */
	concurrency: number;
	/** Where each process's output goes (`<logDir>/<name>.log`), if anywhere. */
	logDir?: string;
}

/**
 * Redis, Postgres, the sandbox and the credentials; then, per `start()`, n8n main + workers.
 * Workflows are imported and published with the CLI before the processes start.
 */
export class QueueModeEnvironment {
	main?: N8nServer;
	workers: N8nWorker[] = [];

	private constructor(
		readonly services: QueueServices,
		readonly env: E2eEnvironment,
	) {}

	static async create(sandboxOptions: SandboxOptions = {}): Promise<QueueModeEnvironment> {
		const services = await startQueueServices();
		try {
			const env = await E2eEnvironment.start(2, sandboxOptions, { n8nEnv: services.databaseEnv });
			return new QueueModeEnvironment(services, env);
		} catch (error) {
			await services.stop();
			throw error;
		}
	}

	get sandbox() {
		return this.env.sandbox;
	}

	/** Imports the workflows and publishes them, so the main instance activates them at start. */
	async publish(workflows: WorkflowJson[]): Promise<void> {
		await this.env.importWorkflows(workflows);
		// One CLI process each; Postgres (unlike SQLite) takes them side by side.
		await Promise.all(workflows.map((workflow) => activateWorkflow(this.env.cli, workflow.id)));
	}

	/** Starts the main instance, then the workers side by side. */
	async start(options: QueueClusterOptions): Promise<void> {
		const log = (name: string) => (options.logDir ? `${options.logDir}/${name}.log` : undefined);
		this.main = await N8nServer.start(this.env.cli, {
			env: processEnv(this.services, 'main'),
			logFile: log('main'),
		});
		this.workers = await Promise.all(
			Array.from({ length: options.workers }, (_, i) => {
				const name = `worker-${i + 1}`;
				return N8nWorker.start(
					this.env.cli,
					name,
					options.concurrency,
					processEnv(this.services, name),
					log(name),
				);
			}),
		);
	}

	/** Stops n8n (workers first, so none picks up a job the main would not see finish). */
	async stopN8n(): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.stop()));
		this.workers = [];
		await this.main?.stop();
		this.main = undefined;
	}

	/** The production URL of a Webhook node's path on the main instance. */
	webhookUrl(path: string): string {
		if (!this.main) throw new Error('n8n main is not running');
		return `${this.main.url}/webhook/${path}`;
	}

	/**
	 * Waits until the main instance has registered a published Webhook node's path (it does so
	 * while starting, possibly after it answers /healthz/readiness). An OPTIONS request (CORS
	 * preflight) starts no execution; n8n answers 404 while the path is unknown.
	 */
	async waitForWebhook(path: string): Promise<void> {
		const url = this.webhookUrl(path);
		await waitFor(
			`the production webhook ${path} to be registered`,
			async () => {
				const response = await fetch(url, { method: 'OPTIONS' }).catch(() => undefined);
				return response && response.status !== 404 ? true : undefined;
			},
			60_000,
		);
	}

	async stop(): Promise<void> {
		await this.stopN8n().catch(() => {});
		await this.env.stop().catch(() => {});
		await this.services.stop();
	}
}
