/**
 * `npm start`: a ready-to-click n8n with the package, against the local Insightly sandbox.
 *
 * Builds and packs the package, starts the sandbox (seeded, on 127.0.0.1:8787), installs the
 * tarball into a fresh n8n user folder as a community package, imports a credential for the
 * sandbox and the example workflows, publishes the new-lead trigger, starts n8n, creates the
 * owner account and prints where to log in. Ctrl-C stops n8n and the sandbox and removes the
 * temporary user folder.
 *
 * Options: --port N (n8n, default 5678), --sandbox-port N (default 8787), --n8n 2|1 (default 2),
 * --records N (sandbox seed size, default 300).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { E2eEnvironment } from '../../test/e2e/lib/environment';
import { activateWorkflow } from '../../test/e2e/lib/n8nCli';
import { N8nServer, OWNER } from '../../test/e2e/lib/n8nServer';
import type { N8nMajor } from '../../test/e2e/lib/n8nVersions';
import { REPO_ROOT } from '../../test/e2e/lib/packageTarball';
import { ACTIVE_DEMO_WORKFLOWS, DEMO_WORKFLOWS } from './workflows';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const step = (text: string) =>
	console.log(`\u001b[2m[start ${new Date().toISOString().slice(11, 19)}]\u001b[0m ${text}`);

async function main(): Promise<void> {
	const major = Number(option('n8n', '2')) as N8nMajor;
	const port = Number(option('port', '5678'));
	const sandboxPort = Number(option('sandbox-port', '8787'));
	const records = Number(option('records', '300'));

	step(
		`Installing n8n ${major}.x into the cache if needed (the first time takes several minutes)...`,
	);
	execFileSync('bash', [join(REPO_ROOT, 'scripts', 'e2e', 'install-n8n.sh'), String(major)], {
		stdio: 'inherit',
	});

	step(
		'Building and packing the package, starting the sandbox, importing credential and workflows...',
	);
	const env = await E2eEnvironment.start(
		major,
		{ port: sandboxPort, seed: { records } },
		{ onlyWorkingCredential: true },
	);
	let server: N8nServer | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		step('Stopping n8n and the sandbox...');
		await server?.stop();
		await env.stop();
		rmSync(env.userFolder, { recursive: true, force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		await env.importWorkflows(DEMO_WORKFLOWS);
		for (const workflow of ACTIVE_DEMO_WORKFLOWS) await activateWorkflow(env.cli, workflow.id);
		const logFile = join(env.userFolder, 'n8n.log');
		step(`Starting n8n ${env.cli.install.version} (log: ${logFile})...`);
		server = await N8nServer.start(env.cli, { port, logFile });
		await server.signIn();
		const url = `http://localhost:${port}`;
		console.log(`
  n8n ${env.cli.install.version} is ready with n8n-nodes-insightly installed.

    Open      ${url}
    Log in    ${OWNER.email}  /  ${OWNER.password}

  Credential "Insightly sandbox" points at the local Insightly sandbox:
    API URL   ${env.sandbox.apiUrl}   (allow localhost: on)
    API key   ${env.sandbox.apiKey}
    Admin     ${env.sandbox.adminUrl}   (reset, seed, clock, faults, request log)

  Example workflows: ${DEMO_WORKFLOWS.map((w) => `"${w.name}"`).join(', ')}.
  "${ACTIVE_DEMO_WORKFLOWS.map((w) => w.name).join('", "')}" is published and polls every minute.

  Press Ctrl-C to stop n8n and the sandbox.
`);
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		await stop(1);
	}
}

void main();
