/**
 * Server text in the request layer's errors (what a workflow and an AI agent see): redacted
 * first, then capped, for plain-text bodies and JSON `Message`s alike.
 */
import { executeNode } from '../../helpers/n8n';
import { MAX_SERVER_TEXT } from '../../../nodes/Insightly/transport/errors';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';
import { TransportProbe } from './transportProbeNode';

const KEY = '5c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const BASIC = Buffer.from(`${KEY}:`).toString('base64');

let server: ScriptedServer;
beforeAll(async () => {
	server = await startScriptedServer();
});
afterAll(async () => await server.close());

async function failureOf(body: unknown): Promise<string> {
	server.script([{ status: 400, body }]);
	try {
		await executeNode(new TransportProbe(), {
			parameters: { call: JSON.stringify({ mode: 'request', path: '/Contacts/1' }) },
			credentials: {
				insightlyApi: { apiKey: KEY, apiUrl: `${server.origin}/v3.1/`, allowLocalhost: true },
			},
		});
	} catch (error) {
		const { message, description } = error as { message: string; description?: string };
		return `${message}\n${description ?? ''}\n${JSON.stringify(error)}`;
	}
	throw new Error('the request did not fail');
}

it('a plain-text body with the key at character 280 leaks none of it', async () => {
	const shown = await failureOf(`${'e'.repeat(280)}${KEY} and ${BASIC} ${'t'.repeat(1_000)}`);
	for (let length = 8; length <= KEY.length; length++)
		expect(shown).not.toContain(KEY.slice(0, length));
	expect(shown).not.toContain(BASIC.slice(0, 12));
	expect(shown).toContain('[redacted]');
});

it('a 5 MB JSON Message is capped', async () => {
	const shown = await failureOf({ Message: `Invalid ${KEY}: ${'m'.repeat(5_000_000)}` });
	expect(shown).not.toContain(KEY);
	expect(shown).toContain('[redacted]');
	expect(shown.length).toBeLessThan(10 * MAX_SERVER_TEXT);
});
