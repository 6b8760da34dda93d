/**
 * The packed package loads in real n8n: the credential type is usable by n8n's own HTTP Request
 * node (proves `authenticate` runs inside n8n) and the Insightly node runs under its
 * community-package type name.
 */
import { CREDENTIALS, E2eEnvironment, credentialsFor } from './lib/environment';
import { currentMajor } from './lib/n8nVersions';
import { chainWorkflow, INSIGHTLY_NODE } from './lib/workflows';

const major = currentMajor();

describe(`package in n8n ${major}.x`, () => {
	let env: E2eEnvironment;

	const httpRequest = (url: string) =>
		chainWorkflow('httpUsersMe', 'HTTP Request with the Insightly credential', [
			{
				name: 'Users Me',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: 'insightlyApi', options: {} },
				credentials: credentialsFor(CREDENTIALS.sandbox),
			},
		]);
	const currentUser = chainWorkflow('nodeUsersMe', 'Insightly node: current user', [
		{
			name: 'Current User',
			type: INSIGHTLY_NODE,
			parameters: { resource: 'user', operation: 'getCurrent' },
			credentials: credentialsFor(CREDENTIALS.sandbox),
		},
	]);

	beforeAll(async () => {
		env = await E2eEnvironment.start(major);
		await env.importWorkflows([httpRequest(`${env.sandbox.apiUrl}/Users/Me`), currentUser]);
	});
	afterAll(() => env?.stop());

	test('the HTTP Request node authenticates with the insightlyApi credential type (Basic auth, key as user)', async () => {
		env.sandbox.clearLog();
		const run = await env.execute(httpRequest(''));
		expect(run.error).toBeUndefined();
		const [user] = run.json('Users Me');
		expect(user).toHaveProperty('USER_ID');
		expect(env.sandbox.log().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /v3.1/Users/Me 200']);
	});

	test(`the action node runs as ${INSIGHTLY_NODE}`, async () => {
		env.sandbox.clearLog();
		const run = await env.execute(currentUser);
		expect(run.error).toBeUndefined();
		const [user] = run.json('Current User');
		expect(user.USER_ID).toBe(env.sandbox.state.meUserId);
		expect(env.sandbox.log().some((e) => e.path === '/v3.1/Users/Me' && e.status === 200)).toBe(true);
	});
});
