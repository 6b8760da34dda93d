/**
 * Runs the Insightly Trigger against the sandbox the way n8n runs an active trigger: poll()
 * through n8n-core's real PollContext (test/helpers/n8n.ts), static data persisted only when a
 * poll returns items, restarts from what was persisted. n8n's own clock (transport/clock.ts)
 * follows the sandbox's frozen virtual clock (minus the sandbox's clock skew, when one is set:
 * then Insightly's clock and n8n's disagree), and the request layer's waits move it instead of
 * sleeping, so a simulated day takes seconds.
 *
 * The trigger reads Insightly's clock from the `Date` header. Node's HTTP server stamps that
 * header with the machine's real time, not the sandbox's virtual clock, so the trigger talks to
 * the sandbox through a small loopback relay that sets `Date` from the sandbox's clock.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
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
	/**
	 * The user edits the node's parameters and saves the workflow: n8n activates it again from
	 * the static data in its database (the persisted static data).
	 */
	reconfigure(parameters: INodeParameters): void;
	/** "Fetch Test Event" in the editor with the same parameters and the same persisted data. */
	fetchTestEvent(): Promise<IDataObject[] | null>;
	advance(ms: number): void;
	/** API requests the sandbox received since the rig started (or the last clearLog). */
	requests(): number;
	/** What the trigger logged (n8n's logger), `level: message`, oldest first. */
	logs: string[];
	/**
	 * Called as each API request reaches the sandbox, before it is answered (the number of
	 * requests relayed so far, this one included): a test can change data in the middle of a poll.
	 */
	onRequest?: (count: number) => void;
	stop(): Promise<void>;
}

/**
 * A relay in front of the sandbox that answers with the sandbox's own `Date` (its virtual
 * clock, skew included), as Insightly's servers stamp their own time on every response.
 */
async function dateRelay(
	sandbox: Sandbox,
	onRequest: () => void,
): Promise<{ apiUrl: string; stop(): Promise<void> }> {
	const relay = http.createServer((req, res) => {
		onRequest();
		const upstream = http.request(
			{
				host: '127.0.0.1',
				port: sandbox.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: `127.0.0.1:${sandbox.port}` },
			},
			(answer) => {
				const headers = { ...answer.headers, date: new Date(sandbox.clock.now()).toUTCString() };
				res.writeHead(answer.statusCode ?? 502, headers);
				answer.pipe(res);
			},
		);
		// A connection reset by the sandbox (a fault) is passed on as one.
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
	const { port } = relay.address() as AddressInfo;
	return {
		apiUrl: `http://127.0.0.1:${port}/v3.1`,
		stop: () =>
			new Promise<void>((resolve) => {
				relay.close(() => resolve());
				relay.closeAllConnections();
			}),
	};
}

export async function triggerRig(options: TriggerOptions): Promise<TriggerRig> {
	const sandbox = await startSandbox({
		perSecondLimit: false,
		seed: false,
		startTime: START,
		...options.sandbox,
	});
	sandbox.clock.freeze();
	let relayed = 0;
	// eslint-disable-next-line prefer-const -- assigned once the rig exists
	let rig: TriggerRig;
	const relay = await dateRelay(sandbox, () => rig?.onRequest?.(++relayed));
	// n8n's clock: the reference time, which the sandbox's clock is `clockSkewMs` off.
	const skewMs = options.sandbox?.clockSkewMs ?? 0;
	jest.spyOn(clock, 'now').mockImplementation(() => sandbox.clock.now() - skewMs);
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => sandbox.clock.advance(ms));
	jest.spyOn(clock, 'random').mockReturnValue(0.5);
	const logs: string[] = [];
	const logger = Container.get(Logger);
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		// n8n's logger replaces the levels it does not log by fixed no-ops.
		if (Object.getOwnPropertyDescriptor(logger, level)?.writable === false) continue;
		jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
			logs.push(`${level}: ${String(args[0])}`);
		});
	}
	const credentials = {
		insightlyApi: {
			apiKey: sandbox.apiKey,
			apiUrl: relay.apiUrl,
			allowLocalhost: true,
			...options.credential,
		},
	};
	let base = { parameters: options.parameters, credentials, timezone: options.timezone };
	let runner = createPollRunner(new InsightlyTrigger(), base);
	sandbox.clearLog();
	rig = {
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
		reconfigure(parameters) {
			base = { ...base, parameters };
			runner = createPollRunner(new InsightlyTrigger(), {
				...base,
				staticData: runner.persistedStaticData,
			});
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
		logs,
		async stop() {
			jest.restoreAllMocks();
			await relay.stop();
			await sandbox.stop();
		},
	};
	return rig;
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
