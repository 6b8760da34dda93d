/**
 * New, Updated, New or Updated Record: one poll's read of what changed since the floor.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { isOutputShape, shapeRecord } from '../utils/recordShape';

import { fieldFilterQuery, tagMatcher } from './filters';
import { readAllPages, type PollOutcome, type RequestMeter } from './pages';
import type { TriggerSettings } from './settings';
import type { TriggerState } from './state';
import { formatQueryTimestamp, formatRecordTimestamp, toEpochSeconds } from './time';
import {
	DEFAULT_MAX_ENTRIES,
	initialWindowState,
	processWindow,
	type RecordEvent,
	type WindowResult,
	type WindowState,
} from './window';

/** Records named in one warning about future timestamps; the rest are counted. */
const FUTURE_NAMED = 5;

/**
 * Future-dated versions are logged when first read: the memory then holds them, so each one is
 * logged once, not at every poll that reads it again.
 */
function warnFuture(
	this: IPollFunctions,
	settings: TriggerSettings,
	future: WindowResult['future'],
	serverNow: number,
): void {
	if (!future.length) return;
	const named = future
		.slice(0, FUTURE_NAMED)
		.map(({ id, updated }) => `${id} (${formatRecordTimestamp(updated)})`)
		.join(', ');
	const more = future.length > FUTURE_NAMED ? ` and ${future.length - FUTURE_NAMED} more` : '';
	this.logger.warn(
		`Insightly Trigger "${this.getNode().name}": ${settings.typeName} ${named}${more} ${future.length > 1 ? 'have' : 'has'} a DATE_UPDATED_UTC later than Insightly's clock (${formatRecordTimestamp(serverNow)} UTC); reported, but not used to move the trigger's cursor`,
	);
}

/**
 * The first read starts a margin before n8n's now (window.ts, SEED_MARGIN_SECONDS). If
 * Insightly's clock says n8n's is further ahead still, the next read starts from Insightly's
 * now − overlap instead: changes made just before activation may then be reported, but none
 * made after it is missed.
 */
function seedAgainstServerClock(
	this: IPollFunctions,
	next: WindowState,
	serverNow: number,
	n8nNow: number,
	overlapSeconds: number,
): WindowState {
	const floor = serverNow - overlapSeconds;
	if (next.floor <= floor) return next;
	this.logger.warn(
		`Insightly Trigger "${this.getNode().name}": n8n's clock is about ${Math.round((n8nNow - serverNow) / 60)} minutes ahead of Insightly's; changes made shortly before activation may be reported`,
	);
	// The cursor came from n8n's clock too unless a record raised it: the floor is a safe value.
	const lowered: WindowState = { ...next, cursor: floor, floor };
	delete lowered.pendingFloor;
	return lowered;
}

/**
 * Records as the trigger's Output option asks (Raw by default: saved workflows keep receiving
 * Insightly's records). Compact and Simplified use the same module as the action node; they read
 * no field definitions, so custom field values stay as Insightly sent them and a poll costs no
 * request more.
 */
export function shapeTriggerRecords(
	this: IPollFunctions,
	settings: Pick<TriggerSettings, 'type'>,
	records: IDataObject[],
): IDataObject[] {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const shape = isOutputShape(options.output) ? options.output : 'raw';
	if (shape === 'raw') return records;
	const context = { idField: settings.type.idField, nameFields: settings.type.nameFields };
	return records.map((record) => shapeRecord(record, shape, context));
}

export async function pollRecords(
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
	// Search cannot combine a field and a tag: the field goes to Insightly, the tag is checked here.
	const qs = {
		updated_after_utc: formatQueryTimestamp(window.floor),
		...fieldFilterQuery(settings.fieldName, settings.fieldValue),
	};
	// Results come in id order, not time order: nothing can be decided before the last page.
	const read = await readAllPages.call(this, settings, `/${settings.path}/Search`, qs, meter);
	if (!read.complete) return { incomplete: true };
	// Insightly's clock, from its Date header; n8n's only when Insightly sent none.
	const serverNow = read.serverTime ?? toEpochSeconds(now);
	const result = processWindow(window, read.items, {
		event: settings.event as RecordEvent,
		idField: settings.type.idField,
		overlapSeconds: settings.overlapSeconds,
		maxEntries: DEFAULT_MAX_ENTRIES,
		pagesRead: read.pages,
		nowSeconds: serverNow,
		matches: tagMatcher(settings.tag),
	});
	warnFuture.call(this, settings, result.future, serverNow);
	let next = result.next;
	if (seeding && settings.startDate === undefined && read.serverTime !== undefined)
		next = seedAgainstServerClock.call(
			this,
			next,
			read.serverTime,
			toEpochSeconds(now),
			settings.overlapSeconds,
		);
	// First activation without a Start Date only learns what already exists.
	const events =
		seeding && settings.startDate === undefined
			? []
			: shapeTriggerRecords.call(this, settings, result.events);
	return { events, window: next };
}
