import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { insightlyApiTest } from './methods/credentialTest';
import { loadOptions } from './methods/loadOptions';
import { parseCustomObjectName, type InputError } from './utils/validation';
import { CUSTOM_OBJECT_RECORD, getRecordType, type RecordType } from './objects';
import {
	clock,
	getRateLimitState,
	insightlyRequest,
	MAX_PAGE_SIZE,
	type InsightlyResponse,
} from './transport';
import {
	afterDailyLimitReached,
	afterPoll,
	dailyLimit,
	decidePoll,
	defaultBudget,
	requestsLeft,
} from './trigger/budget';
import { triggerProperties, type TriggerEventName } from './trigger/description';
import { attemptsOf, isDailyLimitError } from './trigger/failures';
import { fieldFilterQuery, tagMatcher } from './trigger/filters';
import { decodeIdSet, detectDeletions, encodeIdSet, normaliseIds } from './trigger/idSet';
import { readState, STATE_KEY, watchKey, type IdListing, type TriggerState } from './trigger/state';
import {
	describeInstant,
	formatQueryTimestamp,
	parseStartDate,
	toEpochSeconds,
} from './trigger/time';
import {
	DEFAULT_MAX_ENTRIES,
	DEFAULT_OVERLAP_SECONDS,
	initialWindowState,
	newestRecord,
	processWindow,
	type WindowState,
} from './trigger/window';

/** What the user asked the trigger to watch, read once per poll. */
interface TriggerSettings {
	type: RecordType;
	/** API collection: 'Contacts', or the custom object's name. */
	path: string;
	typeName: string;
	event: TriggerEventName;
	fieldName?: string;
	fieldValue?: string;
	tag?: string;
	overlapSeconds: number;
	startDate?: number;
	budget: number;
	reservePercent: number;
}

function readSettings(this: IPollFunctions): TriggerSettings {
	const type = getRecordType(this.getNodeParameter('resource') as string);
	let path = type.path;
	let typeName = type.displayName;
	if (type.key === CUSTOM_OBJECT_RECORD) {
		const name = this.getNodeParameter('customObjectName', '');
		if (!String(name ?? '').trim())
			throw new NodeOperationError(this.getNode(), 'Choose the custom object to watch');
		try {
			// The name becomes a path segment: only API names such as Fruit__c are accepted.
			path = parseCustomObjectName(name, 'Custom Object');
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, {
				description: (error as InputError).description,
			});
		}
		typeName = `${path} record`;
	}
	const event = this.getNodeParameter('event') as TriggerEventName;
	const filters =
		event === 'deletedRecord' ? {} : (this.getNodeParameter('filters', {}) as IDataObject);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	let startDate: number | undefined;
	if (event !== 'deletedRecord' && options.startDate) {
		try {
			startDate = parseStartDate(options.startDate);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, {
				description: 'Use a date and time such as 2025-01-31T09:00:00 (UTC).',
			});
		}
	}
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value : undefined;
	return {
		type,
		path,
		typeName,
		event,
		fieldName: text(filters.fieldName),
		fieldValue: filters.fieldName ? String(filters.fieldValue ?? '') : undefined,
		tag: text(filters.tag),
		overlapSeconds:
			Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) || DEFAULT_OVERLAP_SECONDS,
		startDate,
		budget: Number(this.getNodeParameter('dailyRequestBudget', 0)) || 0,
		reservePercent: Number(this.getNodeParameter('reservePercent', 10)) || 0,
	};
}

/** n8n's error types pass through untouched (a NodeApiError keeps its status and headers); anything else is wrapped. */
function asNodeError(this: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error);
}

/** Counts every request of a poll (retries and failed calls included) against a ceiling. */
interface RequestMeter {
	requests: number;
	max: number;
}

/**
 * Reads every page of a list, 500 a page, stopping at a short page. This does not use
 * insightlyRequestAllItems because the trigger must count each request for its budget ledger,
 * including those of a poll that fails part-way, and must stop at the budget's last request.
 * `complete` is false when it stopped there.
 */
async function readPages(
	this: IPollFunctions,
	settings: TriggerSettings,
	path: string,
	qs: IDataObject,
	meter: RequestMeter,
): Promise<{ items: IDataObject[]; pages: number; complete: boolean }> {
	const items: IDataObject[] = [];
	for (let pages = 0; ;) {
		if (meter.requests >= meter.max) return { items, pages, complete: false };
		let response: InsightlyResponse<IDataObject[]>;
		try {
			response = (await insightlyRequest.call(this, {
				method: 'GET',
				path,
				qs: { ...qs, top: MAX_PAGE_SIZE, skip: items.length },
				record: { typeName: settings.typeName },
			})) as InsightlyResponse<IDataObject[]>;
		} catch (error) {
			meter.requests += attemptsOf(error);
			throw asNodeError.call(this, error);
		}
		meter.requests += response.attempts;
		pages++;
		const page = Array.isArray(response.body) ? response.body : [];
		items.push(...page);
		if (page.length < MAX_PAGE_SIZE) return { items, pages, complete: true };
	}
}

/** The outcome of reading one poll's worth of data: what to emit and the state that goes with it. */
type PollOutcome =
	| { incomplete: true }
	| { incomplete?: false; events: IDataObject[]; window?: WindowState; ids?: IdListing };

async function pollRecords(
	this: IPollFunctions,
	settings: TriggerSettings,
	state: TriggerState,
	meter: RequestMeter,
	now: number,
): Promise<PollOutcome> {
	const seeding = !state.window;
	const window =
		state.window ??
		initialWindowState(toEpochSeconds(now), settings.overlapSeconds, settings.startDate);
	const qs = {
		updated_after_utc: formatQueryTimestamp(window.floor),
		...fieldFilterQuery(settings.fieldName, settings.fieldValue),
	};
	const read = await readPages.call(this, settings, `/${settings.path}/Search`, qs, meter);
	if (!read.complete) return { incomplete: true };
	const result = processWindow(window, read.items, {
		event: settings.event as Exclude<TriggerEventName, 'deletedRecord'>,
		idField: settings.type.idField,
		overlapSeconds: settings.overlapSeconds,
		maxEntries: DEFAULT_MAX_ENTRIES,
		pagesRead: read.pages,
		nowSeconds: toEpochSeconds(now),
		matches: tagMatcher(settings.tag),
	});
	// First activation without a Start Date only learns what already exists.
	const events = seeding && settings.startDate === undefined ? [] : result.events;
	return { events, window: result.next };
}

async function pollDeletions(
	this: IPollFunctions,
	settings: TriggerSettings,
	state: TriggerState,
	meter: RequestMeter,
): Promise<PollOutcome> {
	const idField = settings.type.idField;
	const read = await readPages.call(this, settings, `/${settings.path}`, { brief: true }, meter);
	if (!read.complete) return { incomplete: true };
	const current = normaliseIds(
		read.items
			.map((record) => Number(record[idField]))
			.filter((id) => Number.isSafeInteger(id) && id >= 0),
	);
	if (!state.ids) return { events: [], ids: { known: encodeIdSet(current), pending: '' } };
	const result = detectDeletions(
		decodeIdSet(state.ids.known),
		decodeIdSet(state.ids.pending),
		current,
		read.pages <= 1,
	);
	return {
		events: result.deleted.map((id) => ({ [idField]: id, deleted: true })),
		ids: { known: encodeIdSet(current), pending: encodeIdSet(result.pending) },
	};
}

/**
 * "Fetch Test Event": a real recent record (or, for Deleted Record, the shape of a deletion),
 * without reading or writing the trigger's state. At most four requests.
 */
async function fetchTestEvent(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	const idField = settings.type.idField;
	const get = async (path: string, qs: IDataObject) =>
		(await insightlyRequest.call(this, {
			method: 'GET',
			path,
			qs,
			record: { typeName: settings.typeName },
		})) as InsightlyResponse<IDataObject[]>;

	if (settings.event === 'deletedRecord') {
		const first = await get(`/${settings.path}`, { brief: true, top: 1 });
		const id = Array.isArray(first.body) && first.body.length ? first.body[0][idField] : 0;
		return [this.helpers.returnJsonArray([{ [idField]: id, deleted: true }])];
	}

	/** The last `top` records in id order (the newest ones) of a search. */
	const lastPage = async (qs: IDataObject, top: number): Promise<IDataObject[]> => {
		const first = await get(`/${settings.path}/Search`, { ...qs, top, count_total: true });
		const total = Number(first.headers['x-total-count']);
		const rows = Array.isArray(first.body) ? first.body : [];
		if (!Number.isFinite(total) || total <= rows.length) return rows;
		const last = await get(`/${settings.path}/Search`, { ...qs, top, skip: total - top });
		return Array.isArray(last.body) ? last.body : [];
	};
	const filter = fieldFilterQuery(settings.fieldName, settings.fieldValue);
	const matches = tagMatcher(settings.tag);
	const event = settings.event as Exclude<TriggerEventName, 'deletedRecord'>;
	const monthAgo = toEpochSeconds(clock.now()) - 30 * 24 * 3600;
	let sample = newestRecord(
		await lastPage({ ...filter, updated_after_utc: formatQueryTimestamp(monthAgo) }, MAX_PAGE_SIZE),
		event,
		matches,
	);
	// Nothing changed for a month: show the newest record there is.
	if (!sample)
		sample = newestRecord(await lastPage(filter, matches ? MAX_PAGE_SIZE : 1), event, matches);
	return sample ? [this.helpers.returnJsonArray([sample])] : null;
}

async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	if (this.getMode() === 'manual') return await fetchTestEvent.call(this, settings);

	const label = `Insightly Trigger "${this.getNode().name}"`;
	const staticData = this.getWorkflowStaticData('node');
	const state = readState(staticData[STATE_KEY], watchKey(settings));
	const now = clock.now();

	const credentials = await this.getCredentials('insightlyApi');
	const rate = await getRateLimitState.call(this);
	const limit = dailyLimit(credentials.plan as string | undefined, rate.limit);
	const budget = settings.budget > 0 ? settings.budget : defaultBudget(limit);
	const decision = decidePoll({
		now,
		state: state.budget,
		budget,
		reserve: Math.floor((limit * settings.reservePercent) / 100),
		remaining: rate.remaining,
		remainingSeenAt: rate.seenAt,
	});
	if (decision.kind === 'skip') {
		// One log line per run of skipped ticks; the pause after a used-up limit was logged when it began.
		if (decision.reason !== 'paused' && decision.notice !== state.budget.skipNotice) {
			this.logger.info(`${label}: ${decision.message}`);
			staticData[STATE_KEY] = {
				...state,
				budget: { ...state.budget, skipNotice: decision.notice },
			};
		}
		return null;
	}

	const meter: RequestMeter = { requests: 0, max: requestsLeft(state.budget, now, budget) };
	let outcome: PollOutcome;
	try {
		outcome =
			settings.event === 'deletedRecord'
				? await pollDeletions.call(this, settings, state, meter)
				: await pollRecords.call(this, settings, state, meter, now);
	} catch (error) {
		// Only the ledger changes: the window and the id list stay as they were before this poll.
		if (isDailyLimitError(error)) {
			const budgetState = afterDailyLimitReached(state.budget, now, meter.requests);
			staticData[STATE_KEY] = { ...state, budget: budgetState };
			this.logger.info(
				`${label}: Insightly's daily request limit is used up; polling again after ${describeInstant(budgetState.pausedUntil as number)}`,
			);
			return null;
		}
		staticData[STATE_KEY] = {
			...state,
			budget: afterPoll(
				state.budget,
				now,
				meter.requests,
				Math.max(meter.requests, state.budget.lastCost ?? 1),
			),
		};
		// The request layer's NodeApiError goes out as it is, response headers (Retry-After) included,
		// so that n8n records the failed poll and can back off.
		throw asNodeError.call(this, error);
	}

	if (outcome.incomplete) {
		staticData[STATE_KEY] = {
			...state,
			budget: afterPoll(state.budget, now, meter.requests, meter.requests + 1),
		};
		this.logger.info(
			`${label}: stopped after ${meter.requests} requests at the Daily Request Budget of ${budget} before reading every page; nothing is lost, the changes are read once the budget allows`,
		);
		return null;
	}

	const next: TriggerState = { ...state, budget: afterPoll(state.budget, now, meter.requests) };
	if (outcome.window) next.window = outcome.window;
	if (outcome.ids) next.ids = outcome.ids;
	staticData[STATE_KEY] = next;
	return outcome.events.length ? [this.helpers.returnJsonArray(outcome.events)] : null;
}

export class InsightlyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insightly Trigger',
		name: 'insightlyTrigger',
		icon: { light: 'file:insightly.svg', dark: 'file:insightly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({ newRecord: "New", newOrUpdatedRecord: "New or Updated", updatedRecord: "Updated", deletedRecord: "Deleted" })[$parameter["event"]] + " " + $parameter["resource"] }}',
		description: 'Starts the workflow when Insightly records are created, updated or deleted',
		defaults: { name: 'Insightly Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insightlyApi', required: true, testedBy: 'insightlyApiTest' }],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: {
			getCustomObjects: loadOptions.getCustomObjects,
			getSearchableFields: loadOptions.getSearchableFields,
		},
		credentialTest: { insightlyApiTest },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
