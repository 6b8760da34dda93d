import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { insightlyApiTest } from './methods/credentialTest';
import { loadOptions } from './methods/loadOptions';
import { insightlyWebhookAuthTest } from './webhook/auth';
import { webhookProperties, webhookSubtitle } from './webhook/description';
import { receive } from './webhook/receive';

export class InsightlyWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insightly Webhook Trigger',
		name: 'insightlyWebhookTrigger',
		icon: { light: 'file:insightly.svg', dark: 'file:insightly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: webhookSubtitle,
		description:
			"Starts the workflow within seconds when an Insightly workflow automation sends a record (created or edited), using none of Insightly's API requests",
		defaults: { name: 'Insightly Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'insightlyWebhookAuthApi',
				required: true,
				testedBy: 'insightlyWebhookAuthTest',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
			{
				name: 'insightlyApi',
				required: true,
				testedBy: 'insightlyApiTest',
				displayOptions: { show: { fetchFullRecord: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: webhookProperties,
	};

	methods = {
		loadOptions: { getCustomObjects: loadOptions.getCustomObjects },
		credentialTest: { insightlyApiTest, insightlyWebhookAuthTest },
	};

	// Insightly has no API to register a webhook (docs/live-api.md, "Webhooks"): the user adds it
	// by hand in Insightly's Workflow Automation with this node's URL (the setup notice says how).
	// So there is nothing to check, create or delete on Insightly's side when the workflow is
	// published or unpublished; n8n registers and removes the URL on its own side.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	// Each request from Insightly: webhook/receive.ts.
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
