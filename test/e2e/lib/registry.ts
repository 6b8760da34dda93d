/**
 * A private npm registry (verdaccio, installed outside the tree by
 * scripts/e2e/install-registry.sh) on 127.0.0.1, for n8n's community-package installer to
 * install from, as it does from npm when a user clicks Install. It has no uplink: anything not
 * published to it (such as the n8n-workflow peer) is a 404, never a download from elsewhere.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort, stopChild, waitFor } from './ports';

const INSTALL_SCRIPT = resolve(
	__dirname,
	'..',
	'..',
	'..',
	'scripts',
	'e2e',
	'install-registry.sh',
);

/** The verdaccio entry point; installs it into the e2e cache on first use. */
function verdaccioBin(): string {
	return execFileSync('bash', [INSTALL_SCRIPT], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
}

export class LocalRegistry {
	private output = '';

	private constructor(
		private readonly child: ChildProcess,
		private readonly dir: string,
		/** e.g. http://127.0.0.1:40123 (no trailing slash, as n8n's default registry is written) */
		readonly url: string,
		private readonly npmrc: string,
	) {
		const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
	}

	/** Starts an empty registry and a publishing user; resolves once it answers. */
	static async start(): Promise<LocalRegistry> {
		const bin = verdaccioBin();
		const dir = mkdtempSync(join(tmpdir(), 'insightly-registry-'));
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		mkdirSync(join(dir, 'storage'));
		// No uplinks: the registry serves only what the test publishes.
		writeFileSync(
			join(dir, 'config.yaml'),
			[
				`storage: ${join(dir, 'storage')}`,
				'auth:',
				'  htpasswd:',
				`    file: ${join(dir, 'htpasswd')}`,
				'    max_users: 1',
				'uplinks: {}',
				'packages:',
				"  '**':",
				'    access: $all',
				'    publish: $authenticated',
				'    unpublish: $authenticated',
				'log: { type: stdout, format: pretty, level: warn }',
				'',
			].join('\n'),
		);
		const child = spawn(
			process.execPath,
			[bin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
			{
				cwd: dir,
				stdio: ['ignore', 'pipe', 'pipe'],
				env: { ...process.env, NODE_ENV: 'production' },
			},
		);
		let exited = false;
		child.once('exit', () => (exited = true));
		await waitFor(
			`verdaccio to answer on ${url}`,
			async () => {
				if (exited) throw new Error('verdaccio exited during start-up');
				const response = await fetch(`${url}/-/ping`).catch(() => undefined);
				return response?.ok ? true : undefined;
			},
			60_000,
			250,
		);
		// npm's `adduser` over HTTP: the answer carries the token npm publishes with.
		const response = await fetch(`${url}/-/user/org.couchdb.user:e2e`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'e2e', password: 'e2e-registry-password' }),
		});
		const { token } = (await response.json()) as { token?: string };
		if (!response.ok || !token) throw new Error(`verdaccio refused the user (${response.status})`);
		const npmrc = join(dir, 'npmrc');
		const hostPath = url.replace(/^http:/, '');
		writeFileSync(npmrc, `registry=${url}/\n${hostPath}/:_authToken=${token}\n`);
		return new LocalRegistry(child, dir, url, npmrc);
	}

	/**
	 * A folder to put first on n8n's PATH: its `npm` runs the real one with this registry as npm's
	 * own setting. n8n names the registry (--registry) when it installs and updates, but not for
	 * the `npm outdated` its package list runs, and n8n 1.x runs that with an environment cut down
	 * to PATH and NODE_PATH, so neither a variable nor a user npmrc reaches it. Like a machine
	 * whose npm is set up for a private registry, this keeps every npm call n8n makes local.
	 */
	npmShim(): string {
		const realNpm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
		const folder = join(this.dir, 'npm-shim');
		mkdirSync(folder, { recursive: true });
		const shim = join(folder, 'npm');
		writeFileSync(shim, `#!/bin/sh\nnpm_config_registry='${this.url}/' exec '${realNpm}' "$@"\n`);
		chmodSync(shim, 0o755);
		return folder;
	}

	/** `npm publish <tarball>` to this registry (the version becomes `latest`). */
	publish(tarball: string): void {
		execFileSync(
			'npm',
			[
				'publish',
				tarball,
				'--registry',
				`${this.url}/`,
				'--userconfig',
				this.npmrc,
				'--loglevel=error',
			],
			{ cwd: this.dir, stdio: ['ignore', 'ignore', 'inherit'] },
		);
	}

	/** Versions the registry has of a package, from its packument (what n8n's installer reads). */
	async versions(name: string): Promise<string[]> {
		const response = await fetch(`${this.url}/${name}`);
		if (response.status === 404) return [];
		const packument = (await response.json()) as { versions?: Record<string, unknown> };
		return Object.keys(packument.versions ?? {});
	}

	log(): string {
		return this.output;
	}

	async stop(): Promise<void> {
		await stopChild(this.child);
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/**
 * The same package with the patch version bumped: unpacked into a temporary copy, `npm version
 * patch --no-git-tag-version`, packed again. Returns the new tarball and its version.
 */
export function bumpedTarball(
	tarball: string,
	outDir: string,
): { tarball: string; version: string } {
	const copy = mkdtempSync(join(outDir, 'bump-'));
	execFileSync('tar', ['-xzf', tarball, '-C', copy, '--strip-components=1']);
	execFileSync('npm', ['version', 'patch', '--no-git-tag-version', '--loglevel=error'], {
		cwd: copy,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const { version } = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as {
		version: string;
	};
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: copy,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename }] = JSON.parse(out) as Array<{ filename: string }>;
	return { tarball: join(outDir, filename), version };
}
