// The credential test function (GET /Users/Me) as n8n's credential tester runs it: through
// n8n-core's real CredentialTestContext and its request helper, against a local server. Every
// outcome has its own message, and the key never leaves for a host the guard refuses.
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialsDecrypted, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { insightlyApiTest, networkAdvice } from '../../../nodes/Insightly/methods/credentialTest';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';

const KEY = 'ik-credential-test-SECRET-0042';

let server: ScriptedServer;
beforeAll(async () => {
	server = await startScriptedServer();
});
afterAll(async () => {
	await server.close();
});

async function runTest(data: Record<string, unknown>) {
	const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
	const credential: ICredentialsDecrypted = {
		id: '1',
		name: 'Insightly',
		type: 'insightlyApi',
		data: data as ICredentialsDecrypted['data'],
	};
	return await insightlyApiTest.call(context, credential);
}

describe('credential test against a local Insightly stand-in (allowLocalhost)', () => {
	it('a good key: OK naming the user, after one GET /v3.1/Users/Me with Basic auth', async () => {
		server.script([
			{
				status: 200,
				body: {
					USER_ID: 1,
					FIRST_NAME: 'Ada',
					LAST_NAME: 'Lovelace',
					EMAIL_ADDRESS: 'ada@example.com',
				},
			},
		]);
		const result = await runTest({
			apiKey: KEY,
			apiUrl: `${server.origin}/v3.1/`,
			allowLocalhost: true,
		});
		expect(result).toEqual({
			status: 'OK',
			message: `Connected to ${server.origin}/v3.1 as Ada Lovelace`,
		});
		expect(server.received).toHaveLength(1);
		expect(server.received[0]).toMatchObject({ method: 'GET', url: '/v3.1/Users/Me' });
		expect(server.received[0].headers.authorization).toBe(
			`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`,
		);
	});

	it('a wrong key (401) says to check the key, and where to find it', async () => {
		server.script([
			{ status: 401, body: { Message: 'Authorization has been denied for this request.' } },
		]);
		const result = await runTest({ apiKey: 'wrong', apiUrl: server.origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the API key \(401\)/);
		expect(result.message).toMatch(/User Settings → API/);
	});

	it('a URL where no Insightly API answers (404) says to check the URL', async () => {
		server.script([{ status: 404, body: 'Not Found' }]);
		const result = await runTest({ apiKey: KEY, apiUrl: server.origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/No Insightly API answered at .* \(404\)/);
	});

	it('a URL where nothing listens says the connection was refused', async () => {
		const closed = await startScriptedServer();
		const origin = closed.origin;
		await closed.close();
		const result = await runTest({ apiKey: KEY, apiUrl: origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/connection .* was refused/);
	});

	it("another status shows Insightly's message", async () => {
		server.script([{ status: 403, body: { Message: 'API access is disabled for this user' } }]);
		const result = await runTest({ apiKey: KEY, apiUrl: server.origin, allowLocalhost: true });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Insightly answered 403 to GET /Users/Me. Insightly said: "API access is disabled for this user"',
		});
	});
});

describe("credential test: Insightly's Message is redacted, then capped", () => {
	it.each([400, 403, 429, 500])('%s with the key echoed in a 2 MB Message', async (status) => {
		const echoed = `Bad key ${KEY} (${Buffer.from(`${KEY}:`).toString('base64')}) ${'z'.repeat(2_000_000)}`;
		server.script([{ status, body: { Message: echoed } }]);
		const result = await runTest({
			apiKey: KEY,
			apiUrl: `${server.origin}/v3.1/`,
			allowLocalhost: true,
		});
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain(KEY);
		expect(result.message).not.toContain(Buffer.from(`${KEY}:`).toString('base64'));
		expect(result.message).toContain('[redacted]');
		expect(result.message.length).toBeLessThan(1_000);
	});
});

describe('credential test with a refused URL: nothing is sent', () => {
	it.each([
		['loopback without the opt-in', () => server.origin, false],
		[
			'userinfo trick towards loopback',
			() => `https://api.na1.insightly.com@127.0.0.1:${server.port}/`,
			true,
		],
		['a host that is not Insightly', () => 'https://evil.example/v3.1/', false],
		["the web app's address", () => 'https://crm.na1.insightly.com/details/Contact/1', false],
	])('%s', async (_label, apiUrl, allowLocalhost) => {
		server.script([], { status: 200, body: {} });
		const result = await runTest({ apiKey: KEY, apiUrl: apiUrl(), allowLocalhost });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/not an Insightly API URL/);
		expect(result.message).not.toContain(KEY);
		expect(server.received).toHaveLength(0);
	});
});

describe('credential test: network failures', () => {
	it('a name that does not resolve blames the network first, the pod second', () => {
		const message = networkAdvice('ENOTFOUND', 'https://api.na1.insightly.com/v3.1');
		expect(message).toMatch(
			/^n8n's server could not resolve api\.na1\.insightly\.com \(ENOTFOUND\)/,
		);
		expect(message).toMatch(/no internet or DNS access, or the pod in the API URL is wrong/);
	});
});
