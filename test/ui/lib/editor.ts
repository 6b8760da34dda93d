/**
 * What a person does in n8n's editor, as Playwright steps. Selectors are n8n's own
 * `data-test-id` attributes (stable across its releases) and visible text; every step waits for
 * a specific element rather than for time, because the editor loads lazily.
 */
import { expect } from './expect';
import type { Locator, Page } from 'playwright-core';

export const testId = (id: string) => `[data-test-id="${id}"]`;

export async function logIn(page: Page, baseUrl: string, email: string, password: string) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator(`${testId('emailOrLdapLoginId')} input`).fill(email);
	await page.locator(`${testId('password')} input`).fill(password);
	await page.locator(testId('form-submit-button')).click();
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 60_000 });
}

async function openNodePanel(page: Page, opener: string) {
	await page.locator(testId(opener)).click();
	await page.locator(testId('node-creator-search-bar')).waitFor();
}

/** A new, empty workflow with a Manual Trigger, so the node panel offers action nodes. */
export async function newWorkflow(page: Page, baseUrl: string) {
	await page.goto(`${baseUrl}/workflow/new`);
	await openNodePanel(page, 'canvas-plus-button');
	await page.keyboard.type('manual');
	await page
		.locator(testId('node-creator-item-name'), { hasText: /manual/i })
		.first()
		.waitFor();
	await page.keyboard.press('Enter');
	await page.locator(testId('canvas-node')).first().waitFor();
	// Adding a trigger may open its settings; back to the canvas.
	if (await page.locator(testId('ndv')).isVisible()) await closeNodeSettings(page);
}

/** The node panel searched for "Insightly": the items it lists (names). */
export async function searchNodePanel(page: Page, term: string): Promise<Locator> {
	await openNodePanel(page, 'node-creator-plus-button');
	await page.keyboard.type(term);
	const items = page.locator(testId('node-creator-item-name'));
	// The panel lists its categories until the search has run.
	await items
		.filter({ hasText: new RegExp(term, 'i') })
		.first()
		.waitFor();
	return items;
}

/** Node panel → "Insightly" → one of its actions ("Create a contact"); opens the node's settings. */
export async function addInsightlyAction(page: Page, action: string) {
	const items = await searchNodePanel(page, 'Insightly');
	await items
		.filter({ hasText: /^\s*Insightly\s*$/ })
		.first()
		.click();
	await page
		// "Create a contact" matches "Create a contact" and longer wordings of it.
		.locator(testId('node-creator-item-name'), { hasText: new RegExp(`^\\s*${action}\\b`) })
		.first()
		.click();
	await page.locator(testId('ndv')).waitFor();
}

export async function closeNodeSettings(page: Page) {
	await page.locator(testId('ndv-close-button')).click();
	await page.locator(testId('ndv')).waitFor({ state: 'hidden' });
}

/** The parameter input of `name` in the open node settings. */
export function parameter(page: Page, name: string): Locator {
	return page.locator(testId(`parameter-input-${name}`)).first();
}

/** The options of the dropdown that is open now (n8n renders them in a popper). */
function openDropdownItems(page: Page): Locator {
	return page.locator('.el-select-dropdown__item:visible');
}

/**
 * Closes and reopens the open node's settings. n8n asks for a new node's dropdown options before
 * it has assigned the node its credential ("Node does not have any credentials set", shown as
 * "Error fetching options"); reopening the node asks again, as a person would.
 */
export async function reopenNode(page: Page) {
	const title = (await page.locator(testId('node-title-container')).first().innerText()).trim();
	await closeNodeSettings(page);
	await page.locator(testId('canvas-node'), { hasText: title }).first().dblclick();
	await page.locator(testId('ndv')).waitFor();
}

/**
 * Opens a dropdown parameter and returns the texts of its options once they have loaded (n8n
 * shows "Loading options..." first). The dropdown is left open: the caller may screenshot it.
 */
export async function openDropdown(page: Page, target: Locator): Promise<string[]> {
	// A dropdown fed by the API says "Loading options..." (its input's placeholder) until its
	// request answered; a click before then opens nothing.
	const state = async () => {
		const input = target.locator('input').first();
		const shown = [
			await target.innerText(),
			(await input.getAttribute('placeholder').catch(() => '')) ?? '',
			await input.inputValue().catch(() => ''),
		].join(' ');
		return shown;
	};
	const loaded = async () =>
		await expect(
			'the dropdown to finish loading',
			async () => (/Loading options/i.test(await state()) ? undefined : true),
			30_000,
		);
	await loaded();
	if (/Error fetching options/i.test(await state())) {
		await reopenNode(page);
		await loaded();
	}
	const items = openDropdownItems(page);
	// Another dropdown still open (n8n 1.x keeps "Add Field" open after a choice) is closed first.
	if ((await items.count()) > 0) {
		await page.keyboard.press('Escape');
		await expect('the previous dropdown to close', async () =>
			(await items.count()) === 0 ? true : undefined,
		);
	}
	return await expect(
		'the dropdown to show options',
		async () => {
			if ((await items.count()) === 0) {
				await target.click();
				await items.first().waitFor({ timeout: 2_000 });
			}
			const texts = (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
			return texts.length > 0 && !texts.some((text) => /^Loading/i.test(text)) ? texts : undefined;
		},
		30_000,
	);
}

export async function chooseOpenDropdownOption(page: Page, text: string | RegExp) {
	await openDropdownItems(page).filter({ hasText: text }).first().click();
}

/** Sets an options parameter (Resource, Operation...) to the option with this text. */
export async function choose(page: Page, name: string, text: string | RegExp) {
	await openDropdown(page, parameter(page, name));
	await chooseOpenDropdownOption(page, text);
}

/**
 * "Add Field" of the first collection parameter (Additional Fields of a create, Update Fields of
 * an update), then the field with this label. The page structure around the button differs
 * between n8n 1.x and 2.x; its order does not.
 */
export async function addFirstCollectionField(page: Page, label: string | RegExp) {
	// 2.x marks the button; 1.x renders it as a select whose placeholder is "Add Field".
	const add = page
		.locator(testId('collection-parameter-add'))
		.or(page.locator('.collection-parameter .add-option .n8n-select'))
		.first();
	await openDropdown(page, add);
	await chooseOpenDropdownOption(page, label);
}

/**
 * Whether n8n's code editor of this parameter marks its content as invalid. Linting runs a
 * moment after the editor appears, so this watches for a while before saying no.
 */
export async function showsLintError(page: Page, name: string, watchMs = 2500): Promise<boolean> {
	const box = parameter(page, name);
	await box.locator('.cm-editor').waitFor();
	const marker = box.locator('.cm-lint-marker-error, .cm-lintRange-error');
	return await marker
		.first()
		.waitFor({ timeout: watchMs })
		.then(() => true)
		.catch(() => false);
}

/** Text of the whole node settings panel. */
export async function settingsText(page: Page): Promise<string> {
	return await page.locator(testId('ndv')).innerText();
}
