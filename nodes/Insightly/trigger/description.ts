/**
 * Parameters of the Insightly Trigger (n8n adds "Poll Times" itself to every polling node).
 */
import type { INodeProperties } from 'n8n-workflow';

import { customObjectProperty, outputShapeChoices } from '../descriptions/parameters';
import { CUSTOM_OBJECT_RECORD, RECORD_TYPES } from '../objects';
import { DEFAULT_OVERLAP_SECONDS } from './window';

export const TRIGGER_EVENTS = [
	'newRecord',
	'newOrUpdatedRecord',
	'updatedRecord',
	'deletedRecord',
] as const;
export type TriggerEventName = (typeof TRIGGER_EVENTS)[number];

/** Default days between the safety re-checks of Deleted Record. */
export const DEFAULT_RECHECK_DAYS = 7;

const RECORD_EVENTS = ['newRecord', 'newOrUpdatedRecord', 'updatedRecord'];

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Record Type',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RECORD_TYPES.filter((type) => type.trigger)
			.map((type) => ({ name: type.displayName, value: type.key }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'contact',
	},
	customObjectProperty(
		{ show: { resource: [CUSTOM_OBJECT_RECORD] } },
		'The custom object whose records to watch.',
	),
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Deleted Record',
				value: 'deletedRecord',
				description:
					'A record was deleted. Activation lists every ID of the record type; later polls read only what changed.',
			},
			{
				name: 'New or Updated Record',
				value: 'newOrUpdatedRecord',
				description: 'A record was created or changed',
			},
			{
				name: 'New Record',
				value: 'newRecord',
				description: 'A record was created (reported once, even if it is changed again soon after)',
			},
			{
				name: 'Updated Record',
				value: 'updatedRecord',
				description: 'A record that already existed at the previous poll was changed',
			},
		],
		default: 'newOrUpdatedRecord',
	},
	{
		displayName:
			'Insightly has no list of deleted records. On activation the trigger lists every ID of this record type (one request per 500 records, spread over several polls when the budget is small); after that a poll with no change costs 1 request, and each deletion about log2(records / 500) more. A record created and deleted between two polls is not reported.',
		name: 'deletedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['deletedRecord'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: RECORD_EVENTS } },
		options: [
			{
				displayName: 'Field Name or ID',
				name: 'fieldName',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getSearchableFields',
					loadOptionsDependsOn: ['resource', 'customObjectName'],
				},
				default: '',
				description:
					'Only records whose field equals the value (exact match, done by Insightly\'s Search). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Field Value',
				name: 'fieldValue',
				type: 'string',
				default: '',
				description: 'The value the field must equal (used with Field Name)',
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				placeholder: 'VIP',
				description: 'Only records carrying this tag (not case-sensitive)',
			},
		],
	},
	{
		displayName: 'Daily Request Budget (0 = Automatic)',
		name: 'dailyRequestBudget',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		hint: "0 = automatic (10% of a Free plan's daily limit, 5% of larger plans). When Poll Times ask for more polls than the budget allows, polls are spaced out: Every Minute may poll less often.",
		description:
			"Most requests this trigger may make in any 24 hours; polls are spaced evenly to stay within it, whatever the Poll Times. 0 = automatic: 10% of the daily limit on the Free plan (100 of 1,000), 5% on larger plans (for example 3,000 of Professional's 60,000). An idle poll costs 1 request, one with changes 1 more per 500 changed records; Deleted Record costs 1 per 500 records on activation, then about log2(records / 500) per deletion.",
	},
	{
		displayName: 'Reserve (% of Daily Limit)',
		name: 'reservePercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 90 },
		default: 10,
		description:
			"Pause polling while the Insightly instance has fewer requests left (X-RateLimit-Remaining) than this share of its daily limit, so that other workflows and apps using the instance keep working. The instance's limit is shared by all its users and integrations.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					'Each poll re-reads changes this far behind the latest one seen, so that a change Insightly makes visible a little late is still caught; changes already delivered are not delivered again',
				displayOptions: { show: { '/event': RECORD_EVENTS } },
			},
			{
				displayName: 'Start Date (UTC)',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description:
					'On activation, also deliver the changes made since this date (UTC unless the value has an offset). Without it the trigger starts from the moment it is activated.',
				displayOptions: { show: { '/event': RECORD_EVENTS } },
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: outputShapeChoices(['compact', 'raw', 'simplified']),
				default: 'raw',
				description:
					"The shape of each record delivered: the Insightly node's Output option, without a request for the custom field definitions",
				displayOptions: { show: { '/event': RECORD_EVENTS } },
			},
			{
				displayName: 'Safety Re-Check (Days)',
				name: 'recheckDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_RECHECK_DAYS,
				description:
					'Every this many days, list every ID again (a few pages per poll) and compare, in case a change escaped the counts. 0 = never.',
				displayOptions: { show: { '/event': ['deletedRecord'] } },
			},
		],
	},
];
