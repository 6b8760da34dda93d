/**
 * New, Updated, New or Updated Record: one poll's read of what changed since the floor.
 */
import type { IPollFunctions } from 'n8n-workflow';

import { fieldFilterQuery, tagMatcher } from './filters';
import { readAllPages, type PollOutcome, type RequestMeter } from './pages';
import type { TriggerSettings } from './settings';
import type { TriggerState } from './state';
import { formatQueryTimestamp, toEpochSeconds } from './time';
import { DEFAULT_MAX_ENTRIES, initialWindowState, processWindow, type RecordEvent } from './window';

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
	const result = processWindow(window, read.items, {
		event: settings.event as RecordEvent,
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
