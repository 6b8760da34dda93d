/**
 * Installed the way users install it: Settings → Community Nodes → Install. The packed package
 * is published to a private registry on 127.0.0.1 and n8n installs, updates and uninstalls it
 * through the REST endpoint its Install, Update and Uninstall buttons call
 * (/rest/community-packages: POST, PATCH, DELETE), running npm against that registry
 * (N8N_COMMUNITY_PACKAGES_REGISTRY). Between the steps the nodes must appear, work (a webhook
 * workflow runs the Insightly node against the sandbox) and go.
 *
 * n8n accepts a registry other than npm's only with the licence feature
 * `feat:communityNodes:customRegistry`; the test switches it on with n8n's own end-to-end switch
 * (E2E_TESTS=true, PATCH /rest/e2e/feature), as n8n's own test suite does. Users installing from
 * npm need none of this, only N8N_UNVERIFIED_PACKAGES_ENABLED=true while the package is unverified.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { packageTarball } from './lib/environment';
import { N8nCli } from './lib/n8nCli';
import { N8nServer } from './lib/n8nServer';
import { currentMajor, findN8nInstall } from './lib/n8nVersions';
import { PACKAGE_NAME } from './lib/packageTarball';
import { bumpedTarball, LocalRegistry } from './lib/registry';
import { INSIGHTLY_NODE, INSIGHTLY_TRIGGER, INSIGHTLY_WEBHOOK_TRIGGER } from './lib/workflows';

const major = currentMajor();
const PACKAGE_NODE_TYPES = [INSIGHTLY_NODE, INSIGHTLY_TRIGGER, INSIGHTLY_WEBHOOK_TRIGGER].sort();
const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: Array<{ name: string; type: string; latestVersion: number }>;
}

/** n8n's REST answers are `{ data: ... }`. */
function dataOf<T>(answer: unknown): T {
	return (answer as { data: T }).data;
}

function versionOf(tarball: string): string {
	const manifest = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
		encoding: 'utf8',
	});
	return (JSON.parse(manifest) as { version: string }).version;
}

let registry: LocalRegistry;
let sandbox: RunningSandbox;
let server: N8nServer;
let workDir: string;
let userFolder: string;
let firstVersion: string;
let nextVersion: string;
let nextTarball: string;
const webhookPath = `insightly-community-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'insightly-community-'));
	const tarball = packageTarball();
	firstVersion = versionOf(tarball);
	({ tarball: nextTarball, version: nextVersion } = bumpedTarball(tarball, workDir));
	registry = await LocalRegistry.start();
	registry.publish(tarball);
	sandbox = await startSandbox({ seed: false });
	// Its own user folder: nothing installed beforehand (the other e2e files share another).
	userFolder = join(workDir, 'n8n-user');
	const cli = new N8nCli(findN8nInstall(major), userFolder);
	server = await N8nServer.start(cli, {
		logFile: join(workDir, 'n8n.log'),
		env: {
			E2E_TESTS: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
			// Every npm call n8n makes goes to the local registry (see LocalRegistry.npmShim).
			PATH: `${registry.npmShim()}:${cli.env().PATH}`,
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		},
	});
	await server.signIn();
	await server.rest('PATCH', '/rest/e2e/feature', {
		feature: CUSTOM_REGISTRY_FEATURE,
		enabled: true,
	});
}, 300_000);

afterAll(async () => {
	await server?.stop();
	await registry?.stop();
	await sandbox?.stop();
	if (workDir && !process.env.E2E_KEEP) rmSync(workDir, { recursive: true, force: true });
});

async function installedPackages(): Promise<InstalledPackage[]> {
	return dataOf<InstalledPackage[]>(await server.rest('GET', '/rest/community-packages'));
}

/** Whether n8n knows a node type (what the editor asks when it loads a node's description). */
async function knowsNodeType(name: string, version: number): Promise<boolean> {
	try {
		const answer = await server.rest('POST', '/rest/node-types', {
			nodeInfos: [{ name, version }],
		});
		const descriptions = dataOf<Array<{ name?: string } | null>>(answer) ?? [];
		// n8n answers with the description, whose name may lack the package prefix.
		const shortName = name.split('.').pop();
		return descriptions.some((d) => d?.name === name || d?.name === shortName);
	} catch {
		return false;
	}
}

function packageFolder(): string {
	return join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
}

/**
 * Runs the webhook workflow: Webhook → Insightly (current user), answered by the last node. n8n
 * registers a production webhook shortly after the activation call returns (a 404 "not
 * registered" meanwhile), so that answer is retried for a while.
 */
async function callWorkflow(): Promise<{ status: number; body: unknown }> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const response = await fetch(`${server.url}/webhook/${webhookPath}`);
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: keep the text for the failure message
		}
		const notYet = response.status === 404 && /not registered/.test(text);
		if (!notYet || Date.now() > deadline) return { status: response.status, body };
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
}

let workflowId = '';

describe(`n8n ${major}.x: the package installed, updated and uninstalled as users do it`, () => {
	it('starts with no community package and without the Insightly node types', async () => {
		expect(await installedPackages()).toEqual([]);
		// The probe itself works: a built-in type is known.
		expect(await knowsNodeType('n8n-nodes-base.webhook', 2)).toBe(true);
		expect(await knowsNodeType(INSIGHTLY_NODE, 1)).toBe(false);
		expect(await registry.versions(PACKAGE_NAME)).toEqual([firstVersion]);
	});

	it('Install (POST /rest/community-packages) fetches it from the registry and loads its nodes', async () => {
		const installed = dataOf<InstalledPackage>(
			await server.rest('POST', '/rest/community-packages', { name: PACKAGE_NAME }),
		);
		expect(installed.packageName).toBe(PACKAGE_NAME);
		expect(installed.installedVersion).toBe(firstVersion);
		expect(installed.installedNodes.map((node) => node.type).sort()).toEqual(PACKAGE_NODE_TYPES);

		const listed = await installedPackages();
		expect(listed.map((p) => [p.packageName, p.installedVersion])).toEqual([
			[PACKAGE_NAME, firstVersion],
		]);
		for (const type of PACKAGE_NODE_TYPES) expect(await knowsNodeType(type, 1)).toBe(true);
		// The peer dependency was not installed: the package uses n8n's own n8n-workflow.
		expect(existsSync(join(packageFolder(), 'package.json'))).toBe(true);
		expect(existsSync(join(packageFolder(), 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it('the installed node works: a webhook workflow reads the current user from the sandbox', async () => {
		const credential = dataOf<{ id: string; name: string }>(
			await server.rest('POST', '/rest/credentials', {
				name: 'Insightly sandbox',
				type: 'insightlyApi',
				data: {
					apiKey: sandbox.apiKey,
					apiUrl: sandbox.apiUrl,
					plan: 'professional',
					maxRequestsPerSecond: 10,
					allowLocalhost: true,
				},
			}),
		);
		const workflow = dataOf<{ id: string; versionId: string }>(
			await server.rest('POST', '/rest/workflows', {
				name: 'Community install: current user',
				active: false,
				nodes: [
					{
						id: randomUUID(),
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: randomUUID(),
						parameters: { httpMethod: 'GET', path: webhookPath, responseMode: 'lastNode' },
					},
					{
						id: randomUUID(),
						name: 'Current User',
						type: INSIGHTLY_NODE,
						typeVersion: 1,
						position: [220, 0],
						parameters: { resource: 'user', operation: 'getCurrent' },
						credentials: { insightlyApi: { id: credential.id, name: credential.name } },
					},
				],
				connections: {
					Webhook: { main: [[{ node: 'Current User', type: 'main', index: 0 }]] },
				},
				settings: { executionOrder: 'v1' },
			}),
		);
		workflowId = workflow.id;
		await server.rest('POST', `/rest/workflows/${workflow.id}/activate`, {
			versionId: workflow.versionId,
		});
		sandbox.clearLog();
		const { status, body } = await callWorkflow();
		expect({ status, body }).toMatchObject({ status: 200, body: { USER_ID: expect.any(Number) } });
		// The answer came from the sandbox, through the installed node.
		expect(sandbox.log().map((entry) => `${entry.method} ${entry.path}`)).toContain(
			'GET /v3.1/Users/Me',
		);
	});

	it('Update (PATCH /rest/community-packages) moves to the newer version from the registry', async () => {
		registry.publish(nextTarball);
		expect((await registry.versions(PACKAGE_NAME)).sort()).toEqual(
			[firstVersion, nextVersion].sort(),
		);
		const updated = dataOf<InstalledPackage>(
			await server.rest('PATCH', '/rest/community-packages', { name: PACKAGE_NAME }),
		);
		expect(updated.installedVersion).toBe(nextVersion);
		expect(updated.installedNodes.map((node) => node.type).sort()).toEqual(PACKAGE_NODE_TYPES);
		const listed = await installedPackages();
		expect(listed.map((p) => [p.packageName, p.installedVersion])).toEqual([
			[PACKAGE_NAME, nextVersion],
		]);
		for (const type of PACKAGE_NODE_TYPES) expect(await knowsNodeType(type, 1)).toBe(true);
		// The active workflow keeps working on the updated nodes.
		const { status, body } = await callWorkflow();
		expect({ status, body }).toMatchObject({ status: 200, body: { USER_ID: expect.any(Number) } });
	});

	it('Uninstall (DELETE /rest/community-packages) removes the package and its node types', async () => {
		if (workflowId) await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {});
		await server.rest('DELETE', `/rest/community-packages?name=${PACKAGE_NAME}`);
		expect(await installedPackages()).toEqual([]);
		for (const type of PACKAGE_NODE_TYPES) expect(await knowsNodeType(type, 1)).toBe(false);
		expect(await knowsNodeType('n8n-nodes-base.webhook', 2)).toBe(true);
		expect(existsSync(packageFolder())).toBe(false);
	});
});
