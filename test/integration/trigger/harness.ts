/**
 * Runs the Insightly Trigger against the sandbox the way n8n runs an active trigger: poll()
 * through n8n-core's real PollContext (test/helpers/n8n.ts), static data persisted only when a
 * poll returns items, restarts from what was persisted. n8n's own clock (transport/clock.ts)
 * follows the sandbox's frozen virtual clock, and the request layer's waits move it instead of
 * sleeping, so a simulated day takes seconds.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { createPollRunner, type PollRunner } from '../../helpers/n8n';
import { InsightlyTrigger } from '../../../nodes/Insightly/InsightlyTrigger.node';
import { clock } from '../../../nodes/Insightly/transport';

export const START = '2025-03-10T09:00:00Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface TriggerOptions {
	parameters: INodeParameters;
	sandbox?: SandboxOptions;
	/** Credential fields besides key and URL (e.g. plan). */
	credential?: IDataObject;
	timezone?: string;
}

export interface TriggerRig {
	sandbox: Sandbox;
	runner: PollRunner;
	/** One scheduled poll; the items it returned (empty for null). */
	poll(): Promise<IDataObject[]>;
	/** n8n restarts: a new runner from the persisted static data. */
	restart(): void;
	/** "Fetch Test Event" in the editor with the same parameters and the same persisted data. */
	fetchTestEvent(): Promise<IDataObject[] | null>;
	advance(ms: number): void;
	/** API requests the sandbox received since the rig started (or the last clearLog). */
	requests(): number;
	stop(): Promise<void>;
}

export async function triggerRig(options: TriggerOptions): Promise<TriggerRig> {
	const sandbox = await startSandbox({
		perSecondLimit: false,
		seed: false,
		startTime: START,
		...options.sandbox,
	});
	sandbox.clock.freeze();
	jest.spyOn(clock, 'now').mockImplementation(() => sandbox.clock.now());
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => sandbox.clock.advance(ms));
	jest.spyOn(clock, 'random').mockReturnValue(0.5);
	const credentials = {
		insightlyApi: {
			apiKey: sandbox.apiKey,
			apiUrl: sandbox.apiUrl,
			allowLocalhost: true,
			...options.credential,
		},
	};
	const base = { parameters: options.parameters, credentials, timezone: options.timezone };
	let runner = createPollRunner(new InsightlyTrigger(), base);
	sandbox.clearLog();
	return {
		sandbox,
		get runner() {
			return runner;
		},
		async poll() {
			const result = await runner.poll();
			return result ? result[0].map((item) => item.json) : [];
		},
		restart() {
			runner = runner.restart();
		},
		async fetchTestEvent() {
			const manual = createPollRunner(new InsightlyTrigger(), {
				...base,
				mode: 'manual',
				staticData: runner.persistedStaticData,
			});
			const result = await manual.poll();
			return result ? result[0].map((item) => item.json) : null;
		},
		advance: (ms) => sandbox.clock.advance(ms),
		requests: () => sandbox.log().length,
		async stop() {
			jest.restoreAllMocks();
			await sandbox.stop();
		},
	};
}

export const contactParameters = (event: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	event,
	...extra,
});

/** Creates a contact through the sandbox (not logged as an API request). */
export function createContact(
	sandbox: Sandbox,
	firstName: string,
	extra: IDataObject = {},
): number {
	return sandbox.records.create('Contacts', { FIRST_NAME: firstName, LAST_NAME: 'Test', ...extra })
		.CONTACT_ID as number;
}

export function updateContact(
	sandbox: Sandbox,
	id: number,
	firstName: string,
	extra: IDataObject = {},
): void {
	sandbox.records.update('Contacts', { CONTACT_ID: id, FIRST_NAME: firstName, ...extra });
}

/** "id:FIRST_NAME" of emitted contacts: a version of a record, as the tests name changes. */
export const versions = (items: IDataObject[]): string[] =>
	items.map((item) => `${item.CONTACT_ID}:${item.FIRST_NAME}`);

export const sorted = (values: string[]): string[] => [...values].sort();
