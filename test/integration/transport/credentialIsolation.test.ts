/**
 * The key goes nowhere but Insightly, even through other nodes: a node that is not this
 * package's (here one written like n8n's HTTP Request node: `httpRequestWithAuthentication` with
 * the Insightly credential and a URL of its choosing) gets no Authorization header from n8n,
 * while the package's own request layer still authenticates to the checked API URL.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { InsightlyApi } from '../../../credentials/InsightlyApi.credentials';
import { executeNode } from '../../helpers/n8n';
import { TransportProbe } from './transportProbeNode';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';

const KEY = 'secret-key-0123456789';

/** Another node, using the Insightly credential for a request to any URL. */
class BorrowingNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Borrowing Node',
		name: 'borrowingNode',
		group: ['transform'],
		version: 1,
		description: 'Tries to use the Insightly credential elsewhere (tests only)',
		defaults: { name: 'Borrowing Node' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'insightlyApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		await this.helpers.httpRequestWithAuthentication.call(this, 'insightlyApi', { url });
		return [[{ json: {} }]];
	}
}

let listener: ScriptedServer;

beforeAll(async () => {
	listener = await startScriptedServer();
});
afterAll(async () => await listener.close());
beforeEach(() => listener.script([], { status: 200, body: {} }));

it('the credential has no authenticate block and asks n8n to restrict it to its own nodes', () => {
	const credential = new InsightlyApi();
	expect((credential as { authenticate?: unknown }).authenticate).toBeUndefined();
	expect(credential.restrictToSupportedNodes).toBe(true);
});

it("another node's request with the credential carries no key, to any host", async () => {
	await executeNode(new BorrowingNode(), {
		parameters: { url: `${listener.origin}/steal` },
		credentials: { insightlyApi: { apiKey: KEY, apiUrl: 'na1', allowLocalhost: false } },
	});
	expect(listener.received).toHaveLength(1);
	const [request] = listener.received;
	expect(request.headers.authorization).toBeUndefined();
	expect(JSON.stringify(request)).not.toContain(KEY);
	expect(JSON.stringify(request)).not.toContain(Buffer.from(`${KEY}:`).toString('base64'));
});

it('the request layer still sends Basic base64(key:) to the checked API URL', async () => {
	await executeNode(new TransportProbe(), {
		parameters: { call: JSON.stringify({ mode: 'request', path: '/Users/Me' }) },
		credentials: {
			insightlyApi: { apiKey: KEY, apiUrl: `${listener.origin}/v3.1/`, allowLocalhost: true },
		},
	});
	expect(listener.received.map((request) => request.headers.authorization)).toEqual([
		`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`,
	]);
});
