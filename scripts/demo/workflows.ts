/**
 * Example workflows imported by `npm start`: what a user would build first with the package.
 */
import { CREDENTIALS, WEBHOOK_AUTH } from '../../test/e2e/lib/environment';
import {
	byId,
	chainWorkflow,
	insightlyNode,
	INSIGHTLY_TRIGGER,
	INSIGHTLY_WEBHOOK_TRIGGER,
	type WorkflowJson,
} from '../../test/e2e/lib/workflows';

const insightly = (name: string, parameters: Record<string, unknown>) =>
	insightlyNode(name, parameters, CREDENTIALS.sandbox);

const SAMPLE_PEOPLE = [
	{
		email: 'grace.hopper@example.org',
		firstName: 'Grace',
		lastName: 'Hopper',
		title: 'Rear Admiral',
	},
	{ email: 'alan.turing@example.org', firstName: 'Alan', lastName: 'Turing', title: 'Researcher' },
	{
		email: 'katherine.johnson@example.org',
		firstName: 'Katherine',
		lastName: 'Johnson',
		title: 'Mathematician',
	},
];

/** Rows from another system (here a fixed list) created or updated in Insightly by email. */
export const contactSync: WorkflowJson = chainWorkflow(
	'demoContactSync',
	'Contact sync (create or update by email)',
	[
		{
			name: 'People From Another App',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ people: SAMPLE_PEOPLE }, null, 2),
				options: {},
			},
		},
		{
			name: 'One Item per Person',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'people', options: {} },
		},
		insightly('Create or Update Contact', {
			resource: 'contact',
			operation: 'upsert',
			matchField: 'EMAIL_ADDRESS',
			matchValue: '={{ $json.email }}',
			FIRST_NAME: '={{ $json.firstName }}',
			additionalFields: { LAST_NAME: '={{ $json.lastName }}', TITLE: '={{ $json.title }}' },
		}),
	],
);

/** Polls for new leads; published so it runs as soon as n8n is up. */
export const newLeadTrigger: WorkflowJson = chainWorkflow(
	'demoNewLead',
	'New lead trigger',
	[
		{
			name: 'Lead Summary',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: 'name',
							name: 'name',
							type: 'string',
							value: '={{ [$json.FIRST_NAME, $json.LAST_NAME].filter(Boolean).join(" ") }}',
						},
						{ id: 'email', name: 'email', type: 'string', value: '={{ $json.EMAIL }}' },
						{ id: 'id', name: 'leadId', type: 'number', value: '={{ $json.LEAD_ID }}' },
					],
				},
				options: {},
			},
		},
	],
	{
		trigger: {
			name: 'New Lead',
			type: INSIGHTLY_TRIGGER,
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				resource: 'lead',
				event: 'newRecord',
			},
			credentials: { insightlyApi: CREDENTIALS.sandbox },
		},
	},
);

/** Marks the first open opportunity won and tags it. */
export const opportunityWon: WorkflowJson = chainWorkflow('demoOppWon', 'Opportunity won', [
	insightly('First Open Opportunity', {
		resource: 'opportunity',
		operation: 'getAll',
		returnAll: false,
		limit: 1,
		filters: { fieldName: 'OPPORTUNITY_STATE', fieldValue: 'Open' },
	}),
	insightly('Mark Won', {
		resource: 'opportunity',
		operation: 'changeState',
		recordId: byId('={{ $json.OPPORTUNITY_ID }}'),
		state: 'Won',
	}),
	insightly('Tag Won via n8n', {
		resource: 'tag',
		operation: 'add',
		recordType: 'opportunity',
		recordId: byId("={{ $('First Open Opportunity').item.json.OPPORTUNITY_ID }}"),
		tagName: 'Won via n8n',
	}),
]);

/** The webhook id of the instant contact workflow: its production URL is /webhook/<id>/webhook. */
export const CONTACT_WEBHOOK_ID = '8d0c6f3a-2b1e-4c5d-9a7b-6e5f4d3c2b1a';

/**
 * Contacts created or edited in Insightly, within seconds, through a workflow automation webhook
 * (the Insightly Webhook Trigger with its Basic auth credential). Publish it, then register its
 * production URL in the sandbox (sandbox/README.md, "Workflow automation webhooks").
 */
export const instantContact: WorkflowJson = chainWorkflow(
	'demoInstantContact',
	'Contact created or updated (instant webhook)',
	[
		{
			name: 'Contact Summary',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'event', name: 'event', type: 'string', value: '={{ $json.event }}' },
						{
							id: 'name',
							name: 'name',
							type: 'string',
							value: '={{ [$json.FIRST_NAME, $json.LAST_NAME].filter(Boolean).join(" ") }}',
						},
						{ id: 'email', name: 'email', type: 'string', value: '={{ $json.EMAIL_ADDRESS }}' },
						{
							id: 'changed',
							name: 'changedAt',
							type: 'string',
							value: '={{ $json.DATE_UPDATED_UTC }}',
						},
						{ id: 'id', name: 'contactId', type: 'number', value: '={{ $json.CONTACT_ID }}' },
					],
				},
				options: {},
			},
		},
	],
	{
		trigger: {
			name: 'Insightly Contact Webhook',
			type: INSIGHTLY_WEBHOOK_TRIGGER,
			parameters: { resource: 'contact', event: 'createdOrUpdated', authentication: 'basicAuth' },
			credentials: { insightlyWebhookAuthApi: WEBHOOK_AUTH.ref },
			settings: { webhookId: CONTACT_WEBHOOK_ID },
		},
	},
);

export const DEMO_WORKFLOWS = [contactSync, newLeadTrigger, opportunityWon, instantContact];
/** Published at start-up (the others are run by hand with "Execute workflow"). */
export const ACTIVE_DEMO_WORKFLOWS = [newLeadTrigger];
