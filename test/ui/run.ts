/**
 * `npm run test:ui` (through scripts/ui/run.sh): the package in real n8n, clicked through in
 * Debian's Chromium. For each n8n version: a sandbox + n8n (test/ui/lib/stack.ts), the
 * scenarios, a summary; exit code 1 when any scenario failed. Screenshots of every step and, for
 * a failure, what was on screen go to test/ui/artifacts/n8n-<major>/.
 *
 * UI_VERSIONS=2,1 (default) picks the versions. UI_ATTACH=<file.json> reuses a running n8n
 * ({ url, sandbox, key, owner }) instead of starting one, and UI_ONLY=<regex> runs only the
 * scenarios whose name matches (after "log in"), for writing scenarios.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

import { OWNER } from '../e2e/lib/n8nServer';
import type { N8nMajor } from '../e2e/lib/n8nVersions';
import { runScenarios, type ScenarioResult } from './lib/harness';
import { startUiStack } from './lib/stack';
import { scenarios as allScenarios, type UiTarget } from './scenarios';

export const ARTIFACTS = resolve(__dirname, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function scenarios(target: UiTarget) {
	const only = process.env.UI_ONLY ? new RegExp(process.env.UI_ONLY, 'i') : undefined;
	return allScenarios(target).filter(
		(scenario, index) => !only || index === 0 || only.test(scenario.name),
	);
}

function versions(): N8nMajor[] {
	return (process.env.UI_VERSIONS ?? '2,1').split(',').map((raw) => {
		const major = Number(raw.trim());
		if (major !== 1 && major !== 2) throw new Error(`UI_VERSIONS: unknown n8n major "${raw}"`);
		return major;
	});
}

async function main(): Promise<void> {
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox'],
	});
	const summary: string[] = [];
	let failed = false;
	try {
		for (const major of versions()) {
			const started = Date.now();
			const dir = join(ARTIFACTS, `n8n-${major}`);
			rmSync(dir, { recursive: true, force: true });
			let results: ScenarioResult[];
			const attach = process.env.UI_ATTACH;
			if (attach) {
				const running = JSON.parse(readFileSync(attach, 'utf8'));
				const target: UiTarget = {
					major,
					baseUrl: running.url,
					sandbox: { apiUrl: running.sandbox, apiKey: running.key },
					owner: OWNER,
				};
				results = await runScenarios(browser, scenarios(target), dir, { prefix: `n8n ${major}` });
			} else {
				console.log(`[ui] n8n ${major}.x: starting the sandbox and n8n...`);
				const stack = await startUiStack(major);
				try {
					const target: UiTarget = {
						major,
						baseUrl: stack.server.url,
						sandbox: { apiUrl: stack.env.sandbox.apiUrl, apiKey: stack.env.sandbox.apiKey },
						owner: OWNER,
					};
					results = await runScenarios(browser, scenarios(target), dir, {
						prefix: `n8n ${stack.env.cli.install.version}`,
					});
				} finally {
					await stack.stop();
				}
			}
			const bad = results.filter((result) => !result.ok);
			failed ||= bad.length > 0;
			summary.push(
				`n8n ${major}.x: ${results.length - bad.length}/${results.length} scenarios passed in ${Math.round((Date.now() - started) / 1000)} s` +
					bad.map((result) => `\n  FAILED ${result.name}`).join(''),
			);
		}
	} finally {
		await browser.close();
	}
	for (const line of summary) console.log(`[ui] ${line}`);
	console.log(`[ui] screenshots: ${ARTIFACTS}`);
	process.exit(failed ? 1 : 0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
