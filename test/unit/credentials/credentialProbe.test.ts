// The credential test's probe (GET /Users/Me) through n8n's `httpRequest` helper: the one the
// probe prefers, and the one n8n's scanner asks for. n8n 1.x and 2.x give credential tests only
// the legacy `request` helper (test/integration/transport/credentialTest.test.ts runs that path
// through the real CredentialTestContext); this file gives the probe the real `httpRequest` of an
// n8n-core ExecuteContext, so that the day n8n offers it to credential tests, every outcome keeps
// its message. The legacy helper is present too and must not be called.
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import {
	insightlyApiTest,
	sendProbe,
	type ProbeHelpers,
} from '../../../nodes/Insightly/methods/credentialTest';
import { createExecuteContext } from '../../helpers/n8n';
import {
	startScriptedServer,
	type ScriptedServer,
} from '../../integration/transport/scriptedServer';

const KEY = 'ik-probe-SECRET-0077';

let server: ScriptedServer;
let context: ICredentialTestFunctions;
let legacyCalls = 0;

beforeAll(async () => {
	server = await startScriptedServer();
	const execute = await createExecuteContext(new Insightly(), { parameters: {} });
	const legacy = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
	context = {
		logger: legacy.logger,
		helpers: {
			...legacy.helpers,
			request: async (...args: Parameters<typeof legacy.helpers.request>) => {
				legacyCalls++;
				return await legacy.helpers.request(...args);
			},
			httpRequest: execute.helpers.httpRequest,
		},
	} as ICredentialTestFunctions;
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	legacyCalls = 0;
});
afterEach(() => {
	expect(legacyCalls).toBe(0);
});

async function runTest(data: Record<string, unknown>) {
	const credential: ICredentialsDecrypted = {
		id: '1',
		name: 'Insightly',
		type: 'insightlyApi',
		data: data as ICredentialsDecrypted['data'],
	};
	return await insightlyApiTest.call(context, credential);
}

describe('credential test through httpRequest', () => {
	it('a good key: OK naming the user, after one GET /v3.1/Users/Me with Basic auth', async () => {
		server.script([{ status: 200, body: { USER_ID: 1, FIRST_NAME: 'Ada', LAST_NAME: 'King' } }]);
		const result = await runTest({
			apiKey: KEY,
			apiUrl: `${server.origin}/v3.1/`,
			allowLocalhost: true,
		});
		expect(result).toEqual({
			status: 'OK',
			message: `Connected to ${server.origin}/v3.1 as Ada King`,
		});
		expect(server.received).toHaveLength(1);
		expect(server.received[0]).toMatchObject({ method: 'GET', url: '/v3.1/Users/Me' });
		expect(server.received[0].headers.authorization).toBe(
			`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`,
		);
		expect(server.received[0].headers.accept).toBe('application/json');
	});

	it('a wrong key (401) says to check the key, and where to find it', async () => {
		server.script([{ status: 401, body: { Message: 'Authorization has been denied.' } }]);
		const result = await runTest({ apiKey: 'wrong', apiUrl: server.origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the API key \(401\)/);
		expect(result.message).toMatch(/User Settings → API/);
	});

	it('a URL where no Insightly API answers (404, plain text) says to check the URL', async () => {
		server.script([{ status: 404, body: 'Not Found' }]);
		const result = await runTest({ apiKey: KEY, apiUrl: server.origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/No Insightly API answered at .* \(404\)/);
	});

	it('a redirect is not followed: the key stays with the checked URL', async () => {
		server.script([
			{ status: 302, headers: { Location: `${server.origin}/elsewhere` } },
			{ status: 200, body: { FIRST_NAME: 'Wrong' } },
		]);
		const result = await runTest({ apiKey: KEY, apiUrl: server.origin, allowLocalhost: true });
		expect(result).toEqual({
			status: 'Error',
			message: 'Insightly answered 302 to GET /Users/Me.',
		});
		expect(server.received).toHaveLength(1);
	});

	it("another status shows Insightly's message, the key redacted", async () => {
		server.script([{ status: 403, body: { Message: `API access is disabled for ${KEY}` } }]);
		const result = await runTest({ apiKey: KEY, apiUrl: server.origin, allowLocalhost: true });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Insightly answered 403 to GET /Users/Me. Insightly said: "API access is disabled for [redacted]"',
		});
	});

	it('a URL where nothing listens says the connection was refused', async () => {
		const closed = await startScriptedServer();
		const origin = closed.origin;
		await closed.close();
		const result = await runTest({ apiKey: KEY, apiUrl: origin, allowLocalhost: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/connection .* was refused/);
	});

	it('a refused URL sends nothing', async () => {
		server.script([], { status: 200, body: {} });
		const result = await runTest({ apiKey: KEY, apiUrl: 'https://evil.example/v3.1/' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/not an Insightly API URL/);
		expect(server.received).toHaveLength(0);
	});
});

describe('sendProbe: which helper', () => {
	it('uses the legacy helper only when the context has no httpRequest (n8n 1.x and 2.x today)', async () => {
		const legacy = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
		server.script([{ status: 401, body: {} }]);
		const response = await sendProbe(legacy.helpers as ProbeHelpers, {
			url: `${server.origin}/v3.1/Users/Me`,
			apiKey: KEY,
		});
		expect(response.statusCode).toBe(401);
		expect(server.received).toHaveLength(1);
		legacyCalls = 0;
	});

	it('throws (read as a network failure) when the context has neither helper', async () => {
		await expect(sendProbe({}, { url: `${server.origin}/x`, apiKey: KEY })).rejects.toThrow(
			/no HTTP helper/,
		);
	});
});
