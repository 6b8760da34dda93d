/**
 * Job 3: what the Insightly Trigger costs in requests. In-process through n8n-core's real
 * PollContext (test/helpers/n8n.ts), on virtual time: the request layer's clock and the
 * sandbox's clock move together (a simulated day of 1,440 polls takes seconds). The sandbox's
 * per-second limit works on real time, so it is off here; its daily quota (Free plan) is on.
 */
import { createPollRunner, type PollRunner } from '../lib/inProcessN8n';
// `.node.js`: tsx would otherwise resolve `InsightlyTrigger.node` to the codex file `InsightlyTrigger.node.json`.
import { InsightlyTrigger } from '../../nodes/Insightly/InsightlyTrigger.node.js';
import { startSandbox, type Sandbox } from '../../sandbox';
import { Samples } from '../lib/stats';
import { useVirtualTime } from '../lib/virtualTime';

const MINUTE = 60_000;
const START = '2025-03-10T00:00:00Z';

interface Rig {
	sandbox: Sandbox;
	runner: PollRunner;
	/** One scheduled poll: requests it sent and items it emitted. */
	poll(): Promise<{ requests: number; items: Array<Record<string, unknown>> }>;
	stop(): Promise<void>;
}

async function rig(plan: 'free' | 'professional', event = 'newOrUpdatedRecord'): Promise<Rig> {
	const sandbox = await startSandbox({
		plan,
		perSecondLimit: false,
		seed: false,
		startTime: START,
	});
	const restoreTime = useVirtualTime(sandbox);
	const runner = createPollRunner(new InsightlyTrigger(), {
		parameters: { resource: 'contact', event },
		credentials: {
			insightlyApi: { apiKey: sandbox.apiKey, apiUrl: sandbox.apiUrl, allowLocalhost: true, plan },
		},
	});
	return {
		sandbox,
		runner,
		async poll() {
			const before = sandbox.log().length;
			const result = await runner.poll();
			return {
				requests: sandbox.log().length - before,
				items: result ? result[0].map((item) => item.json) : [],
			};
		},
		async stop() {
			restoreTime();
			await sandbox.stop();
		},
	};
}

const create = (sandbox: Sandbox, name: string) =>
	sandbox.records.create('Contacts', { FIRST_NAME: name, LAST_NAME: 'Trigger' })
		.CONTACT_ID as number;

/** A trigger seeded on `existing` contacts, past its first (cursor-seeding) poll. */
async function seededRig(
	existing: number,
	plan: 'free' | 'professional' = 'professional',
): Promise<Rig> {
	const r = await rig(plan);
	for (let i = 0; i < existing; i++) create(r.sandbox, `existing${i}`);
	r.sandbox.clock.advance(MINUTE);
	await r.poll();
	return r;
}

export interface TriggerOptions {
	runs: number;
	changeCounts: number[];
	dayMinutes: number;
	log: (message: string) => void;
}

export async function runTriggerJob(options: TriggerOptions) {
	const samples = new Samples();
	for (let run = 1; run <= options.runs; run++) {
		// Idle polls: nothing changed since the last poll.
		let r = await seededRig(1000);
		for (let i = 0; i < 5; i++) {
			r.sandbox.clock.advance(MINUTE);
			samples.add('idlePoll.requests', (await r.poll()).requests, 'requests/poll');
		}
		await r.stop();

		// A poll after k records changed (k/2 updated, the rest created).
		for (const k of options.changeCounts) {
			r = await seededRig(Math.max(k, 10));
			const ids = r.sandbox.records.list('Contacts').map((c) => c.CONTACT_ID as number);
			r.sandbox.clock.advance(MINUTE / 2);
			for (let i = 0; i < k; i++) {
				if (i % 2 === 0)
					r.sandbox.records.update('Contacts', { CONTACT_ID: ids[i], FIRST_NAME: `changed${i}` });
				else create(r.sandbox, `new${i}`);
			}
			r.sandbox.clock.advance(MINUTE / 2);
			const { requests, items } = await r.poll();
			samples.add(`poll${k}Changes.requests`, requests, 'requests/poll');
			samples.add(`poll${k}Changes.eventsEmitted`, items.length, 'events');
			await r.stop();
		}

		// A simulated day of every-minute Poll Times on the Free plan (automatic budget).
		for (const pattern of ['idle', 'busy'] as const) {
			r = await seededRig(200, 'free');
			const ids = r.sandbox.records.list('Contacts').map((c) => c.CONTACT_ID as number);
			let requests = 0;
			let pollsWithRequests = 0;
			const emitted = new Set<string>();
			let events = 0;
			let changes = 0;
			for (let minute = 1; minute <= options.dayMinutes; minute++) {
				r.sandbox.clock.advance(MINUTE);
				// busy: a change every 5 minutes and a burst of 300 changes at 10:00
				if (pattern === 'busy' && minute % 5 === 0) {
					r.sandbox.records.update('Contacts', {
						CONTACT_ID: ids[minute % ids.length],
						FIRST_NAME: `m${minute}`,
					});
					changes++;
				}
				if (pattern === 'busy' && minute === 600) {
					for (let i = 0; i < 300; i++) create(r.sandbox, `burst${i}`);
					changes += 300;
				}
				const poll = await r.poll();
				requests += poll.requests;
				if (poll.requests > 0) pollsWithRequests++;
				events += poll.items.length;
				for (const item of poll.items) emitted.add(`${item.CONTACT_ID}/${item.DATE_UPDATED_UTC}`);
			}
			samples.add(`day.${pattern}.ticks`, options.dayMinutes, 'ticks');
			samples.add(`day.${pattern}.requests`, requests, 'requests');
			samples.add(`day.${pattern}.pollsSent`, pollsWithRequests, 'polls');
			samples.add(`day.${pattern}.changes`, changes, 'changes');
			samples.add(`day.${pattern}.eventsEmitted`, events, 'events');
			samples.add(`day.${pattern}.eventsRepeated`, events - emitted.size, 'events');
			samples.add(`day.${pattern}.percentOfFreeDailyQuota`, (100 * requests) / 1000, '% of 1,000');
			await r.stop();
		}
		options.log(`trigger run ${run} done`);
	}
	return {
		method:
			'in-process (n8n-core PollContext), virtual time: transport clock and sandbox clock moved together; sandbox per-second limit off (it counts real time), Free plan daily quota on; event New or Updated Record, automatic Daily Request Budget',
		figures: samples.figures(),
	};
}
