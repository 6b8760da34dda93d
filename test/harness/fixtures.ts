// Throwaway pieces for the harness self-test: a credential type with a generic authenticate
// block, a node type using every context feature the harness offers, and a tiny HTTP server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	NodeOperationError,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeType,
	type IPollFunctions,
} from 'n8n-workflow';

export const GOOD_KEY = 'good-key';

export const probeCredential: ICredentialType = {
	name: 'harnessProbeApi',
	displayName: 'Harness Probe API',
	properties: [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu-1' },
	],
	authenticate: {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.apiKey}}', password: '' },
			headers: { 'X-Region': '={{$credentials.region}}' },
		},
	},
	test: {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' },
		rules: [
			{ type: 'responseCode', properties: { value: 403, message: 'This key may not read /me' } },
		],
	},
};

type ProbeContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

async function probeRequest(
	this: ProbeContext,
	method: IHttpRequestMethods,
	path: string,
	extra: Partial<IHttpRequestOptions> = {},
): Promise<unknown> {
	const { baseUrl } = await this.getCredentials<{ baseUrl: string }>(probeCredential.name);
	return await this.helpers.httpRequestWithAuthentication.call(this, probeCredential.name, {
		method,
		url: `${baseUrl}${path}`,
		json: true,
		...extra,
	});
}

/** A node that echoes its parameters, uploads/downloads binary data, polls, loads options. */
export class ProbeNode implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Harness Probe',
		name: 'harnessProbe',
		group: ['transform'],
		version: [1, 2],
		description: 'Test double for the harness self-test',
		defaults: { name: 'Harness Probe' },
		inputs: ['main'],
		outputs: ['main'],
		polling: true,
		credentials: [{ name: probeCredential.name, required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Echo', value: 'echo' },
					{ name: 'Upload', value: 'upload' },
					{ name: 'Download', value: 'download' },
				],
				default: 'echo',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				default: 7,
				displayOptions: { show: { operation: ['echo'] } },
			},
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: 'none',
				displayOptions: { show: { operation: ['echo'] } },
			},
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				displayOptions: { show: { operation: ['upload', 'download'] } },
			},
		],
	};

	methods = {
		loadOptions: {
			async getColors(this: ILoadOptionsFunctions) {
				const colors = (await probeRequest.call(this, 'GET', '/colors')) as string[];
				const prefix = this.getCurrentNodeParameter('label') as string;
				return colors.map((color) => ({ name: `${prefix}:${color}`, value: color }));
			},
		},
		resourceMapping: {
			async getColorFields(this: ILoadOptionsFunctions) {
				const colors = (await probeRequest.call(this, 'GET', '/colors')) as string[];
				return {
					fields: colors.map((color) => ({
						id: color,
						displayName: color,
						required: color === 'red',
						defaultMatch: false,
						display: true,
						type: 'string' as const,
					})),
				};
			},
		},
		listSearch: {
			async searchColors(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
				const page = Number(paginationToken ?? 0);
				const colors = (await probeRequest.call(this, 'GET', '/colors')) as string[];
				const matching = colors.filter((color) => !filter || color.includes(filter));
				return {
					results: matching
						.slice(page * 2, page * 2 + 2)
						.map((color) => ({ name: color, value: color })),
					paginationToken: matching.length > page * 2 + 2 ? String(page + 1) : undefined,
				};
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				out.push({ ...(await runOperation.call(this, i, items[i])), pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		state.polls = ((state.polls as number | undefined) ?? 0) + 1;
		const after = (state.cursor as number | undefined) ?? 0;
		const found = (await probeRequest.call(this, 'GET', '/events', {
			qs: { after },
		})) as IDataObject[];
		if (found.length === 0) return null;
		state.cursor = Math.max(...found.map((event) => event.id as number));
		return [this.helpers.returnJsonArray(found)];
	}
}

async function runOperation(
	this: IExecuteFunctions,
	i: number,
	item: INodeExecutionData,
): Promise<INodeExecutionData> {
	const operation = this.getNodeParameter('operation', i) as string;
	if (operation === 'echo') {
		const reply = await probeRequest.call(this, 'POST', '/echo', {
			body: {
				limit: this.getNodeParameter('limit', i),
				label: this.getNodeParameter('label', i),
				item: item.json,
				timezone: this.getTimezone(),
			},
		});
		if (item.json.fail)
			throw new NodeOperationError(this.getNode(), `item ${i} asked to fail`, { itemIndex: i });
		return { json: reply as IDataObject };
	}
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	if (operation === 'upload') {
		this.helpers.assertBinaryData(i, property);
		const bytes = await this.helpers.getBinaryDataBuffer(i, property);
		const reply = await probeRequest.call(this, 'POST', '/upload', {
			body: bytes,
			json: false,
			headers: { 'content-type': 'application/octet-stream' },
		});
		return { json: reply as IDataObject };
	}
	const bytes = (await probeRequest.call(this, 'GET', '/file', {
		encoding: 'arraybuffer',
		json: false,
	})) as Buffer;
	return {
		json: { size: bytes.length },
		binary: {
			[property]: await this.helpers.prepareBinaryData(
				Buffer.from(bytes),
				'file.bin',
				'application/octet-stream',
			),
		},
	};
}

interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
}

export interface ProbeServer {
	url: string;
	requests: RecordedRequest[];
	events: IDataObject[];
	fileBytes: Buffer;
	close(): Promise<void>;
}

/** A local API that accepts Basic auth with GOOD_KEY (403 for 'limited-key') and records every request. */
export async function startProbeServer(): Promise<ProbeServer> {
	const state = {
		requests: [] as RecordedRequest[],
		events: [] as IDataObject[],
		fileBytes: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256)),
	};
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			state.requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body,
			});
			const json = (status: number, value: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			const auth = req.headers.authorization ?? '';
			const key = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
				.toString()
				.replace(/:$/, '');
			if (key === 'limited-key') return json(403, { message: 'forbidden' });
			if (key !== GOOD_KEY) return json(401, { message: 'bad key' });
			const url = new URL(req.url ?? '/', 'http://x');
			switch (`${req.method} ${url.pathname}`) {
				case 'GET /me':
					return json(200, { user: 'probe' });
				case 'POST /echo':
					return json(200, {
						received: JSON.parse(body.toString() || '{}'),
						region: req.headers['x-region'],
					});
				case 'GET /colors':
					return json(200, ['red', 'green', 'blue', 'grey', 'gold']);
				case 'GET /events': {
					const after = Number(url.searchParams.get('after') ?? 0);
					return json(
						200,
						state.events.filter((event) => (event.id as number) > after),
					);
				}
				case 'POST /upload':
					return json(200, { size: body.length, first: body[0], last: body[body.length - 1] });
				case 'GET /file':
					res.writeHead(200, { 'content-type': 'application/octet-stream' });
					return res.end(state.fileBytes);
				default:
					return json(404, { message: 'not found' });
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		...state,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
