/**
 * One poll of the Insightly Trigger, from the budget's go-ahead to the state written back.
 *
 * The order is what makes a poll safe to fail: everything is read first, into memory; the state
 * is written once, at the end, as a whole. A poll that fails or runs out of budget part-way
 * therefore emits nothing and moves nothing but the request ledger, which must record what was
 * spent whatever happened.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { USERS } from '../objects';
import { clock, getRateLimitState, insightlyRequest } from '../transport';
import {
	afterDailyLimitReached,
	afterPoll,
	afterProbe,
	DAY_MS,
	dailyLimit,
	decidePoll,
	defaultBudget,
	requestsLeft,
	type BudgetState,
	type PollDecision,
} from './budget';
import { pollDeletions } from './deletions';
import { attemptsOf, BudgetShortfall, isDailyLimitError } from './failures';
import { asNodeError, type PollOutcome, type RequestMeter } from './pages';
import { pollRecords } from './records';
import { readSettings, type TriggerSettings } from './settings';
import { loadState, STATE_KEY, watchKey, type TriggerState } from './state';
import { fetchTestEvent } from './testEvent';

/** Said whenever the daily limit is met: Insightly does not publish when its quota comes back. */
const DAILY_LIMIT_NOTICE =
	"Insightly's daily request limit is used up; it resets within 24 hours (Insightly does not say when)";

/** One scheduled poll: what is watched, the state it started from, and its budget. */
interface PollRun {
	settings: TriggerSettings;
	staticData: IDataObject;
	state: TriggerState;
	/** n8n's clock at the start: the ledger and spacing are measured from it. */
	now: number;
	budget: number;
	label: string;
}

/** The state is replaced as a whole, never patched, so no poll leaves half of itself behind. */
function save(run: Pick<PollRun, 'staticData'>, state: TriggerState): void {
	run.staticData[STATE_KEY] = state;
}

/**
 * The budget in requests and whether this tick may poll. The daily limit is read before every
 * poll because Insightly's X-RateLimit-Limit, once seen, is more accurate than the plan chosen.
 */
async function decide(
	this: IPollFunctions,
	run: Omit<PollRun, 'budget'>,
): Promise<{ budget: number; decision: PollDecision }> {
	const credentials = await this.getCredentials('insightlyApi');
	const rate = await getRateLimitState.call(this);
	const limit = dailyLimit(credentials.plan as string | undefined, rate.limit);
	const budget = run.settings.budget > 0 ? run.settings.budget : defaultBudget(limit);
	const decision = decidePoll({
		now: run.now,
		state: run.state.budget,
		budget,
		reserve: Math.floor((limit * run.settings.reservePercent) / 100),
		remaining: rate.remaining,
		remainingSeenAt: rate.seenAt,
	});
	return { budget, decision };
}

/** What to change when the budget cannot be met. */
const RAISE_BUDGET =
	'Raise the Daily Request Budget (or set it to 0 for the automatic budget, if that is larger). The trigger carries on by itself at the next Poll Time once the budget is enough.';

/**
 * A condition the budget cannot meet fails the poll once, so that n8n shows the failing trigger
 * and runs the error workflow; later polls under the same condition only log it (failing every
 * tick would bury the first report). `budget` is the budget state to save with it.
 */
function reportOnce(
	this: IPollFunctions,
	run: PollRun,
	budget: BudgetState,
	condition: string,
	message: string,
	hint: string,
): null {
	if (run.state.budget.alerted === condition) {
		// Logged once, like a run of skipped ticks.
		const notice = `alerted:${condition}`;
		if (run.state.budget.skipNotice !== notice) this.logger.warn(`${run.label}: ${message}`);
		save(run, { ...run.state, budget: { ...budget, alerted: condition, skipNotice: notice } });
		return null;
	}
	save(run, { ...run.state, budget: { ...budget, alerted: condition } });
	throw new NodeOperationError(this.getNode(), message, { description: hint });
}

/**
 * A skipped tick is normal (Poll Times may ask more than the budget allows), so it is logged,
 * not thrown, and only once per run of skips to keep the log readable. Two skips are not normal
 * and fail the poll once: a poll that needs more than the whole budget (it would be skipped for
 * ever), and a Reserve that has held back every poll for a day.
 */
function skipTick(
	this: IPollFunctions,
	run: PollRun,
	decision: Extract<PollDecision, { kind: 'skip' }>,
): null {
	const budget = run.state.budget;
	if (decision.reason === 'tooExpensive')
		return reportOnce.call(
			this,
			run,
			budget,
			`tooExpensive:${run.budget}`,
			decision.message,
			RAISE_BUDGET,
		);
	if (decision.reason === 'reserve') {
		const since = budget.reserveSince ?? run.now;
		if (run.now - since >= DAY_MS)
			return reportOnce.call(
				this,
				run,
				{ ...budget, reserveSince: since },
				'reserve',
				`${decision.message}, for more than a day now`,
				'Other workflows or apps have kept the Insightly instance below the Reserve for 24 hours. Lower the Reserve (% of Daily Limit), or find what spends the daily limit. The trigger polls again by itself once enough requests are left.',
			);
		if (budget.reserveSince === undefined)
			save(run, { ...run.state, budget: { ...budget, reserveSince: since } });
		run = { ...run, state: { ...run.state, budget: { ...budget, reserveSince: since } } };
	}
	// The pause after a used-up limit was logged when it began.
	if (decision.reason !== 'paused' && decision.notice !== run.state.budget.skipNotice) {
		this.logger.info(`${run.label}: ${decision.message}`);
		save(run, { ...run.state, budget: { ...run.state.budget, skipNotice: decision.notice } });
	}
	return null;
}

async function readChanges(
	this: IPollFunctions,
	run: PollRun,
	meter: RequestMeter,
): Promise<PollOutcome> {
	return run.settings.event === 'deletedRecord'
		? await pollDeletions.call(this, run.settings, run.state, meter, run.now, run.budget)
		: await pollRecords.call(this, run.settings, run.state, meter, run.now);
}

/**
 * A failed read keeps the window and the id list as they were, so the next poll reads the same
 * changes again; only the ledger learns what was spent.
 */
function settleFailure(
	this: IPollFunctions,
	run: PollRun,
	meter: RequestMeter,
	error: unknown,
): null {
	const { state, now } = run;
	// A used-up daily limit is not this workflow's fault: wait for the reset instead of failing
	// every tick until then.
	if (isDailyLimitError(error)) {
		const budget = afterDailyLimitReached(state.budget, now, meter.requests);
		save(run, { ...state, budget });
		this.logger.warn(
			`${run.label}: ${DAILY_LIMIT_NOTICE}. The trigger checks with one request an hour and polls again as soon as Insightly answers; no change is lost meanwhile`,
		);
		return null;
	}
	// The next poll is expected to cost at least what this one spent before failing.
	const nextCost = Math.max(meter.requests, state.budget.lastCost ?? 1);
	if (error instanceof BudgetShortfall) {
		// What it costs to find out is what the next poll costs: one request.
		const budget = afterPoll(state.budget, now, meter.requests);
		return reportOnce.call(this, run, budget, error.condition, error.message, error.hint);
	}
	save(run, { ...state, budget: afterPoll(state.budget, now, meter.requests, nextCost) });
	// The request layer's NodeApiError goes out as it is, response headers (Retry-After) included,
	// so that n8n records the failed poll and can back off.
	throw asNodeError.call(this, error);
}

/**
 * The budget ran out before the last page: what was read is dropped (a partial window cannot
 * move the cursor), and the next poll is expected to cost more, so it waits until it can finish.
 */
function settleIncomplete(this: IPollFunctions, run: PollRun, meter: RequestMeter): null {
	const { state, now } = run;
	save(run, { ...state, budget: afterPoll(state.budget, now, meter.requests, meter.requests + 1) });
	this.logger.info(
		`${run.label}: stopped after ${meter.requests} requests at the Daily Request Budget of ${run.budget} before reading every page; nothing is lost, the changes are read once the budget allows`,
	);
	return null;
}

/**
 * The window or id list moves in the same save as the items are emitted: n8n persists static
 * data only when a poll returns items, so a restart can never re-emit what was delivered.
 */
function commit(
	this: IPollFunctions,
	run: PollRun,
	meter: RequestMeter,
	outcome: Exclude<PollOutcome, { incomplete: true }>,
): INodeExecutionData[][] | null {
	const next: TriggerState = {
		...run.state,
		budget: afterPoll(run.state.budget, run.now, meter.requests, outcome.nextCost),
	};
	if (outcome.window) next.window = outcome.window;
	if (outcome.ids) next.ids = outcome.ids;
	save(run, next);
	return outcome.events.length ? [this.helpers.returnJsonArray(outcome.events)] : null;
}

/**
 * The state as saved, validated: what was reset or repaired is logged and saved at once, so
 * that it is reported once, not at every poll that skips.
 */
function loadRun(this: IPollFunctions, settings: TriggerSettings): Omit<PollRun, 'budget'> {
	const staticData = this.getWorkflowStaticData('node');
	const now = clock.now();
	const label = `Insightly Trigger "${this.getNode().name}"`;
	// A changed watch (type, event, filters) starts afresh; the ledger is kept.
	const { state, problems } = loadState(staticData[STATE_KEY], watchKey(settings), {
		nowMs: now,
		startSeconds: settings.startDate,
	});
	const run = { settings, staticData, state, now, label };
	for (const problem of problems) this.logger.warn(`${label}: saved state reset: ${problem}`);
	if (problems.length) save(run, state);
	return run;
}

/**
 * While the daily limit is used up: one request, never retried, to see whether Insightly answers
 * again. Still used up: the next check in an hour. Anything else (an answer, or another error
 * that the poll itself will meet and report) ends the pause; the poll follows at once.
 */
async function probeDailyLimit(
	this: IPollFunctions,
	run: Omit<PollRun, 'budget'>,
): Promise<TriggerState | null> {
	let requests = 1;
	let stillUsedUp = false;
	try {
		await insightlyRequest.call(this, {
			method: 'GET',
			path: `/${USERS.path}/Me`,
			retry: { maxAttempts: 1 },
		});
	} catch (error) {
		requests = attemptsOf(error);
		stillUsedUp = isDailyLimitError(error);
	}
	const state = {
		...run.state,
		budget: afterProbe(run.state.budget, run.now, requests, stillUsedUp),
	};
	save(run, state);
	if (stillUsedUp) return null;
	this.logger.info(
		`${run.label}: Insightly answers again after its daily request limit: polling resumes`,
	);
	return state;
}

export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	// Manual mode is "Fetch Test Event": it must leave the state of the active trigger alone.
	if (this.getMode() === 'manual') return await fetchTestEvent.call(this, settings);

	let started = loadRun.call(this, settings);
	let { budget, decision } = await decide.call(this, started);
	if (decision.kind === 'probe') {
		const state = await probeDailyLimit.call(this, started);
		if (!state) return null;
		started = { ...started, state };
		({ budget, decision } = await decide.call(this, started));
	}
	const run: PollRun = { ...started, budget };
	if (decision.kind === 'skip') return skipTick.call(this, run, decision);
	// A second check in one tick cannot come: the pause has just ended.
	if (decision.kind === 'probe') return null;

	const meter: RequestMeter = { requests: 0, max: requestsLeft(run.state.budget, run.now, budget) };
	let outcome: PollOutcome;
	try {
		outcome = await readChanges.call(this, run, meter);
	} catch (error) {
		return settleFailure.call(this, run, meter, error);
	}
	if (outcome.incomplete) return settleIncomplete.call(this, run, meter);
	return commit.call(this, run, meter, outcome);
}
