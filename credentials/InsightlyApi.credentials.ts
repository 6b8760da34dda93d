import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * Tested by the nodes (`testedBy: 'insightlyApiTest'`, nodes/Insightly/methods/credentialTest.ts):
 * a function test can tell every failure apart on n8n 1.x and 2.x and applies the same host guard
 * as the request layer before anything is sent.
 *
 * No `authenticate` block, on purpose: with one, any node (n8n's HTTP Request node, an AI agent's
 * HTTP tool) could use this credential and n8n would add the key to a request to any host. The
 * package's request layer adds the Basic header itself, after checking the host
 * (nodes/Insightly/transport/request.ts). On n8n versions that know it, `restrictToSupportedNodes`
 * also makes n8n refuse the credential to every node but this package's own.
 */
export class InsightlyApi implements ICredentialType {
	name = 'insightlyApi';

	restrictToSupportedNodes = true as const;

	displayName = 'Insightly API';

	icon: Icon = {
		light: 'file:../nodes/Insightly/insightly.svg',
		dark: 'file:../nodes/Insightly/insightly.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-insightly/n8n-nodes-insightly#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'Where to find your API key and URL: 1. Log in to Insightly. 2. Click your profile icon (top right) and choose User Settings. 3. In the API section, copy the API key (one is already generated; you can generate a new one there) and the API URL.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"Your Insightly API key, from profile icon → User Settings → API. Requests run with your user's permissions.",
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://api.na1.insightly.com/v3.1/',
			description:
				'The API URL shown next to the key (for example https://api.na1.insightly.com/v3.1/), or just its pod (na1). The key is only ever sent to https://api.&lt;pod&gt;.insightly.com.',
		},
		{
			displayName: 'Plan',
			name: 'plan',
			type: 'options',
			default: 'unknown',
			description:
				"Your Insightly plan sets the daily request limit of the instance. Used for the trigger's daily budget until Insightly's own X-RateLimit-Limit header has been seen.",
			options: [
				{ name: "Don't Know", value: 'unknown' },
				{ name: 'Enterprise (100,000 Requests a Day)', value: 'enterprise' },
				{ name: 'Free (1,000 Requests a Day)', value: 'free' },
				{ name: 'Legacy (20,000 Requests a Day)', value: 'legacy' },
				{ name: 'Plus (40,000 Requests a Day)', value: 'plus' },
				{ name: 'Professional (60,000 Requests a Day)', value: 'professional' },
			],
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1, maxValue: 10 },
			description:
				'Insightly allows 10 requests per second. Lower it when other apps share the same Insightly instance. Each n8n process paces all nodes using this credential to at most this, and slows down by itself when Insightly answers that the limit is reached (queue-mode workers settle on a share).',
		},
		{
			displayName: 'Allow Localhost',
			name: 'allowLocalhost',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow an API URL on this machine (localhost, 127.0.0.1 or [::1], any port, http allowed), such as the Insightly sandbox used for development and tests. Leave off for a real Insightly account.',
		},
	];
}
