/**
 * "Fetch Test Event": a real recent record (or, for Deleted Record, the shape of a deletion),
 * without reading or writing the trigger's state, in at most four requests. These are single,
 * targeted pages (the first, or the last by X-Total-Count), not a walk through the list: a
 * sample must stay cheap whatever the size of the CRM.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { clock, insightlyRequest, MAX_PAGE_SIZE, type InsightlyResponse } from '../transport';
import { idListQuery } from './deletions';
import { fieldFilterQuery, tagMatcher } from './filters';
import { shapeTriggerRecords } from './records';
import type { TriggerSettings } from './settings';
import { formatQueryTimestamp, toEpochSeconds } from './time';
import { newestRecord, type RecordEvent } from './window';

/** Long enough that an active CRM has a recent change to show, short enough to stay one page. */
const RECENT_SECONDS = 30 * 24 * 3600;

async function getPage(
	this: IPollFunctions,
	settings: TriggerSettings,
	path: string,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const response = (await insightlyRequest.call(this, {
		method: 'GET',
		path,
		qs,
		record: { typeName: settings.typeName },
	})) as InsightlyResponse<IDataObject[]>;
	return Array.isArray(response.body) ? response.body : [];
}

/** A deletion item for the first listed id: what the workflow will receive, with a real id. */
async function sampleDeletion(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<IDataObject> {
	const idField = settings.type.idField;
	const first = await getPage.call(this, settings, `/${settings.path}`, {
		...idListQuery(settings.type),
		top: 1,
	});
	return { [idField]: first.length ? first[0][idField] : 0, deleted: true };
}

/**
 * The last `top` records of a search. Search answers in id order, so the newest records are at
 * the end: count_total on the first request says where that end is.
 */
async function lastPage(
	this: IPollFunctions,
	settings: TriggerSettings,
	qs: IDataObject,
	top: number,
): Promise<IDataObject[]> {
	const path = `/${settings.path}/Search`;
	const response = (await insightlyRequest.call(this, {
		method: 'GET',
		path,
		qs: { ...qs, top, count_total: true },
		record: { typeName: settings.typeName },
	})) as InsightlyResponse<IDataObject[]>;
	const total = Number(response.headers['x-total-count']);
	const rows = Array.isArray(response.body) ? response.body : [];
	if (!Number.isFinite(total) || total <= rows.length) return rows;
	return await getPage.call(this, settings, path, { ...qs, top, skip: total - top });
}

async function sampleRecord(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<IDataObject | undefined> {
	const filter = fieldFilterQuery(settings.fieldName, settings.fieldValue);
	const matches = tagMatcher(settings.tag);
	const event = settings.event as RecordEvent;
	const since = toEpochSeconds(clock.now()) - RECENT_SECONDS;
	const recent = { ...filter, updated_after_utc: formatQueryTimestamp(since) };
	const sample = newestRecord(
		await lastPage.call(this, settings, recent, MAX_PAGE_SIZE),
		event,
		matches,
	);
	if (sample) return sample;
	// Nothing changed for a month: show the newest record there is (a whole page only when the
	// tag must be checked on the records).
	const top = matches ? MAX_PAGE_SIZE : 1;
	return newestRecord(await lastPage.call(this, settings, filter, top), event, matches);
}

export async function fetchTestEvent(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	if (settings.event === 'deletedRecord')
		return [this.helpers.returnJsonArray([await sampleDeletion.call(this, settings)])];
	const sample = await sampleRecord.call(this, settings);
	// The sample in the shape the Output option gives real events, so mapping it is mapping them.
	return sample
		? [this.helpers.returnJsonArray(shapeTriggerRecords.call(this, settings, [sample]))]
		: null;
}
