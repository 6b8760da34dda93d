/**
 * `n8n start` as a user runs it: waits for it to answer, sets up the owner (a fresh n8n wants
 * one) or logs in, and talks to its REST API with the session cookie.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

import type { N8nCli } from './n8nCli';
import { freePort, stopChild, waitFor } from './ports';

export const OWNER = {
	email: 'owner@insightly-e2e.example',
	firstName: 'Insightly',
	lastName: 'Tester',
	password: 'E2e-password-1',
};
/** n8n ties the session cookie to a browser id sent as a header. */
const BROWSER_ID = 'insightly-e2e-browser';

export class N8nServer {
	private cookie = '';
	private output = '';

	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {
		const keep = (chunk: Buffer) => {
			this.output = (this.output + chunk.toString()).slice(-200_000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
	}

	/** Starts n8n and resolves once its HTTP server answers. */
	static async start(
		cli: N8nCli,
		options: { port?: number; env?: Record<string, string>; logFile?: string } = {},
	): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		const [bin, args] = cli.command(['start']);
		const env = cli.env({
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			...options.env,
		});
		const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		if (options.logFile) {
			const file = createWriteStream(options.logFile, { flags: 'a' });
			child.stdout.pipe(file);
			child.stderr.pipe(file);
		}
		const server = new N8nServer(child, `http://127.0.0.1:${port}`);
		let exited = false;
		child.once('exit', () => (exited = true));
		await waitFor(
			`n8n to answer on ${server.url}`,
			async () => {
				if (exited) throw new Error(`n8n exited during start-up:\n${server.output.slice(-5000)}`);
				const response = await fetch(`${server.url}/healthz/readiness`).catch(() => undefined);
				return response?.ok ? true : undefined;
			},
			180_000,
		);
		return server;
	}

	/** n8n's console output so far (the tail), for diagnostics. */
	log(): string {
		return this.output;
	}

	/** First start: POST /rest/owner/setup; later starts: log in. Either way keeps the cookie. */
	async signIn(): Promise<void> {
		// n8n 1.x answers /healthz/readiness before it serves its REST routes (a 404 for a while).
		const settings = (await waitFor(
			`n8n to serve /rest/settings on ${this.url}`,
			async () => await this.rest('GET', '/rest/settings').catch(() => undefined),
			60_000,
		)) as {
			data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
		};
		const needsOwner = settings.data?.userManagement?.showSetupOnFirstLoad !== false;
		if (needsOwner) await this.rest('POST', '/rest/owner/setup', OWNER);
		else
			await this.rest('POST', '/rest/login', {
				emailOrLdapLoginId: OWNER.email,
				email: OWNER.email,
				password: OWNER.password,
			});
	}

	async rest(method: string, path: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie?.match(/n8n-auth=[^;]+/)?.[0];
		if (auth) this.cookie = auth;
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	/** SIGTERM, as Ctrl-C would; n8n shuts down gracefully (and persists trigger state). */
	async stop(timeoutMs = 60_000): Promise<void> {
		await stopChild(this.child, { timeoutMs });
	}
}
