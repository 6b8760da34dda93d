import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { InsightlyWebhookTrigger } from '../../../nodes/Insightly/InsightlyWebhookTrigger.node';
import { CUSTOM_OBJECT_RECORD } from '../../../nodes/Insightly/objects';
import { WEBHOOK_TYPES, webhookSubtitle } from '../../../nodes/Insightly/webhook/description';

const node = new InsightlyWebhookTrigger();

describe('Insightly Webhook Trigger description', () => {
	it('offers the types Insightly workflows run on, custom objects included', () => {
		expect(WEBHOOK_TYPES.map((type) => type.key).sort()).toEqual(
			[
				'contact',
				'organisation',
				'lead',
				'opportunity',
				'project',
				'task',
				'event',
				'product',
				'quote',
				'ticket',
				'prospect',
				'knowledgeArticle',
				CUSTOM_OBJECT_RECORD,
			].sort(),
		);
	});

	it('is a POST webhook answered at once ("onReceived")', () => {
		expect(node.description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
		expect(node.description.group).toEqual(['trigger']);
		expect(node.description.inputs).toEqual([]);
	});

	it('wants the Basic Auth credential only with Basic Auth, the API credential only to fetch', () => {
		const show = (parameters: INodeParameters) =>
			(node.description.credentials ?? [])
				.filter((credential) =>
					NodeHelpers.displayParameter(parameters, credential, null, node.description),
				)
				.map((credential) => credential.name);
		expect(show({ authentication: 'basicAuth', fetchFullRecord: false })).toEqual([
			'insightlyWebhookAuthApi',
		]);
		expect(show({ authentication: 'none', fetchFullRecord: true })).toEqual(['insightlyApi']);
		for (const credential of node.description.credentials ?? []) {
			expect(credential.required).toBe(true);
			expect(typeof node.methods.credentialTest[credential.testedBy as 'insightlyApiTest']).toBe(
				'function',
			);
		}
	});

	it('has the setup steps, and a warning only without authentication', () => {
		const notices = node.description.properties.filter((property) => property.type === 'notice');
		const setup = notices.find((notice) => notice.name === 'setupNotice')!;
		for (const words of [
			'System Settings → Workflow Automation',
			'New Workflow Process',
			'Add New Webhook',
			'Production URL',
			'Professional and Enterprise',
			'Deleted Record',
		])
			expect(setup.displayName).toContain(words);
		const warning = notices.find((notice) => notice.name === 'noAuthNotice')!;
		expect(warning.displayOptions).toEqual({ show: { authentication: ['none'] } });
	});

	it('names event and record type on the canvas', () => {
		const [, events, types] =
			/^=\{\{ (\{.*\})\[\$parameter\["event"\]\] \+ " " \+ (\{.*\})\[\$parameter\["resource"\]\] \}\}$/.exec(
				webhookSubtitle,
			) ?? [];
		expect(JSON.parse(events).createdOrUpdated).toBe('Created or Updated');
		expect(JSON.parse(types).opportunity).toBe('Opportunity');
	});
});
