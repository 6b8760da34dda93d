/**
 * What the editor tests click on: a seeded Insightly sandbox and one real n8n (2.x or 1.x) with
 * the packed package, the "Insightly sandbox" credential, the example workflows of `npm start`
 * and the owner account, all on free ports. Same building blocks as `npm start` and test/e2e.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { E2eEnvironment } from '../../e2e/lib/environment';
import { activateWorkflow } from '../../e2e/lib/n8nCli';
import { N8nServer } from '../../e2e/lib/n8nServer';
import type { N8nMajor } from '../../e2e/lib/n8nVersions';
import { ACTIVE_DEMO_WORKFLOWS, DEMO_WORKFLOWS } from '../../../scripts/demo/workflows';

export interface UiStack {
	env: E2eEnvironment;
	server: N8nServer;
	stop(): Promise<void>;
}

export async function startUiStack(
	major: N8nMajor,
	{ records = 300 }: { records?: number } = {},
): Promise<UiStack> {
	// Only the working credential: a new node pre-selects its type's first credential.
	const env = await E2eEnvironment.start(
		major,
		{ seed: { records } },
		{ onlyWorkingCredential: true },
	);
	let server: N8nServer | undefined;
	try {
		await env.importWorkflows(DEMO_WORKFLOWS);
		for (const workflow of ACTIVE_DEMO_WORKFLOWS) await activateWorkflow(env.cli, workflow.id);
		server = await N8nServer.start(env.cli, { logFile: join(env.userFolder, 'n8n.log') });
		await server.signIn();
	} catch (error) {
		await server?.stop();
		await env.stop();
		throw error;
	}
	const running = server;
	return {
		env,
		server: running,
		async stop() {
			await running.stop();
			await env.stop();
			if (!process.env.E2E_RUN_DIR) rmSync(env.userFolder, { recursive: true, force: true });
		},
	};
}
