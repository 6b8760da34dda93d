/**
 * Runs the real n8n CLI (`import:*`, `execute`, `publish:workflow`...) of one installed version,
 * against one user folder, under the Node that version needs.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { N8nInstall } from './n8nVersions';
import { freePort } from './ports';

/** Fixed so that credentials written by one n8n process can be read by the next. */
const ENCRYPTION_KEY = 'insightly-e2e-encryption-key';

/**
 * A clean environment: nothing leaks in from the runner (jest sets NODE_ENV=test, which makes
 * n8n refuse to load nodes) and everything that would phone home is off.
 */
export function n8nEnv(
	install: N8nInstall,
	userFolder: string,
	extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
	const keep = ['HOME', 'LANG', 'TMPDIR', 'USER'];
	const base: NodeJS.ProcessEnv = {};
	for (const name of keep) if (process.env[name] !== undefined) base[name] = process.env[name];
	return {
		...base,
		PATH: `${join(install.nodeHome, 'bin')}:${process.env.PATH ?? ''}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		...extra,
	};
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export class N8nCli {
	constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		private readonly extraEnv: Record<string, string> = {},
	) {}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return n8nEnv(this.install, this.userFolder, { ...this.extraEnv, ...extra });
	}

	/** Node binary and arguments that start this n8n with `args`. */
	command(args: string[]): [string, string[]] {
		return [join(this.install.nodeHome, 'bin', 'node'), [this.install.n8nBin, ...args]];
	}

	async run(args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
		const [bin, argv] = this.command(args);
		// Each n8n process starts a task broker, by default on 5679: give each its own port so
		// that a running `n8n start` (or another suite) does not collide with it.
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		const started = Date.now();
		return await new Promise((resolvePromise, reject) => {
			const child = spawn(bin, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(
					new Error(
						`n8n ${args.join(' ')} timed out after ${options.timeoutMs} ms\n${stdout}\n${stderr}`,
					),
				);
			}, options.timeoutMs ?? 180_000);
			child.on('error', reject);
			child.on('close', (code) => {
				clearTimeout(timer);
				resolvePromise({ code, stdout, stderr, ms: Date.now() - started });
			});
		});
	}

	/** Runs a command that must succeed; the error shows n8n's own output. */
	async runOk(args: string[]): Promise<CliResult> {
		const result = await this.run(args);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`,
			);
		}
		return result;
	}
}

/** Activation from the CLI (before `n8n start`): 2.x publishes a version, 1.x sets active. */
export async function activateWorkflow(cli: N8nCli, id: string): Promise<void> {
	if (cli.install.major === 2) await cli.runOk(['publish:workflow', `--id=${id}`]);
	else await cli.runOk(['update:workflow', `--id=${id}`, '--active=true']);
}
