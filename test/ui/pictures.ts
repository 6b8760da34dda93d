/**
 * `npm run screenshots`: the README pictures, taken from the last `test:ui` run on n8n 2.x
 * (test/ui/artifacts/n8n-2) and written to docs/images/ at 960 px wide, so each stays small.
 * Downscaled in the same Chromium, on a canvas: no image library needed.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

const SOURCE = resolve(__dirname, 'artifacts', 'n8n-2');
const TARGET = resolve(__dirname, '..', '..', 'docs', 'images');
const WIDTH = 960;

/** Screenshot name (without its NN- prefix) → picture in docs/images. */
export const PICTURES: Record<string, string> = {
	'node-panel-actions': 'node-panel.png',
	'owner-dropdown': 'owner-dropdown.png',
	'custom-field-picklist': 'custom-field-picklist.png',
	'custom-fields': 'custom-fields.png',
	'record-picker': 'record-picker.png',
	'pipeline-stages': 'pipeline-stages.png',
	'state-reason': 'state-reason.png',
	'of-record-picker': 'of-record-picker.png',
	'trigger-settings': 'trigger-settings.png',
	'trigger-test-event': 'trigger-test-event.png',
	'contact-sync-run': 'contact-sync-run.png',
	'contact-sync-output': 'contact-sync-output.png',
	'credential-tested': 'credential-tested.png',
	'credential-wrong-key': 'credential-wrong-key.png',
};

async function main(): Promise<void> {
	const shots = readdirSync(SOURCE).filter((file) => /^\d+-.*\.png$/.test(file));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox'],
	});
	const page = await browser.newPage();
	const missing: string[] = [];
	for (const [shot, picture] of Object.entries(PICTURES)) {
		const file = shots.find((name) => name.replace(/^\d+-/, '') === `${shot}.png`);
		if (!file) {
			missing.push(shot);
			continue;
		}
		const dataUrl = `data:image/png;base64,${readFileSync(join(SOURCE, file)).toString('base64')}`;
		// Runs in the page (DOM types are not part of this project's TypeScript setup).
		const scaled = (await page.evaluate(`(async () => {
			const image = new Image();
			image.src = ${JSON.stringify(dataUrl)};
			await image.decode();
			const canvas = document.createElement('canvas');
			canvas.width = ${WIDTH};
			canvas.height = Math.round((image.height * ${WIDTH}) / image.width);
			const context = canvas.getContext('2d');
			context.imageSmoothingQuality = 'high';
			context.drawImage(image, 0, 0, canvas.width, canvas.height);
			return canvas.toDataURL('image/png');
		})()`)) as string;
		const out = join(TARGET, picture);
		writeFileSync(out, Buffer.from(scaled.split(',')[1], 'base64'));
		console.log(`[pictures] ${picture}: ${Math.round(statSync(out).size / 1024)} KB`);
	}
	await browser.close();
	if (missing.length) {
		console.error(
			`[pictures] no screenshot for: ${missing.join(', ')} (run npm run test:ui first)`,
		);
		process.exit(1);
	}
}

void main();
