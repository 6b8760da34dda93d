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
/** Longer than the budget's spacing after any poll measured here (3 requests: 86 s at 3,000). */
const SETTLE = 5 * MINUTE;
const START = '2025-03-10T00:00:00Z';

interface Rig {
	sandbox: Sandbox;
	runner: PollRunner;
	/** One scheduled poll: requests it sent and items it emitted. */
	poll(): Promise<{ requests: number; items: Array<Record<string, unknown>> }>;
	stop(): Promise<void>;
}

async function rig(
	plan: 'free' | 'professional',
	event = 'newOrUpdatedRecord',
	extra: Record<string, unknown> = {},
): Promise<Rig> {
	const sandbox = await startSandbox({
		plan,
		perSecondLimit: false,
		seed: false,
		startTime: START,
	});
	const restoreTime = useVirtualTime(sandbox);
	const runner = createPollRunner(new InsightlyTrigger(), {
		parameters: { resource: 'contact', event, ...extra },
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
	settle = true,
): Promise<Rig> {
	const r = await rig(plan);
	for (let i = 0; i < existing; i++) create(r.sandbox, `existing${i}`);
	r.sandbox.clock.advance(MINUTE);
	await r.poll();
	// A seed of several pages is read once more (the floor waits one poll after a multi-page
	// read); measured polls come after that, and after the spacing the budget asks for.
	if (settle) {
		r.sandbox.clock.advance(SETTLE);
		await r.poll();
	}
	return r;
}

export interface TriggerOptions {
	runs: number;
	changeCounts: number[];
	dayMinutes: number;
	log: (message: string) => void;
	/** Contacts of the Deleted Record part (default 10,000 and 100,000; [] leaves it out). */
	deletedSizes?: number[];
}

/** Bytes of the trigger's static data as n8n stores it (JSON). */
const staticDataBytes = (r: Rig) => Buffer.byteLength(JSON.stringify(r.runner.staticData));

/**
 * Deleted Record over `size` contacts: the first listing (budget large enough to do it in one
 * poll), idle polls, a poll after 1 and after 100 deletions (each spread over the list with some
 * creations in the same window), and the static data it keeps.
 */
async function deletedRecordFigures(size: number, samples: Samples): Promise<void> {
	const r = await rig('professional', 'deletedRecord', { dailyRequestBudget: 1_000_000 });
	const ids: number[] = [];
	for (let i = 0; i < size; i++) ids.push(create(r.sandbox, `existing${i}`));
	r.sandbox.clock.advance(MINUTE);
	const key = `deleted${size}`;
	samples.add(`${key}.activation.requests`, (await r.poll()).requests, 'requests');
	samples.add(`${key}.staticData.bytes`, staticDataBytes(r), 'bytes');
	for (let i = 0; i < 3; i++) {
		r.sandbox.clock.advance(MINUTE);
		samples.add(`${key}.idlePoll.requests`, (await r.poll()).requests, 'requests/poll');
	}
	const live = new Set(ids);
	for (const deletions of [1, 100]) {
		// Spread evenly over the list (not on page boundaries), plus 5 creations.
		const sorted = [...live];
		const gone = Array.from(
			{ length: deletions },
			(_, i) => sorted[Math.floor(((i + 0.37) * sorted.length) / deletions)],
		);
		for (const id of gone) {
			r.sandbox.records.remove('Contacts', id);
			live.delete(id);
		}
		for (let i = 0; i < 5; i++) live.add(create(r.sandbox, `new${deletions}-${i}`));
		r.sandbox.clock.advance(MINUTE);
		const poll = await r.poll();
		samples.add(`${key}.poll${deletions}Deleted.requests`, poll.requests, 'requests/poll');
		const reported = new Set(poll.items.map((item) => item.CONTACT_ID as number));
		const exact = reported.size === gone.length && gone.every((id) => reported.has(id));
		samples.add(`${key}.poll${deletions}Deleted.reportedExactly`, exact ? 1 : 0, '1 = yes');
	}
	samples.add(`${key}.staticDataAfterDeletions.bytes`, staticDataBytes(r), 'bytes');
	await r.stop();
}

export async function runTriggerJob(options: TriggerOptions) {
	const samples = new Samples();
	for (let run = 1; run <= options.runs; run++) {
		// Idle polls: nothing changed since the last poll.
		let r = await seededRig(1000);
		for (let i = 0; i < 5; i++) {
			r.sandbox.clock.advance(SETTLE);
			samples.add('idlePoll.requests', (await r.poll()).requests, 'requests/poll');
		}
		await r.stop();

		// A poll after k records changed (k/2 updated, the rest created).
		for (const k of options.changeCounts) {
			r = await seededRig(Math.max(k, 10));
			const ids = r.sandbox.records.list('Contacts').map((c) => c.CONTACT_ID as number);
			r.sandbox.clock.advance(SETTLE);
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
			r = await seededRig(200, 'free', false);
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
		for (const size of options.deletedSizes ?? [10_000, 100_000])
			await deletedRecordFigures(size, samples);
		options.log(`trigger run ${run} done`);
	}
	return {
		method:
			'in-process (n8n-core PollContext), virtual time: transport clock and sandbox clock moved together; sandbox per-second limit off (it counts real time), Free plan daily quota on; event New or Updated Record, automatic Daily Request Budget; deleted<N>.*: Deleted Record over N contacts with a budget large enough for the first listing in one poll',
		figures: samples.figures(),
	};
}
