/**
 * The editor scenarios: what a new user does with the package in n8n, each step asserted on
 * screen against what the sandbox holds.
 */
import {
	addFirstCollectionField,
	addInsightlyAction,
	chooseOpenDropdownOption,
	logIn,
	newWorkflow,
	openDropdown,
	parameter,
	searchNodePanel,
	settingsText,
	showsLintError,
	testId,
} from './lib/editor';
import { assert, assertIncludesAll, expect } from './lib/expect';
import type { Scenario } from './lib/harness';
import { sandboxGet, sandboxPost, type SandboxAccess } from './lib/sandboxData';
import { workflowId } from '../e2e/lib/workflows';

export interface UiTarget {
	major: 1 | 2;
	baseUrl: string;
	sandbox: SandboxAccess;
	owner: { email: string; password: string };
}

const userName = (user: Record<string, unknown>) =>
	`${String(user.FIRST_NAME ?? '')} ${String(user.LAST_NAME ?? '')}`.trim();

export function scenarios(target: UiTarget): Scenario[] {
	const { baseUrl, sandbox } = target;
	const logInStep: Scenario = {
		name: 'log in',
		async run({ page, shot }) {
			await logIn(page, baseUrl, target.owner.email, target.owner.password);
			await page
				.locator(testId('main-sidebar-settings'))
				.or(page.getByText('Overview'))
				.first()
				.waitFor();
			await shot('logged in');
		},
	};
	const nodePanel: Scenario = {
		name: 'node panel finds Insightly',
		async run({ page, shot }) {
			await newWorkflow(page, baseUrl);
			const items = await searchNodePanel(page, 'Insightly');
			const names = (await items.allInnerTexts()).map((text) => text.trim());
			assertIncludesAll(names, ['Insightly'], 'node panel search "Insightly"');
			await shot('node panel');
			await items
				.filter({ hasText: /^\s*Insightly\s*$/ })
				.first()
				.click();
			const actions = page.locator(testId('node-creator-item-name'));
			await actions.filter({ hasText: 'Create a contact' }).waitFor();
			assertIncludesAll(
				(await actions.allInnerTexts()).map((text) => text.trim()),
				['Create a contact', 'Get many contacts', 'Create or update a contact'],
				'Insightly actions',
			);
			await shot('node panel actions');
		},
	};
	const ownerDropdown: Scenario = {
		name: 'Contact → Create: fields and the Owner dropdown',
		async run({ page, shot }) {
			await newWorkflow(page, baseUrl);
			await addInsightlyAction(page, 'Create a contact');
			const text = await settingsText(page);
			for (const label of ['First Name', 'Additional Fields', 'Custom Fields', 'Fields (JSON)'])
				assert(text.includes(label), `Contact → Create shows no "${label}": ${text}`);
			// The JSON box comes after the typed fields and is not an error while empty.
			assert(
				text.indexOf('Fields (JSON)') > text.indexOf('Custom Fields'),
				'Fields (JSON) is above the typed fields',
			);
			assert(
				!(await showsLintError(page, 'jsonFields')),
				'the empty Fields (JSON) box shows an error marker',
			);
			await shot('contact create');
			await addFirstCollectionField(page, /^Owner/);
			const users = await sandboxGet(sandbox, '/Users');
			const shown = await openDropdown(page, parameter(page, 'OWNER_USER_ID'));
			assert(shown[0] === '- None -', `an optional Owner starts with "- None -", not ${shown[0]}`);
			assertIncludesAll(
				shown,
				users.filter((user) => user.ACTIVE !== false).map(userName),
				'Owner dropdown',
			);
			await shot('owner dropdown');
			await page.keyboard.press('Escape');
			assert(
				!(await settingsText(page)).includes('is not supported'),
				'an empty optional dropdown is shown as an error',
			);
			// n8n has no date-only picker: the hint under Date of Birth says the time is ignored.
			await addFirstCollectionField(page, /^\s*Date of Birth/);
			await expect('the date-only hint under Date of Birth', async () =>
				(await settingsText(page)).includes('Date only: the time of day is ignored')
					? true
					: undefined,
			);
		},
	};
	const ofRecord: Scenario = {
		name: 'Notes → Get Many: Of Record is a record type and a record picker',
		async run({ page, shot }) {
			await newWorkflow(page, baseUrl);
			await addInsightlyAction(page, 'Get many notes');
			await addFirstCollectionField(page, /^\s*Of Record\s*$/);
			await page.getByText('Choose Record').first().click();
			await parameter(page, 'recordType').waitFor();
			await page.locator(testId('rlc-input')).first().click();
			const items = page.locator(testId('rlc-item'));
			await items.first().waitFor();
			// Contact is the default type: every record offered is one of the sandbox's contacts.
			const contacts = await sandboxGet(sandbox, '/Contacts?top=500&brief=true');
			const names = new Set(contacts.map((contact) => userName(contact)));
			const shown = (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
			assert(shown.length > 0, 'the Of Record picker lists nothing');
			const strangers = shown
				.slice(0, 10)
				.filter((text) => ![...names].some((name) => text.startsWith(name)));
			assert(strangers.length === 0, `not contacts: ${JSON.stringify(strangers)}`);
			await shot('of record picker');
			await page.keyboard.press('Escape');
		},
	};
	const customFields: Scenario = {
		name: 'Custom Fields by label, with a picklist for dropdowns',
		async run({ page, shot }) {
			await newWorkflow(page, baseUrl);
			await addInsightlyAction(page, 'Create a contact');
			await page.locator(testId('fixed-collection-add')).first().click();
			const fields = await sandboxGet(sandbox, '/CustomFields/Contacts');
			const editable = fields.filter(
				(field) => field.EDITABLE !== false && field.FIELD_TYPE !== 'AUTONUMBER',
			);
			const locked = fields.filter((field) => field.EDITABLE === false);
			assert(
				editable.length > 0 && locked.length > 0,
				'the sandbox has editable and locked fields',
			);
			const shown = await openDropdown(page, parameter(page, 'fieldName'));
			assertIncludesAll(
				shown,
				editable.map((field) => String(field.FIELD_LABEL)),
				'Custom Fields',
			);
			for (const field of locked)
				assert(
					!shown.some((text) => text.startsWith(String(field.FIELD_LABEL))),
					`the read-only field "${String(field.FIELD_LABEL)}" is offered`,
				);
			// Options show their type under the label ("Tier__c · dropdown...").
			assert(
				shown.some((text) => /dropdown/.test(text)),
				`no readable types: ${shown.join(' | ')}`,
			);
			await shot('custom fields');
			const dropdown = editable.find((field) => field.FIELD_TYPE === 'DROPDOWN');
			assert(dropdown, 'the sandbox has a dropdown custom field');
			await chooseOpenDropdownOption(page, new RegExp(`^\\s*${String(dropdown.FIELD_LABEL)}`));
			const allowed = (dropdown.CUSTOM_FIELD_OPTIONS as Array<{ OPTION_VALUE: string }>).map(
				(option) => option.OPTION_VALUE,
			);
			const picklist = await openDropdown(page, parameter(page, 'choices'));
			assertIncludesAll(picklist, allowed, `${String(dropdown.FIELD_LABEL)} picklist`);
			await shot('custom field picklist');
			await page.keyboard.press('Escape');
		},
	};
	const recordPicker: Scenario = {
		name: 'Contact → Get: record picker From List and By URL',
		async run({ page, shot }) {
			// A contact created just now, after the seeded ones.
			const walker = await sandboxPost(sandbox, '/Contacts', {
				FIRST_NAME: 'Wanda',
				LAST_NAME: 'Walker',
				EMAIL_ADDRESS: 'wanda.walker@example.org',
			});
			// Insightly lists records in the order they were created: the new one is past the 100th.
			const contacts = await sandboxGet(sandbox, '/Contacts?top=500&brief=true');
			const position = contacts.findIndex((contact) => contact.CONTACT_ID === walker.CONTACT_ID);
			assert(position >= 100, `the new contact is record ${position + 1}, not past the 100th`);
			await newWorkflow(page, baseUrl);
			await addInsightlyAction(page, 'Get a contact');
			await page.locator(testId('rlc-input')).first().click();
			const items = page.locator(testId('rlc-item'));
			// n8n 1.x drops a term typed while the first page is still loading (no search is sent):
			// type once the list shows, as a person would.
			await items.first().waitFor();
			// 1.x marks the search input itself, 2.x its wrapper.
			await page
				.locator(`input${testId('rlc-search')}, ${testId('rlc-search')} input`)
				.first()
				.pressSequentially('Walker');
			// Only matches: the term was searched on the server, not found in the first page.
			const shown = await expect('the list to show only the matches of "Walker"', async () => {
				const texts = (await items.allInnerTexts()).map((text) => text.trim());
				return texts.length > 0 && texts.every((text) => text.includes('Walker'))
					? texts
					: undefined;
			});
			const text = shown.find((item) => item.startsWith('Wanda Walker')) ?? '';
			assert(
				text.includes('wanda.walker@example.org'),
				`the match shows no detail: ${shown.join(' | ')}`,
			);
			await shot('record picker');
			await page.keyboard.press('Escape');
			await page.locator(testId('rlc-mode-selector')).first().click();
			await chooseOpenDropdownOption(page, /By URL/i);
			const url = `https://crm.na1.insightly.com/details/contact/${String(walker.CONTACT_ID)}`;
			await page
				.locator(`${testId('rlc-input')} input, input${testId('rlc-input')}`)
				.first()
				.fill(url);
			await page.keyboard.press('Tab');
			const settings = await settingsText(page);
			assert(!/Not the URL/.test(settings), `a contact URL is refused: ${settings}`);
			await shot('record by url');
		},
	};
	const pipelineStages: Scenario = {
		name: 'Set Pipeline Stage lists stages under their pipeline',
		async run({ page, shot }) {
			const pipelines = await sandboxGet(sandbox, '/Pipelines');
			const forOpportunities = pipelines.filter((pipeline) => pipeline.FOR_OPPORTUNITIES !== false);
			const others = pipelines.filter((pipeline) => pipeline.FOR_OPPORTUNITIES === false);
			assert(
				forOpportunities.length > 0 && others.length > 0,
				'the sandbox has opportunity and other pipelines',
			);
			await newWorkflow(page, baseUrl);
			await addInsightlyAction(page, 'Set the pipeline stage of an opportunity');
			const stages = await openDropdown(page, parameter(page, 'stageId'));
			for (const pipeline of forOpportunities)
				assert(
					stages.some((stage) => stage.startsWith(`${String(pipeline.PIPELINE_NAME)} →`)),
					`no stage under "${String(pipeline.PIPELINE_NAME)}": ${stages.join(' | ')}`,
				);
			for (const pipeline of others)
				assert(
					!stages.some((stage) => stage.startsWith(`${String(pipeline.PIPELINE_NAME)} →`)),
					`stages of the non-opportunity pipeline "${String(pipeline.PIPELINE_NAME)}" offered`,
				);
			await shot('pipeline stages');
			await page.keyboard.press('Escape');
		},
	};
	const stateReason: Scenario = {
		name: 'Change State: the optional Reason is not an error',
		async run({ page, shot }) {
			await newWorkflow(page, baseUrl);
			await addInsightlyAction(page, 'Change the state of an opportunity');
			await parameter(page, 'stateReason').waitFor();
			await expect('the Reason dropdown to load', async () =>
				/Loading/.test(await parameter(page, 'stateReason').innerText()) ? undefined : true,
			);
			const text = await settingsText(page);
			assert(!text.includes('is not supported'), `an error on an empty optional dropdown: ${text}`);
			const reasons = await openDropdown(page, parameter(page, 'stateReason'));
			assert(reasons[0] === '- None -', `Reason starts with ${reasons[0]}`);
			await shot('state reason');
			await page.keyboard.press('Escape');
		},
	};
	const trigger: Scenario = {
		name: 'trigger: Fetch Test Event shows a record',
		async run({ page, shot }) {
			await page.goto(`${baseUrl}/workflow/${workflowId('demoNewLead')}`);
			await page.locator(testId('canvas-node'), { hasText: 'New Lead' }).first().dblclick();
			await page.locator(testId('ndv')).waitFor();
			await shot('trigger settings');
			const fetchButton = page.locator(testId('node-execute-button'));
			assert(/Fetch Test Event/i.test(await fetchButton.innerText()), 'no Fetch Test Event button');
			await fetchButton.click();
			const output = page.locator(testId('output-panel'));
			await expect('the trigger to output a lead', async () =>
				/LEAD_ID/.test(await output.innerText()) ? true : undefined,
			);
			await shot('trigger test event');
		},
	};
	const contactSync: Scenario = {
		name: 'run "Contact sync" from the canvas',
		async run({ page, shot }) {
			await page.goto(`${baseUrl}/workflow/${workflowId('demoContactSync')}`);
			const nodes = page.locator(testId('canvas-node'));
			await nodes.first().waitFor();
			await page.locator(testId('execute-workflow-button')).first().click();
			const insightlyNode = nodes.filter({ hasText: 'Create or Update Contact' });
			await expect(
				'"Create or Update Contact" to finish green with 3 items',
				async () => {
					const success = await insightlyNode.locator(testId('canvas-node-status-success')).count();
					return success > 0 ? true : undefined;
				},
				90_000,
			);
			await page
				.getByText(/executed successfully/i)
				.first()
				.waitFor();
			// The run button and the message animate in: a picture without half-drawn parts.
			await page.waitForTimeout(1000);
			await shot('contact sync run');
			await insightlyNode.first().dblclick();
			const output = page.locator(testId('output-panel'));
			await expect('the output of the Insightly node', async () =>
				/grace\.hopper@example\.org/i.test(await output.innerText()) ? true : undefined,
			);
			assert(/3 items/.test(await output.innerText()), 'the run did not output 3 items');
			await shot('contact sync output');
		},
	};
	const credential: Scenario = {
		name: 'credential: create, test, then a wrong key',
		async run({ page, shot }) {
			await newWorkflow(page, baseUrl);
			await addInsightlyAction(page, 'Create a contact');
			await page.locator(testId('node-credentials-select')).click();
			await page.locator(testId('node-credentials-select-item-new')).click();
			const modal = page.locator(testId('editCredential-modal'));
			await modal.waitFor();
			const fill = async (name: string, value: string) =>
				await modal
					.locator(`${testId(`parameter-input-${name}`)} input`)
					.first()
					.fill(value);
			await fill('apiKey', sandbox.apiKey);
			await fill('apiUrl', sandbox.apiUrl);
			// The sandbox listens on 127.0.0.1: the credential's own switch allows it.
			await modal.locator(`${testId('parameter-input-allowLocalhost')} .el-switch`).click();
			await modal.locator(testId('credential-save-button')).click();
			// n8n tests a credential when it is saved and closes the dialog when the test passed;
			// opened again, the dialog tests it once more and says so.
			await modal.waitFor({ state: 'hidden' });
			await page.locator(testId('credential-edit-button')).click();
			await modal.waitFor();
			await expect('"Connection tested successfully"', async () =>
				/Connection tested successfully/.test(await modal.innerText()) ? true : undefined,
			);
			await shot('credential tested');
			await fill('apiKey', 'not-the-right-key');
			await modal.locator(testId('credential-save-button')).click();
			// n8n says "Couldn't connect with these settings"; "More details" shows the node's reason.
			await modal.getByText('More details').click();
			await expect('the 401 message', async () =>
				/rejected the API key \(401\)/.test(await modal.innerText()) ? true : undefined,
			);
			const text = await modal.innerText();
			assert(!text.includes('not-the-right-key'), 'the key appears in the message');
			await shot('credential wrong key');
		},
	};
	// Issue #16's points (Owner and Reason "- None -", Custom Fields, record picker, pipeline
	// stages) on both majors; the rest of the walkthrough on 2.x, the version the README shows.
	const issue16 = [customFields, recordPicker, pipelineStages, stateReason];
	if (target.major === 1) return [logInStep, nodePanel, ownerDropdown, ...issue16];
	return [
		logInStep,
		nodePanel,
		ownerDropdown,
		...issue16,
		ofRecord,
		trigger,
		contactSync,
		// Last: the credential it creates would become the default of later new nodes.
		credential,
	];
}
