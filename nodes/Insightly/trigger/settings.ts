/**
 * What the user asked the trigger to watch, read from the node's parameters once per poll.
 */
import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { CUSTOM_OBJECT_RECORD, getRecordType, type RecordType } from '../objects';
import { parseCustomObjectName, type InputError } from '../utils/validation';
import { DEFAULT_RECHECK_DAYS, type TriggerEventName } from './description';
import { parseStartDate } from './time';
import { DEFAULT_OVERLAP_SECONDS } from './window';

export interface TriggerSettings {
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
	/** Deleted Record: days between safety re-checks of the whole list; 0 = never. */
	recheckDays: number;
}

/** The collection to read and the name errors give its records. */
function watchedCollection(
	this: IPollFunctions,
	type: RecordType,
): { path: string; typeName: string } {
	if (type.key !== CUSTOM_OBJECT_RECORD) return { path: type.path, typeName: type.displayName };
	const name = this.getNodeParameter('customObjectName', '');
	if (!String(name ?? '').trim())
		throw new NodeOperationError(this.getNode(), 'Choose the custom object to watch');
	try {
		// The name becomes a path segment: only API names such as Fruit__c are accepted.
		const path = parseCustomObjectName(name, 'Custom Object');
		return { path, typeName: `${path} record` };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description: (error as InputError).description,
		});
	}
}

/** Start Date is checked here so that a bad date stops the poll before any request. */
function startDateOf(this: IPollFunctions, value: unknown): number | undefined {
	if (!value) return undefined;
	try {
		return parseStartDate(value);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description: 'Use a date and time such as 2025-01-31T09:00:00 (UTC).',
		});
	}
}

const text = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** Whole days, 0 (never) included; anything unreadable means the default. */
function recheckDaysOf(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_RECHECK_DAYS;
	const days = Number(value);
	return Number.isFinite(days) && days >= 0 ? Math.floor(days) : DEFAULT_RECHECK_DAYS;
}

export function readSettings(this: IPollFunctions): TriggerSettings {
	const type = getRecordType(this.getNodeParameter('resource') as string);
	const event = this.getNodeParameter('event') as TriggerEventName;
	// Hidden parameters keep their last values: Deleted Record must not be filtered or dated by them.
	const deletions = event === 'deletedRecord';
	const filters = deletions ? {} : (this.getNodeParameter('filters', {}) as IDataObject);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return {
		type,
		...watchedCollection.call(this, type),
		event,
		fieldName: text(filters.fieldName),
		fieldValue: filters.fieldName ? String(filters.fieldValue ?? '') : undefined,
		tag: text(filters.tag),
		overlapSeconds:
			Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) || DEFAULT_OVERLAP_SECONDS,
		startDate: deletions ? undefined : startDateOf.call(this, options.startDate),
		budget: Number(this.getNodeParameter('dailyRequestBudget', 0)) || 0,
		reservePercent: Number(this.getNodeParameter('reservePercent', 10)) || 0,
		recheckDays: recheckDaysOf(options.recheckDays),
	};
}
