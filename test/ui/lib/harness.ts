/**
 * A small runner for browser scenarios: each one gets the page, its screenshots are numbered
 * artefacts, and a failure keeps what was on screen (screenshot + page HTML) before the next
 * scenario starts from a fresh page. Plain code rather than jest: one browser, one n8n, steps in
 * order, and a summary a person can read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

export interface ScenarioContext {
	page: Page;
	/** Saves a screenshot of the page as an artefact, `NN-name.png`; returns its path. */
	shot(name: string): Promise<string>;
	log(text: string): void;
}

export interface Scenario {
	name: string;
	run(context: ScenarioContext): Promise<void>;
}

export interface ScenarioResult {
	name: string;
	ok: boolean;
	ms: number;
	error?: string;
}

const VIEWPORT = { width: 1280, height: 800 };

function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/**
 * Waits (briefly) for the page's finite animations to end: a dropdown that is still fading in
 * would be a pale picture. Endless ones (spinners) are not waited for.
 */
async function settled(page: Page) {
	await page
		.waitForFunction(
			`document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity)`,
			undefined,
			{ timeout: 2_000, polling: 100 },
		)
		.catch(() => undefined);
}

export async function runScenarios(
	browser: Browser,
	scenarios: Scenario[],
	artifactDir: string,
	{ prefix }: { prefix: string },
): Promise<ScenarioResult[]> {
	mkdirSync(artifactDir, { recursive: true });
	const results: ScenarioResult[] = [];
	let counter = 0;
	// One browser context for all scenarios: the login of the first one carries over.
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
	context.setDefaultTimeout(30_000);
	for (const scenario of scenarios) {
		const page = await context.newPage();
		const started = Date.now();
		const log = (text: string) => console.log(`[ui ${prefix}] ${scenario.name}: ${text}`);
		const shot = async (name: string) => {
			counter += 1;
			const file = join(artifactDir, `${String(counter).padStart(2, '0')}-${slug(name)}.png`);
			await settled(page);
			await page.screenshot({ path: file });
			return file;
		};
		try {
			await scenario.run({ page, shot, log });
			results.push({ name: scenario.name, ok: true, ms: Date.now() - started });
			console.log(`[ui ${prefix}] PASS ${scenario.name} (${Date.now() - started} ms)`);
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			const base = join(artifactDir, `FAILED-${slug(scenario.name)}`);
			await page.screenshot({ path: `${base}.png` }).catch(() => undefined);
			writeFileSync(`${base}.html`, await page.content().catch(() => ''));
			writeFileSync(`${base}.txt`, message);
			results.push({ name: scenario.name, ok: false, ms: Date.now() - started, error: message });
			console.log(`[ui ${prefix}] FAIL ${scenario.name}: ${message.split('\n')[0]}`);
			console.log(`[ui ${prefix}]      what was on screen: ${base}.png (.html, .txt)`);
		}
		await page.close();
	}
	await context.close();
	return results;
}
