/**
 * Parameters of the Insightly Webhook Trigger. Insightly has no API to register a webhook: the
 * user adds one by hand in Insightly's Workflow Automation, so the node starts with the steps.
 * They follow Insightly's help articles "How to Configure an Automated Workflow" (knowledge
 * article 1411) and "What are webhooks in the workflow automation?" (1420, formerly
 * support.insight.ly/hc/en-us/articles/115004250428); docs/live-api.md, "Webhooks".
 */
import type { INodeProperties } from 'n8n-workflow';

import { customObjectProperty } from '../descriptions/parameters';
import { CUSTOM_OBJECT_RECORD, RECORD_TYPES, type RecordType } from '../objects';
import { CREATED_TOLERANCE_MS } from './record';

/**
 * The record types Insightly's workflow automation runs on: the registry's types that have a page
 * of their own in Insightly's web app and custom fields of their own (contacts, organisations,
 * leads, opportunities, projects, tasks, events, products, quotes, tickets, prospects, knowledge
 * articles), plus custom objects. Notes, emails, milestones, users, teams, price books and line
 * items are not workflow objects (milestones: "not available in workflows", Insightly's "Things
 * to keep in mind for workflow automation"). Which of them an account offers depends on its plan
 * and products.
 */
export const WEBHOOK_TYPES: readonly RecordType[] = RECORD_TYPES.filter(
	(type) => type.custom || (type.webName !== undefined && type.customFields !== undefined),
);

export const WEBHOOK_EVENTS = ['created', 'updated', 'createdOrUpdated'] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** Default of the duplicate window, in minutes. */
export const DEFAULT_DUPLICATE_WINDOW_MINUTES = 10;

/** The canvas subtitle: "Created or Updated Contact". */
export const webhookSubtitle = `={{ ${JSON.stringify({
	created: 'Created',
	updated: 'Updated',
	createdOrUpdated: 'Created or Updated',
})}[$parameter["event"]] + " " + ${JSON.stringify(
	Object.fromEntries(WEBHOOK_TYPES.map((type) => [type.key, type.displayName])),
)}[$parameter["resource"]] }}`;

const SETUP_STEPS = [
	'<b>Set up the webhook in Insightly</b> (an administrator; Workflow Automation is part of the Professional and Enterprise plans):',
	'1. Copy the <b>Production URL</b> above (Webhook URLs) and publish (activate) this workflow.',
	'2. In Insightly open <b>System Settings → Workflow Automation</b> and click <b>New Workflow Process</b>.',
	'3. Give it a name, choose the object of the Record Type below, tick <b>Active</b>, and choose when to check records: <i>When a record is created</i> for Created, <i>When a record is created and edited (repeat check)</i> for Updated or Created or Updated. Save.',
	'4. Add the criteria the records must meet.',
	"5. Add an action <b>Add New Webhook</b>: a name, the Production URL as the URL, and for Basic authentication the user name and password of this node's Insightly Webhook Auth credential. Save.",
	'Insightly then POSTs each matching record to n8n within seconds, without using your API requests. Deleted records never send a webhook: use the Insightly Trigger (polling) with Deleted Record for those.',
];

export const webhookProperties: INodeProperties[] = [
	{
		displayName: SETUP_STEPS.join('<br />'),
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Basic Auth',
				value: 'basicAuth',
				description:
					'Requests must carry the user name and password of the credential; others get 401 and start nothing',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Anyone who knows the URL can start the workflow',
			},
		],
		default: 'basicAuth',
	},
	{
		displayName:
			'Without authentication anyone who learns this URL can start the workflow with a record of their own making. Use Basic Auth, and the same user name and password in the webhook action in Insightly.',
		name: 'noAuthNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['none'] } },
	},
	{
		displayName: 'Record Type',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: WEBHOOK_TYPES.map((type) => ({ name: type.displayName, value: type.key })).sort(
			(a, b) => a.name.localeCompare(b.name),
		),
		default: 'contact',
		description:
			'The object of the Insightly workflow process that sends the webhook. A request whose record has no ID field of this type is refused (400).',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Created',
				value: 'created',
				description: `A record was created: its update time is less than ${CREATED_TOLERANCE_MS / 1000} second after its creation time`,
			},
			{
				name: 'Created or Updated',
				value: 'createdOrUpdated',
				description: 'A record was created or changed',
			},
			{
				name: 'Updated',
				value: 'updated',
				description:
					'An existing record was changed: updated at least a second after it was created',
			},
		],
		default: 'createdOrUpdated',
		description:
			"Insightly's webhook does not say whether a record is new, so the record's own DATE_CREATED_UTC and DATE_UPDATED_UTC decide; each output item says which in its event field",
	},
	{
		displayName: 'Fetch Full Record',
		name: 'fetchFullRecord',
		type: 'boolean',
		default: false,
		description:
			"Whether to read the whole record from Insightly's API for each event (one request, through the Insightly API credential), for when the webhook's body is partial. n8n answers Insightly first, so Insightly never waits on it.",
	},
	customObjectProperty(
		{ show: { resource: [CUSTOM_OBJECT_RECORD], fetchFullRecord: [true] } },
		'The custom object whose records the webhook sends, read by Fetch Full Record.',
	),
	{
		displayName: 'Field Filters',
		name: 'fieldFilters',
		type: 'fixedCollection',
		placeholder: 'Add Condition',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'Start the workflow only for records where every condition holds (other requests get 200 and start nothing)',
		options: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'CITY',
						description:
							"API name of a standard field (CITY, OWNER_USER_ID...) or of a custom field (Region__c), as in the webhook's body",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'The value the field must equal, ignoring case and surrounding spaces (for a multi-select field, one of its values). Empty: the field must be empty.',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Duplicate Window (Minutes)',
				name: 'duplicateWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: DEFAULT_DUPLICATE_WINDOW_MINUTES,
				description:
					'A record delivered again with the same update time within this many minutes starts no second execution (0 = off). Remembers up to 1,000 deliveries. Not checked for test events.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a simplified version of the response instead of the raw data: custom fields become one object keyed by field name. Dates are always ISO 8601 UTC.',
			},
		],
	},
];
