/**
 * Throwaway Redis and Postgres for n8n's queue mode, from Debian's `redis-server` and
 * `postgresql` packages (scripts/e2e/queue.sh installs them when missing): free ports on
 * 127.0.0.1, data in a temporary folder, nothing persisted, both stopped (and the folder removed)
 * by `stop()`. Each server runs in the foreground as a child of this process, so no service
 * manager is involved and nothing outlives the run; their pids also go to QUEUE_E2E_PIDFILE
 * (when set) so the runner script can stop them if this process dies first.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	appendFileSync,
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, stopChild, waitFor } from './ports';

/** The database n8n uses: initdb's own `postgres` database, owned by the superuser below. */
const PG_USER = 'n8n';
const PG_DATABASE = 'postgres';

export interface QueueServices {
	redisPort: number;
	postgresPort: number;
	/** DB_* variables every n8n process of the cluster (CLI commands included) needs. */
	databaseEnv: Record<string, string>;
	/** The queue-mode variables of `n8n start` and `n8n worker`. */
	queueEnv: Record<string, string>;
	stop(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/<major>/bin` (Debian's layout; initdb is not on PATH). */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!majors.length)
		throw new Error(`Postgres is not installed (${root}/*/bin): run scripts/e2e/queue.sh`);
	return join(root, majors[0], 'bin');
}

function redisBin(): string {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server'])
		if (existsSync(candidate)) return candidate;
	throw new Error('redis-server is not installed: run scripts/e2e/queue.sh');
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Postgres refuses to run as root: as root, run its programs as the `postgres` user the Debian
 * package creates. `setpriv` execs in place (no extra parent), so the child pid is the server's.
 */
function asPostgresUser(bin: string, args: string[]): [string, string[]] {
	if (!isRoot()) return [bin, args];
	return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--clear-groups', bin, ...args]];
}

function rememberPid(child: ChildProcess): void {
	const file = process.env.QUEUE_E2E_PIDFILE;
	if (file && child.pid) appendFileSync(file, `${child.pid}\n`);
}

/** Starts a server in the foreground, keeping the tail of its output for error messages. */
function spawnServer(command: [string, string[]], what: string) {
	const child = spawn(command[0], command[1], { stdio: ['ignore', 'pipe', 'pipe'] });
	rememberPid(child);
	let output = '';
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	let exited = false;
	child.once('exit', () => (exited = true));
	return {
		child,
		failIfExited: () => {
			if (exited) throw new Error(`${what} exited during start-up:\n${output}`);
		},
	};
}

/** Sends one inline command to Redis and resolves with the first line of the answer. */
async function redisCommand(port: number, command: string): Promise<string | undefined> {
	return await new Promise((resolveAnswer) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy());
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('error', () => resolveAnswer(undefined));
		socket.on('close', () => resolveAnswer(answer.split('\r\n')[0] || undefined));
	});
}

export async function startQueueServices(): Promise<QueueServices> {
	const dir = mkdtempSync(join(tmpdir(), 'insightly-e2e-queue-'));
	const children: ChildProcess[] = [];
	const stop = async () => {
		// Postgres: SIGINT is its "fast" shutdown (SIGTERM would wait for n8n's connections).
		await Promise.all(
			children.map((child, i) => stopChild(child, { signal: i === 0 ? 'SIGTERM' : 'SIGINT' })),
		);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		// Redis: no snapshots, no append-only file; the data lives only in memory.
		const redisPort = await freePort();
		const redisDir = join(dir, 'redis');
		mkdirSync(redisDir);
		const redis = spawnServer(
			[
				redisBin(),
				[
					'--port',
					String(redisPort),
					'--bind',
					'127.0.0.1',
					'--save',
					'',
					'--appendonly',
					'no',
					'--dir',
					redisDir,
				],
			],
			'redis-server',
		);
		children.push(redis.child);

		// Postgres: a fresh cluster in the temporary folder, owned by the user that runs it.
		const bin = postgresBin();
		const pgDir = join(dir, 'postgres');
		mkdirSync(pgDir);
		if (isRoot()) {
			const id = (flag: string) =>
				Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
			chownSync(pgDir, id('-u'), id('-g'));
			// mkdtemp makes the parent 0700: the postgres user must be able to pass through it.
			chmodSync(dir, 0o711);
		}
		const dataDir = join(pgDir, 'data');
		const [initBin, initArgs] = asPostgresUser(join(bin, 'initdb'), [
			'-D',
			dataDir,
			'-U',
			PG_USER,
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--no-sync',
		]);
		execFileSync(initBin, initArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
		const postgresPort = await freePort();
		const postgres = spawnServer(
			asPostgresUser(join(bin, 'postgres'), [
				'-D',
				dataDir,
				'-p',
				String(postgresPort),
				'-k',
				pgDir,
				'-c',
				'listen_addresses=127.0.0.1',
				// Throwaway data: durability costs time and buys nothing here.
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			]),
			'postgres',
		);
		children.push(postgres.child);

		await waitFor(
			`redis-server on port ${redisPort}`,
			async () => {
				redis.failIfExited();
				return (await redisCommand(redisPort, 'PING')) === '+PONG' ? true : undefined;
			},
			30_000,
			200,
		);
		await waitFor(
			`postgres on port ${postgresPort}`,
			() => {
				postgres.failIfExited();
				try {
					execFileSync(
						join(bin, 'pg_isready'),
						['-h', '127.0.0.1', '-p', String(postgresPort), '-U', PG_USER, '-d', PG_DATABASE],
						{ stdio: 'ignore' },
					);
					return true;
				} catch {
					return undefined;
				}
			},
			60_000,
			300,
		);
		return {
			redisPort,
			postgresPort,
			databaseEnv: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgresPort),
				DB_POSTGRESDB_DATABASE: PG_DATABASE,
				DB_POSTGRESDB_USER: PG_USER,
				DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
			},
			queueEnv: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
