/**
 * Job 6, fault soak: create / update / delete operations through the Insightly node (On Error:
 * Continue, as a workflow that must not stop would run it) with an Insightly Trigger polling
 * alongside, while the sandbox injects 10% 429, 5% 5xx (half of them "stored but answered
 * 500") and connection resets. In-process (n8n-core's real execute and poll contexts) on
 * virtual time, so 10,000 operations do not take 17 real minutes at 10/s; the sandbox's
 * per-second limit (real time) is therefore off, its daily quota on.
 *
 * Counted from the operation log against the sandbox's final state:
 * - lost: an operation reported OK whose effect is absent (a created record missing, an update
 *   not applied, a deleted record still there), unless a later operation on it failed;
 * - duplicated: records beyond the first sharing one (unique) email;
 * - events missed: record versions current at a successful poll that the trigger never emitted;
 * - events repeated: a version emitted more than once.
 */
import { createPollRunner, executeNode } from '../lib/inProcessN8n';
// `.node.js`: tsx would otherwise resolve `X.node` to the codex file `X.node.json`.
import { Insightly } from '../../nodes/Insightly/Insightly.node.js';
import { InsightlyTrigger } from '../../nodes/Insightly/InsightlyTrigger.node.js';
import { startSandbox, type Sandbox } from '../../sandbox';
import { faultRules, SOAK_FAULTS } from '../lib/faultMix';
import { duplicateEmails } from '../lib/sandboxCounts';
import { Samples } from '../lib/stats';
import { useVirtualTime } from '../lib/virtualTime';

type OpKind = 'create' | 'update' | 'delete';
interface Op {
	kind: OpKind;
	ok: boolean;
	value?: string;
}

const ROUND = { create: 50, update: 30, delete: 20 };
const OPS_PER_ROUND = ROUND.create + ROUND.update + ROUND.delete;
const byId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
const PARAMETERS: Record<OpKind, Record<string, unknown>> = {
	create: {
		resource: 'contact',
		operation: 'create',
		FIRST_NAME: '={{ $json.first }}',
		additionalFields: { LAST_NAME: 'Soak', EMAIL_ADDRESS: '={{ $json.email }}' },
	},
	update: {
		resource: 'contact',
		operation: 'update',
		recordId: byId,
		updateFields: { FIRST_NAME: '={{ $json.first }}' },
	},
	delete: { resource: 'contact', operation: 'delete', recordId: byId },
};

/** Error messages with record ids and item numbers blanked (status codes kept): one kind of error, one line. */
const errorKind = (message: string) =>
	message.replace(/\[item \d+\]/g, '[item #]').replace(/\d{4,}/g, '#');

class SoakRun {
	readonly ops = new Map<number, Op[]>();
	readonly live: number[] = [];
	readonly failedCreateEmails: string[] = [];
	readonly errors = new Map<string, number>();
	/** Version -> when it was first seen current at a successful poll (virtual ISO time). */
	readonly expectedVersions = new Map<string, string>();
	readonly emitted: string[] = [];
	readonly faultsFired = new Map<string, number>();
	requests = 0;
	pollErrors = 0;
	pollsSkipped = 0;
	pollsRead = 0;
	polls = 0;
	private version = 0;

	constructor(
		readonly sandbox: Sandbox,
		private readonly credentials: Record<string, Record<string, unknown>>,
		private readonly trigger: ReturnType<typeof createPollRunner>,
	) {}

	private note(id: number, op: Op) {
		const list = this.ops.get(id) ?? [];
		list.push(op);
		this.ops.set(id, list);
	}

	private noteError(message: string) {
		const kind = errorKind(message);
		this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
	}

	private async execute(kind: OpKind, items: Array<Record<string, unknown>>) {
		const [output] = await executeNode(new Insightly(), {
			parameters: PARAMETERS[kind] as never,
			credentials: this.credentials as never,
			items: items.map((json) => ({ json: json as never })),
			continueOnFail: true,
		});
		const results = new Map<number, Record<string, unknown>>();
		for (const item of output) results.set((item.pairedItem as { item: number }).item, item.json);
		return items.map((_, i) => results.get(i) ?? { error: 'no output item' });
	}

	private take(n: number): number[] {
		const picked: number[] = [];
		while (picked.length < n && this.live.length)
			picked.push(this.live.splice(Math.floor(Math.random() * this.live.length), 1)[0]);
		return picked;
	}

	async round() {
		const creates = Array.from({ length: ROUND.create }, () => ({
			first: `v${++this.version}`,
			email: `soak-${this.version}@bench.example`,
		}));
		(await this.execute('create', creates)).forEach((json, i) => {
			if (json.error) {
				this.noteError(String(json.error));
				this.failedCreateEmails.push(creates[i].email);
			} else {
				this.note(json.CONTACT_ID as number, { kind: 'create', ok: true, value: creates[i].first });
				this.live.push(json.CONTACT_ID as number);
			}
		});
		const toUpdate = this.take(ROUND.update);
		const toDelete = this.take(ROUND.delete);
		const updates = toUpdate.map((id) => ({ id, first: `v${++this.version}` }));
		(await this.execute('update', updates)).forEach((json, i) => {
			if (json.error) this.noteError(String(json.error));
			this.note(updates[i].id, { kind: 'update', ok: !json.error, value: updates[i].first });
		});
		this.live.push(...toUpdate);
		(
			await this.execute(
				'delete',
				toDelete.map((id) => ({ id })),
			)
		).forEach((json, i) => {
			if (json.error) this.noteError(String(json.error));
			this.note(toDelete[i], { kind: 'delete', ok: !json.error });
		});
		await this.poll();
	}

	/** One tick of every-minute Poll Times. */
	async poll() {
		this.sandbox.clock.advance(60_000);
		this.polls++;
		const requestsBefore = this.sandbox.log().length;
		try {
			const result = await this.trigger.poll();
			for (const item of result?.[0] ?? [])
				this.emitted.push(`${item.json.CONTACT_ID}:${item.json.FIRST_NAME}`);
			// A tick the budget skipped read nothing: what is current now is owed by a later poll only.
			if (this.sandbox.log().length === requestsBefore) {
				this.pollsSkipped++;
				return this.drainLog();
			}
			this.pollsRead++;
			const at = new Date(this.sandbox.clock.now()).toISOString();
			for (const contact of this.sandbox.records.list('Contacts')) {
				const version = `${contact.CONTACT_ID}:${contact.FIRST_NAME}`;
				if (!this.expectedVersions.has(version))
					this.expectedVersions.set(version, `${at} (updated ${contact.DATE_UPDATED_UTC})`);
			}
		} catch (error) {
			this.pollErrors++;
			this.noteError(`trigger: ${(error as Error).message}`);
		}
		this.drainLog();
	}

	/** The sandbox keeps the last 20,000 requests: count and clear after every round. */
	drainLog() {
		const log = this.sandbox.log();
		this.requests += log.length;
		for (const entry of log)
			if (entry.fault)
				this.faultsFired.set(entry.fault, (this.faultsFired.get(entry.fault) ?? 0) + 1);
		this.sandbox.clearLog();
	}

	/** Operations reported OK whose effect is not in the final state. */
	lost(): { lost: number; ambiguous: number } {
		const state = new Map(
			this.sandbox.records.list('Contacts').map((c) => [c.CONTACT_ID as number, c]),
		);
		let lost = 0;
		let ambiguous = 0;
		for (const [id, ops] of this.ops) {
			const lastOk = ops.map((op) => op.ok).lastIndexOf(true);
			if (lastOk === -1) continue;
			if (ops.slice(lastOk + 1).length) {
				ambiguous++; // a later operation failed: its effect may or may not be there
				continue;
			}
			const op = ops[lastOk];
			const record = state.get(id);
			if (op.kind === 'delete' ? record !== undefined : record?.FIRST_NAME !== op.value) lost++;
		}
		return { lost, ambiguous };
	}
}

export interface SoakOptions {
	runs: number;
	operations: number;
	log: (message: string) => void;
}

export async function runSoakJob(options: SoakOptions) {
	const samples = new Samples();
	const errorsSeen: Record<string, number> = {};
	const faultsFired: Record<string, number> = {};
	const missedExamples: Array<Record<string, unknown>> = [];
	const rounds = Math.ceil(options.operations / OPS_PER_ROUND);
	for (let run = 1; run <= options.runs; run++) {
		const started = Date.now();
		const sandbox = await startSandbox({
			plan: 'professional',
			perSecondLimit: false,
			seed: false,
			startTime: '2025-03-10T08:00:00Z',
		});
		const restoreTime = useVirtualTime(sandbox);
		try {
			const credentials = {
				insightlyApi: {
					apiKey: sandbox.apiKey,
					apiUrl: sandbox.apiUrl,
					allowLocalhost: true,
					plan: 'professional',
				},
			};
			const trigger = createPollRunner(new InsightlyTrigger(), {
				parameters: { resource: 'contact', event: 'newOrUpdatedRecord' },
				credentials,
			});
			const soak = new SoakRun(sandbox, credentials, trigger);
			await soak.poll(); // activation: seeds the trigger's cursor, before any fault
			for (const rule of faultRules(SOAK_FAULTS)) sandbox.faults.add(rule);
			for (let r = 0; r < rounds; r++) await soak.round();
			sandbox.faults.clear();
			// Fault-free ticks until two polls have read (the budget may skip some): whatever a
			// failed or skipped poll left behind is caught up.
			const readBefore = soak.pollsRead;
			for (let i = 0; i < 20 && soak.pollsRead < readBefore + 2; i++) await soak.poll();

			const emittedSet = new Set(soak.emitted);
			const { lost, ambiguous } = soak.lost();
			const missed = [...soak.expectedVersions].filter(([v]) => !emittedSet.has(v));
			missedExamples.push(
				...missed.slice(0, 10).map(([version, seen]) => ({
					run,
					version,
					firstSeenAtPoll: seen,
					operations: soak.ops.get(Number(version.split(':')[0])) ?? [],
				})),
			);
			const storedFailedCreates = new Set(soak.failedCreateEmails.map((e) => e.toLowerCase()));
			const orphans = sandbox.records
				.list('Contacts')
				.filter((c) => storedFailedCreates.has(String(c.EMAIL_ADDRESS).toLowerCase())).length;
			const figures = {
				operations: rounds * OPS_PER_ROUND,
				requests: soak.requests,
				recordsLost: lost,
				recordsDuplicated: duplicateEmails(sandbox),
				eventsMissed: missed.length,
				eventsRepeated: soak.emitted.length - emittedSet.size,
				eventsEmitted: soak.emitted.length,
				errorsReported: [...soak.errors.values()].reduce((a, b) => a + b, 0),
				createsReportedFailedButStored: orphans,
				recordsWithAmbiguousLastOperation: ambiguous,
				triggerPolls: soak.polls,
				triggerPollsFailed: soak.pollErrors,
				triggerTicksSkippedForBudget: soak.pollsSkipped,
				realSeconds: (Date.now() - started) / 1000,
				virtualMinutes: (sandbox.clock.now() - Date.parse('2025-03-10T08:00:00Z')) / 60_000,
			};
			for (const [name, value] of Object.entries(figures))
				samples.add(
					name,
					value,
					name.endsWith('Seconds') ? 's' : name.endsWith('Minutes') ? 'min' : 'count',
				);
			for (const [message, n] of soak.errors) errorsSeen[message] = (errorsSeen[message] ?? 0) + n;
			for (const [fault, n] of soak.faultsFired) faultsFired[fault] = (faultsFired[fault] ?? 0) + n;
			options.log(`soak run ${run}: ${JSON.stringify(figures)}`);
		} finally {
			restoreTime();
			await sandbox.stop();
		}
	}
	return {
		method: `in-process (n8n-core ExecuteContext/PollContext, node On Error: Continue), virtual time, sandbox per-second limit off (real-time window), daily quota on (Professional); rounds of ${ROUND.create} creates, ${ROUND.update} updates, ${ROUND.delete} deletes, then one trigger poll (New or Updated Record) a virtual minute later`,
		faultMix: SOAK_FAULTS.map(({ label, share }) => ({ fault: label, shareOfRequests: share })),
		figures: samples.figures(),
		faultsFiredTotal: faultsFired,
		errorsSeenTotal: errorsSeen,
		missedEventExamples: missedExamples,
	};
}
