/**
 * One real n8n (one version, one user folder) with the packed package installed, next to an
 * in-process Insightly sandbox, with credentials and workflows imported through n8n's CLI.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox';
import { N8nCli } from './n8nCli';
import { findN8nInstall, type N8nMajor } from './n8nVersions';
import { buildAndPack, installIntoUserFolder } from './packageTarball';
import { RunResult, extractRunJson } from './runResult';
import type { WorkflowJson } from './workflows';

export interface CredentialRef {
	id: string;
	name: string;
}

/** The credentials every environment has, pointing at its sandbox. */
export const CREDENTIALS = {
	sandbox: { id: 'insightlyE2eGood', name: 'Insightly sandbox' },
	wrongKey: { id: 'insightlyE2eBadK', name: 'Insightly sandbox (wrong key)' },
} satisfies Record<string, CredentialRef>;

/**
 * The Insightly Webhook Trigger's Basic auth credential every environment has: the user name
 * and password a sandbox webhook must send (`auth` of its registration).
 */
export const WEBHOOK_AUTH = {
	ref: { id: 'insightlyE2eHook', name: 'Insightly webhook (Basic auth)' },
	user: 'insightly',
	password: 'e2e-webhook-password-0001',
} as const;

export function credentialsFor(ref: CredentialRef): Record<string, CredentialRef> {
	return { insightlyApi: ref };
}

let tarball: string | undefined;
/** The packed package: E2E_TARBALL when the runner script already packed it, else build + pack once. */
export function packageTarball(): string {
	tarball ??= process.env.E2E_TARBALL || buildAndPack();
	return tarball;
}

/**
 * The user folder of one version for this run. Test files of one run share it (E2E_RUN_DIR),
 * so the package is installed once per version; without E2E_RUN_DIR each file gets its own.
 */
function userFolderFor(major: N8nMajor): string {
	const runDir = process.env.E2E_RUN_DIR;
	const folder = runDir
		? join(runDir, `n8n-${major}`)
		: mkdtempSync(join(tmpdir(), `insightly-e2e-n8n${major}-`));
	mkdirSync(folder, { recursive: true });
	return folder;
}

export class E2eEnvironment {
	private constructor(
		readonly major: N8nMajor,
		readonly cli: N8nCli,
		readonly sandbox: RunningSandbox,
		readonly userFolder: string,
		private readonly workDir: string,
	) {}

	/**
	 * `onlyWorkingCredential`: import only the credential that works (`npm start`: n8n pre-selects
	 * a type's first credential for a new node, and a new user's first run must not fail).
	 * `n8nEnv`: variables every n8n process of this environment gets (queue mode: the database).
	 */
	static async start(
		major: N8nMajor,
		sandboxOptions: SandboxOptions = {},
		{
			onlyWorkingCredential = false,
			n8nEnv = {},
		}: { onlyWorkingCredential?: boolean; n8nEnv?: Record<string, string> } = {},
	): Promise<E2eEnvironment> {
		const install = findN8nInstall(major);
		const userFolder = userFolderFor(major);
		const marker = join(userFolder, '.package-installed');
		if (!existsSync(marker)) {
			installIntoUserFolder(packageTarball(), userFolder);
			writeFileSync(marker, packageTarball());
		}
		const sandbox = await startSandbox({ seed: false, ...sandboxOptions });
		const workDir = mkdtempSync(join(tmpdir(), 'insightly-e2e-work-'));
		const env = new E2eEnvironment(
			major,
			new N8nCli(install, userFolder, n8nEnv),
			sandbox,
			userFolder,
			workDir,
		);
		await env.importCredentials(onlyWorkingCredential);
		return env;
	}

	/** Credential data as the user would type it in, for this environment's sandbox. */
	credentialData(apiKey = this.sandbox.apiKey): Record<string, unknown> {
		return {
			apiKey,
			apiUrl: this.sandbox.apiUrl,
			plan: 'professional',
			maxRequestsPerSecond: 10,
			allowLocalhost: true,
		};
	}

	private async importCredentials(onlyWorkingCredential: boolean): Promise<void> {
		const file = join(this.workDir, 'credentials.json');
		const credentials = [
			{ ...CREDENTIALS.sandbox, type: 'insightlyApi', data: this.credentialData() },
			{
				...WEBHOOK_AUTH.ref,
				type: 'insightlyWebhookAuthApi',
				data: { user: WEBHOOK_AUTH.user, password: WEBHOOK_AUTH.password },
			},
			...(onlyWorkingCredential
				? []
				: [
						{
							...CREDENTIALS.wrongKey,
							type: 'insightlyApi',
							data: this.credentialData('not-the-sandbox-key'),
						},
					]),
		];
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.cli.runOk(['import:credentials', `--input=${file}`]);
	}

	/** Imports workflows in one n8n process (each n8n start costs seconds). */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const dir = mkdtempSync(join(this.workDir, 'workflows-'));
		for (const workflow of workflows)
			writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		await this.cli.runOk(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** `n8n execute --id`: one n8n process running the workflow to its end. */
	async execute(workflow: WorkflowJson | string): Promise<RunResult> {
		const id = typeof workflow === 'string' ? workflow : workflow.id;
		const result = await this.cli.run(['execute', `--id=${id}`, '--rawOutput']);
		const run = extractRunJson(result.stdout) ?? extractRunJson(result.stderr);
		return new RunResult(
			run,
			result.stdout,
			result.stderr,
			result.code,
			result.ms,
			this.userFolder,
		);
	}

	async stop(): Promise<void> {
		await this.sandbox.stop();
		rmSync(this.workDir, { recursive: true, force: true });
	}
}
