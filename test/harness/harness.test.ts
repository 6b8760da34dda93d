// Self-test of test/helpers/n8n.ts: the throwaway node and credential in ./fixtures run
// through n8n-core's real contexts against a local HTTP server.
import type { INodeType } from 'n8n-workflow';

import {
	binaryToBuffer,
	createExecuteContext,
	createPollRunner,
	executeNode,
	listSearch,
	loadOptions,
	resourceMapping,
	testCredential,
} from '../helpers/n8n';
import {
	GOOD_KEY,
	probeCredential,
	ProbeNode,
	startProbeServer,
	type ProbeServer,
} from './fixtures';

let server: ProbeServer;
const node = new ProbeNode();

beforeAll(async () => {
	server = await startProbeServer();
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.requests.length = 0;
	server.events.length = 0;
});

const credentials = (apiKey = GOOD_KEY) => ({
	[probeCredential.name]: { apiKey, baseUrl: server.url },
});
const common = () => ({ credentials: credentials(), credentialTypes: [probeCredential] });

describe('executeNode', () => {
	it('fills parameter defaults and sends the auth built from the credential', async () => {
		const [out] = await executeNode(node, {
			...common(),
			parameters: { label: 'hi' },
			timezone: 'Asia/Tokyo',
		});

		expect(out).toHaveLength(1);
		// limit was not given: its default (7) reached the node through getNodeParameter.
		expect(out[0].json.received).toEqual({
			limit: 7,
			label: 'hi',
			item: {},
			timezone: 'Asia/Tokyo',
		});
		// region was not given in the credential data: its default reached the header.
		expect(out[0].json.region).toBe('eu-1');
		const [request] = server.requests;
		expect(request.headers.authorization).toBe(
			`Basic ${Buffer.from(`${GOOD_KEY}:`).toString('base64')}`,
		);
	});

	it('resolves expressions per item, lets the node pair items and continue on fail', async () => {
		const items = [{ json: { n: 0 } }, { json: { n: 1, fail: true } }, { json: { n: 2 } }];
		const parameters = { label: '={{ "n" + $json.n }}', limit: '={{ $json.n * 10 }}' };
		const [out] = await executeNode(node, { ...common(), parameters, items, continueOnFail: true });

		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toBe('item 1 asked to fail');
		expect(out[2].json.received).toMatchObject({ label: 'n2', limit: 20, item: { n: 2 } });
	});

	it('throws without continueOnFail', async () => {
		const items = [{ json: { fail: true } }];
		await expect(executeNode(node, { ...common(), parameters: {}, items })).rejects.toThrow(
			'item 0 asked to fail',
		);
	});

	it('surfaces a rejected key as NodeApiError after n8n retries the 401 once', async () => {
		const run = executeNode(node, {
			credentials: credentials('wrong'),
			credentialTypes: [probeCredential],
			parameters: {},
		});
		await expect(run).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(server.requests).toHaveLength(2);
	});

	it('round-trips binary data through the in-memory binary data service', async () => {
		const [downloaded] = await executeNode(node, {
			...common(),
			parameters: { operation: 'download', binaryPropertyName: 'file' },
		});
		const binary = downloaded[0].binary!.file;
		expect(binary).toMatchObject({ fileName: 'file.bin', mimeType: 'application/octet-stream' });
		expect((await binaryToBuffer(binary)).equals(server.fileBytes)).toBe(true);

		const [uploaded] = await executeNode(node, {
			...common(),
			parameters: { operation: 'upload', binaryPropertyName: 'file' },
			items: downloaded,
		});
		expect(uploaded[0].json).toEqual({
			size: 300,
			first: server.fileBytes[0],
			last: server.fileBytes[299],
		});
		expect(server.requests.at(-1)!.body.equals(server.fileBytes)).toBe(true);
	});
});

describe('createExecuteContext and the package credential', () => {
	// A node that only declares insightlyApi: the harness must find that type on its own.
	const insightlyUser: INodeType = {
		description: {
			...node.description,
			name: 'insightlyUser',
			credentials: [{ name: 'insightlyApi', required: true }],
		},
	};

	it('loads credentials/InsightlyApi.credentials.ts without being told about it (and, like n8n, adds no key for it)', async () => {
		const context = await createExecuteContext(insightlyUser, {
			parameters: {},
			credentials: {
				insightlyApi: { apiKey: GOOD_KEY, apiUrl: `${server.url}/v3.1`, allowLocalhost: true },
			},
		});
		// The credential has no authenticate block: only the package's request layer sends the key
		// (test/integration/transport/credentialIsolation.test.ts), so this request is refused.
		await expect(
			context.helpers.httpRequestWithAuthentication.call(context, 'insightlyApi', {
				method: 'GET',
				url: `${server.url}/me`,
				json: true,
			}),
		).rejects.toThrow(/Authorization failed|401/);
		// Defaults of the real credential type are filled in, as n8n does.
		await expect(context.getCredentials('insightlyApi', 0)).resolves.toMatchObject({
			plan: 'unknown',
		});
	});
});

describe('createPollRunner', () => {
	it('persists static data only when a poll returns items; restart() reloads what was persisted', async () => {
		const runner = createPollRunner(node, { ...common(), parameters: {} });

		expect(await runner.poll()).toBeNull();
		expect(runner.staticData).toEqual({ polls: 1 });
		// Nothing emitted: nothing written to the database yet.
		expect(runner.restart().staticData).toEqual({});

		server.events.push({ id: 1 }, { id: 2 });
		const emitted = await runner.poll();
		expect(emitted?.[0].map((item) => item.json.id)).toEqual([1, 2]);
		expect(runner.persistedStaticData).toEqual({ polls: 2, cursor: 2 });

		expect(await runner.poll()).toBeNull();
		expect(runner.staticData).toEqual({ polls: 3, cursor: 2 });

		const restarted = runner.restart();
		expect(restarted.staticData).toEqual({ polls: 2, cursor: 2 });
		server.events.push({ id: 3 });
		const afterRestart = await restarted.poll();
		expect(afterRestart?.[0].map((item) => item.json.id)).toEqual([3]);
		expect(server.requests.at(-1)!.url).toBe('/events?after=2');
	});

	it('never persists in manual mode', async () => {
		server.events.push({ id: 5 });
		const runner = createPollRunner(node, {
			...common(),
			parameters: {},
			mode: 'manual',
			staticData: { cursor: 4 },
		});

		expect((await runner.poll())?.[0]).toHaveLength(1);
		expect(runner.staticData).toEqual({ cursor: 5, polls: 1 });
		expect(runner.restart().staticData).toEqual({ cursor: 4 });
	});
});

describe('loadOptions, listSearch and resourceMapping', () => {
	it('runs a loadOptions method with the current node parameters', async () => {
		const options = await loadOptions(node, 'getColors', {
			...common(),
			parameters: { label: 'c' },
		});
		expect(options.map((option) => option.name)).toEqual([
			'c:red',
			'c:green',
			'c:blue',
			'c:grey',
			'c:gold',
		]);
	});

	it('passes filter and pagination token to a listSearch method', async () => {
		const first = await listSearch(node, 'searchColors', {
			...common(),
			parameters: {},
			filter: 'g',
		});
		expect(first).toEqual({
			results: [
				{ name: 'green', value: 'green' },
				{ name: 'grey', value: 'grey' },
			],
			paginationToken: '1',
		});
		const second = await listSearch(node, 'searchColors', {
			...common(),
			parameters: {},
			filter: 'g',
			paginationToken: '1',
		});
		expect(second.results.map((result) => result.value)).toEqual(['gold']);
	});

	it('runs a resourceMapping method', async () => {
		const { fields } = await resourceMapping(node, 'getColorFields', {
			...common(),
			parameters: {},
		});
		expect(fields.filter((field) => field.required).map((field) => field.id)).toEqual(['red']);
		expect(fields).toHaveLength(5);
	});
});

describe('testCredential', () => {
	it('runs the declarative test request with the credential auth', async () => {
		expect(
			await testCredential(probeCredential, { apiKey: GOOD_KEY, baseUrl: server.url }),
		).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(server.requests.at(-1)).toMatchObject({ method: 'GET', url: '/me' });
	});

	it('reports a failing key, and a responseCode rule by its message', async () => {
		const rejected = await testCredential(probeCredential, {
			apiKey: 'wrong',
			baseUrl: server.url,
		});
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toMatch(/401|Unauthorized/);

		expect(
			await testCredential(probeCredential, { apiKey: 'limited-key', baseUrl: server.url }),
		).toEqual({
			status: 'Error',
			message: 'This key may not read /me',
		});
	});
});
