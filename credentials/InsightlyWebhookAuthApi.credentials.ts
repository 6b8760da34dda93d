import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The user name and password Insightly's workflow webhook sends (Basic authentication) to the
 * Insightly Webhook Trigger, which answers 401 to any request without them.
 *
 * This package's own credential rather than n8n's built-in Basic Auth: a community node may only
 * reference credentials its own package defines (@n8n/community-nodes/no-credential-reuse).
 * Nothing is sent with it, so there is no `authenticate` block and no test request; the node's
 * `insightlyWebhookAuthTest` checks the values locally (nodes/Insightly/webhook/auth.ts).
 */
export class InsightlyWebhookAuthApi implements ICredentialType {
	name = 'insightlyWebhookAuthApi';

	restrictToSupportedNodes = true as const;

	displayName = 'Insightly Webhook Auth API';

	icon: Icon = {
		light: 'file:../nodes/Insightly/insightly.svg',
		dark: 'file:../nodes/Insightly/insightly.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-insightly/n8n-nodes-insightly#insightly-webhook-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				'Choose a user name and a long random password, then enter the same two in Insightly: System Settings → Workflow Automation → your process → the "Add New Webhook" action (Basic authentication). The Insightly Webhook Trigger answers 401 to every request without them.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'insightly',
			description: 'User name Insightly sends with each webhook (no colon)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Password Insightly sends with each webhook; use a long random one',
		},
	];
}
