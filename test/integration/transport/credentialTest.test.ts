// The credential's test request (GET /Users/Me) as n8n's credential tester runs it, against a
// local server: a wrong key and a wrong URL give different messages, and the key never leaves
// for a host the guard refuses.
import { InsightlyApi } from '../../../credentials/InsightlyApi.credentials';
import { testCredential } from '../../helpers/n8n';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';

const KEY = 'ik-credential-test-SECRET-0042';
const credential = new InsightlyApi();

let server: ScriptedServer;
beforeAll(async () => {
	server = await startScriptedServer();
});
afterAll(async () => {
	await server.close();
});

const test401 = (credential.test.rules ?? []).find((rule) => rule.type === 'responseCode' && rule.properties.value === 401);
const test404 = (credential.test.rules ?? []).find((rule) => rule.type === 'responseCode' && rule.properties.value === 404);

describe('credential test against a local Insightly stand-in (allowLocalhost)', () => {
	it('a good key: OK, after one GET /v3.1/Users/Me with Basic auth', async () => {
		server.script([{ status: 200, body: { USER_ID: 1, EMAIL_ADDRESS: 'ada@example.com' } }]);
		const result = await testCredential(credential, { apiKey: KEY, apiUrl: `${server.origin}/v3.1/`, allowLocalhost: true });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.received).toHaveLength(1);
		expect(server.received[0]).toMatchObject({ method: 'GET', url: '/v3.1/Users/Me' });
		expect(server.received[0].headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`);
	});

	it('a wrong key (401) says to check the key', async () => {
		const denied = { status: 401, body: { Message: 'Authorization has been denied for this request.' } };
		server.script([denied, denied]);
		const result = await testCredential(credential, { apiKey: 'wrong', apiUrl: server.origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		// n8n's helper sends a request rejected with 401 once more (it re-runs pre-authentication).
		expect(server.received).toHaveLength(2);
		expect(result.message).toBe(test401?.type === 'responseCode' ? test401.properties.message : 'missing rule');
		expect(result.message).toMatch(/API key/);
	});

	it('a URL where no Insightly API answers (404) says to check the URL', async () => {
		server.script([{ status: 404, body: 'Not Found' }]);
		const result = await testCredential(credential, { apiKey: KEY, apiUrl: server.origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(test404?.type === 'responseCode' ? test404.properties.message : 'missing rule');
		expect(result.message).toMatch(/API URL/);
	});
});

describe('credential test with a refused URL: no request reaches the host', () => {
	it.each([
		['loopback without the opt-in', () => server.origin, false],
		['userinfo trick towards loopback', () => `https://api.na1.insightly.com@127.0.0.1:${server.port}/`, true],
		['a host that is not Insightly', () => 'https://evil.example/v3.1/', false],
	])('%s', async (_label, apiUrl, allowLocalhost) => {
		server.script([], { status: 200, body: {} });
		const result = await testCredential(credential, { apiKey: KEY, apiUrl: apiUrl(), allowLocalhost });
		expect(result.status).toBe('Error');
		expect(server.received).toHaveLength(0);
		expect(result.message).not.toContain(KEY);
		// The test went to the never-resolving placeholder host instead.
		expect(result.message).toMatch(/ENOTFOUND|EAI_AGAIN/);
	});
});
