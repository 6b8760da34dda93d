// Runs a node through n8n-core's real execution contexts (see test/helpers/README.md):
// n8n's own getNodeParameter, getCredentials, helpers.httpRequestWithAuthentication (with the
// credential's `authenticate` block applied), static data, binary helpers, continueOnFail.
import { Container } from '@n8n/di';
import {
	ExecuteContext,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	TriggersAndPollers,
	WebhookContext,
} from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialTestRequest,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type ITaskDataConnections,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type ResourceMapperFields,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { ensureBinaryDataService } from './binary';
import {
	CredentialTypeRegistry,
	packageCredentialTypes,
	TestCredentialsHelper,
	type CredentialsByType,
} from './credentials';
import { InsightlyWebhookAuthApi } from '../../credentials/InsightlyWebhookAuthApi.credentials';
import { buildAdditionalData, buildWorkflow, NODE_NAME } from './workflow';

export { binaryToBuffer } from './binary';

interface CommonOptions {
	/** Node parameters as a user sets them; defaults of displayed parameters are filled in. */
	parameters: INodeParameters;
	/** Credential data by credential type name, e.g. `{ insightlyApi: { apiKey, apiUrl } }`. */
	credentials?: CredentialsByType;
	/** Extra credential types (the package's own are loaded from credentials/ by default). */
	credentialTypes?: ICredentialType[];
	/** Workflow timezone (Workflow settings), e.g. 'America/New_York'. */
	timezone?: string;
	typeVersion?: number;
}

export interface RunOptions extends CommonOptions {
	/** Input items; default one empty item, like a manual trigger. */
	items?: INodeExecutionData[];
	/** n8n's "On Error: Continue" node setting (`this.continueOnFail()` returns true). */
	continueOnFail?: boolean;
}

function registryFor(options: CommonOptions): CredentialTypeRegistry {
	return packageCredentialTypes()
		.with([new InsightlyWebhookAuthApi()])
		.with(options.credentialTypes);
}

/**
 * A real ExecuteContext for `nodeType` with these parameters and input items, for tests that
 * call a function such as the transport directly (`insightlyRequest.call(context, ...)`).
 */
export async function createExecuteContext(
	nodeType: INodeType,
	options: RunOptions,
): Promise<ExecuteContext> {
	await ensureBinaryDataService();
	const { workflow, node, additionalData } = buildWorkflow({
		...options,
		nodeType,
		credentials: options.credentials ?? {},
		credentialTypes: registryFor(options),
	});
	return executeContext(workflow, node, additionalData, options.items ?? [{ json: {} }]);
}

/** Runs `nodeType.execute` through a real ExecuteContext and returns its output as is. */
export async function executeNode(
	nodeType: INodeType,
	options: RunOptions,
): Promise<INodeExecutionData[][]> {
	if (!nodeType.execute) throw new Error(`${nodeType.description.name} has no execute()`);
	const context = await createExecuteContext(nodeType, options);
	const output = await nodeType.execute.call(context);
	if (!Array.isArray(output)) {
		throw new Error('execute() returned an engine request, which the harness does not run');
	}
	return output as INodeExecutionData[][];
}

function executeContext(
	workflow: Workflow,
	node: INode,
	additionalData: IWorkflowExecuteAdditionalData,
	items: INodeExecutionData[],
): ExecuteContext {
	const inputData: ITaskDataConnections = { main: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: { main: [null] } };
	return new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		executeData,
		[],
	);
}

interface PollRunnerOptions extends CommonOptions {
	credentials: CredentialsByType;
	/** The node's static data as last persisted (what `getWorkflowStaticData('node')` starts from). */
	staticData?: IDataObject;
	/** 'trigger': an active workflow's scheduled poll; 'manual': the editor's "Fetch Test Event". */
	mode?: 'trigger' | 'manual';
}

export interface PollRunner {
	/** One poll through a real PollContext, as n8n's poll scheduler runs it. */
	poll(): Promise<INodeExecutionData[][] | null>;
	/** The node's static data as it is now in memory (persisted or not). */
	readonly staticData: IDataObject;
	/** The node's static data as n8n last wrote it to the database. */
	readonly persistedStaticData: IDataObject;
	/** Polls so far, and how many of them returned items. */
	readonly polls: number;
	readonly emits: number;
	/** A runner over a fresh Workflow built from the persisted static data: an n8n restart. */
	restart(): PollRunner;
	readonly mode: 'trigger' | 'manual';
}

const NODE_STATIC_KEY = `node:${NODE_NAME}`;

/** JSON round trip as through the database, minus the ObservableObject change flag. */
function persistable(data: IDataObject): IDataObject {
	return JSON.parse(
		JSON.stringify(data, (key, value) => (key === '__dataChanged' ? undefined : value)),
	);
}

/**
 * Polls a trigger like n8n does, including what n8n persists between polls:
 * - 'trigger' mode: n8n writes the workflow's static data to the database only when a poll
 *   returns items (ActiveWorkflowManager's __emit saves it if changed). Changes made by a poll
 *   that returns null, or that throws, live in memory only; `restart()` starts from the data
 *   saved after the last poll that returned items, exactly what n8n reloads after a restart.
 *   (Newer n8n-core also has staged "poll cursors"; the default PollContext commits nothing
 *   extra, and a community node cannot rely on them, so they are not modelled.)
 * - 'manual' mode ("Fetch Test Event"): n8n never saves static data of manual executions.
 */
export function createPollRunner(nodeType: INodeType, options: PollRunnerOptions): PollRunner {
	return pollRunner(
		nodeType,
		options,
		options.staticData ?? {},
		options.mode === 'manual' ? 'manual' : 'activate',
	);
}

function pollRunner(
	nodeType: INodeType,
	options: PollRunnerOptions,
	persistedNodeData: IDataObject,
	activation: WorkflowActivateMode,
): PollRunner {
	const mode = options.mode ?? 'trigger';
	let persisted = persistable({ [NODE_STATIC_KEY]: persistedNodeData });
	const { workflow, node, additionalData } = buildWorkflow({
		...options,
		nodeType,
		credentialTypes: registryFor(options),
		staticData: structuredClone(persisted),
	});
	let polls = 0;
	let emits = 0;

	const saveIfChanged = () => {
		if (mode === 'trigger' && workflow.staticData.__dataChanged === true) {
			persisted = persistable(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	};

	return {
		mode,
		get staticData() {
			return workflow.getStaticData('node', node);
		},
		get persistedStaticData() {
			return structuredClone((persisted[NODE_STATIC_KEY] as IDataObject | undefined) ?? {});
		},
		get polls() {
			return polls;
		},
		get emits() {
			return emits;
		},
		async poll() {
			await ensureBinaryDataService();
			polls++;
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				mode,
				activation,
				() => {},
				(error: Error) => {
					throw error;
				},
			);
			const result = await Container.get(TriggersAndPollers).runPollFunction(
				workflow,
				node,
				context,
			);
			if (result !== null) {
				emits++;
				saveIfChanged();
			}
			return result;
		},
		restart() {
			// After a restart n8n activates the workflow again with activation mode 'init'.
			return pollRunner(
				nodeType,
				options,
				(persisted[NODE_STATIC_KEY] as IDataObject | undefined) ?? {},
				mode === 'manual' ? 'manual' : 'init',
			);
		},
	};
}

/** An HTTP request to a webhook node, as n8n's webhook server hands it to the node. */
export interface WebhookRequest {
	/** Default 'POST'. */
	method?: string;
	/** Header names in lower case, as Node.js gives them. */
	headers?: Record<string, string>;
	/** The body as n8n's body parser leaves it (an object for JSON, text for text/plain). */
	body?: unknown;
	/** The raw bytes n8n keeps as `req.rawBody` (default: the body as JSON). */
	rawBody?: Buffer | string;
	query?: IDataObject;
}

/** The HTTP answer the caller of the webhook gets. */
export interface WebhookAnswer {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	/** Parsed JSON when the answer is JSON, else the text. */
	body: unknown;
}

export interface WebhookOutcome {
	answer: WebhookAnswer;
	/** What the execution started with, or undefined when no execution started. */
	workflowData?: INodeExecutionData[][];
	/** The node threw: n8n answers 500 and records a failed execution. */
	error?: Error;
	/** What the node itself returned (undefined when it threw). */
	result?: IWebhookResponseData;
}

interface WebhookRunnerOptions extends CommonOptions {
	credentials?: CredentialsByType;
	/** The node's static data as last persisted. */
	staticData?: IDataObject;
	/** 'webhook': the production URL of a published workflow; 'manual': the editor's test URL. */
	mode?: 'webhook' | 'manual';
}

export interface WebhookRunner {
	/** One request through a real WebhookContext, answered as n8n's webhook server answers it. */
	call(request: WebhookRequest): Promise<WebhookOutcome>;
	/** The node's static data as n8n last wrote it to the database. */
	readonly persistedStaticData: IDataObject;
	/** Requests so far, and how many of them started an execution. */
	readonly calls: number;
	readonly executions: number;
}

/** The part of express's Response a webhook node may use, recording what it was given. */
class ResponseRecorder {
	statusCode = 200;
	headersSent = false;
	finished = false;
	private readonly headerMap: Record<string, string> = {};
	private payload = '';

	setHeader(name: string, value: string | number | string[]): this {
		this.headerMap[name.toLowerCase()] = String(value);
		return this;
	}
	getHeader(name: string): string | undefined {
		return this.headerMap[name.toLowerCase()];
	}
	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}
	set(name: string, value: string): this {
		return this.setHeader(name, value);
	}
	status(code: number): this {
		this.statusCode = code;
		return this;
	}
	writeHead(code: number, headers: Record<string, string> = {}): this {
		this.statusCode = code;
		for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
		this.headersSent = true;
		return this;
	}
	write(chunk: string | Buffer): boolean {
		this.headersSent = true;
		this.payload += chunk.toString();
		return true;
	}
	end(chunk?: string | Buffer): this {
		if (chunk !== undefined) this.write(chunk);
		this.headersSent = true;
		this.finished = true;
		return this;
	}
	send(body: unknown): this {
		if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) return this.json(body);
		return this.end(body === undefined ? undefined : String(body));
	}
	json(body: unknown): this {
		this.headerMap['content-type'] ??= 'application/json; charset=utf-8';
		return this.end(JSON.stringify(body));
	}

	answer(): WebhookAnswer {
		let body: unknown = this.payload;
		if (/json/i.test(this.headerMap['content-type'] ?? '') && this.payload !== '') {
			body = JSON.parse(this.payload);
		}
		return { status: this.statusCode, headers: { ...this.headerMap }, body };
	}
}

/**
 * Calls a webhook node like n8n's webhook server (packages/cli webhook-helpers `executeWebhook`,
 * not installed here): the request and response go to a real WebhookContext, then
 * - the node threw: 500 "Workflow Webhook Error: Workflow could not be started!" and n8n records
 *   a failed execution (`workflowData` is n8n's placeholder item, `error` the error);
 * - `noWebhookResponse`: the node answered itself (what it wrote is the answer);
 * - no `workflowData`: 200 with `webhookResponse`, or `{"message":"Webhook call received"}`;
 *   no execution;
 * - `workflowData`: an execution starts; in responseMode "onReceived" n8n answers 200 as
 *   `onReceivedAnswer` says, unless the node answered already.
 * Static data is written to the "database" after every answer that is not an error, in 'webhook'
 * mode (n8n's live webhooks save it in their response callback); never in 'manual' mode.
 */
export function createWebhookRunner(
	nodeType: INodeType,
	options: WebhookRunnerOptions,
): WebhookRunner {
	const mode = options.mode ?? 'webhook';
	let persisted = persistable({ [NODE_STATIC_KEY]: options.staticData ?? {} });
	let calls = 0;
	let executions = 0;
	const description = nodeType.description.webhooks?.[0];
	if (!nodeType.webhook || !description)
		throw new Error(`${nodeType.description.name} is not a webhook node`);

	return {
		get persistedStaticData() {
			return structuredClone((persisted[NODE_STATIC_KEY] as IDataObject | undefined) ?? {});
		},
		get calls() {
			return calls;
		},
		get executions() {
			return executions;
		},
		async call(request) {
			await ensureBinaryDataService();
			calls++;
			// Each request: a Workflow built from the static data in the database, as n8n does.
			const { workflow, node, additionalData } = buildWorkflow({
				...options,
				nodeType,
				credentials: options.credentials ?? {},
				credentialTypes: registryFor(options),
				staticData: structuredClone(persisted),
			});
			const body = request.body;
			const rawBody =
				request.rawBody === undefined
					? Buffer.from(body === undefined ? '' : JSON.stringify(body))
					: Buffer.from(request.rawBody);
			const headers = Object.fromEntries(
				Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
			);
			const response = new ResponseRecorder();
			additionalData.httpRequest = {
				method: request.method ?? 'POST',
				headers,
				body,
				rawBody,
				query: request.query ?? {},
				params: {},
				contentType: headers['content-type']?.split(';')[0].trim(),
			} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
			additionalData.httpResponse =
				response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
			const webhookData: IWebhookData = {
				httpMethod: (request.method ?? 'POST') as IWebhookData['httpMethod'],
				node: node.name,
				path: String(description.path),
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				isTest: mode === 'manual',
			};
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				mode,
				webhookData,
				[],
				null,
			);
			let result: IWebhookResponseData;
			try {
				result = await nodeType.webhook!.call(context);
			} catch (error) {
				executions++;
				return {
					answer: {
						status: 500,
						headers: { 'content-type': 'application/json; charset=utf-8' },
						body: { message: 'Workflow Webhook Error: Workflow could not be started!' },
					},
					workflowData: [[{ json: {} }]],
					error: error as Error,
				};
			}
			let answer: WebhookAnswer;
			if (result.noWebhookResponse === true) {
				answer = response.answer();
			} else if (result.workflowData === undefined) {
				answer = {
					status: 200,
					headers: { 'content-type': 'application/json; charset=utf-8' },
					body: result.webhookResponse ?? { message: 'Webhook call received' },
				};
			} else {
				answer = onReceivedAnswer(description, result);
			}
			if (result.workflowData !== undefined) executions++;
			if (mode === 'webhook' && workflow.staticData.__dataChanged === true) {
				persisted = persistable(workflow.staticData);
			}
			return { answer, workflowData: result.workflowData, result };
		},
	};
}

/**
 * n8n's answer to a webhook that started an execution in responseMode "onReceived"
 * (`extractWebhookOnReceivedResponse`): the description's `responseData` wins, and when the
 * description has none n8n's default "firstEntryJson" is sent literally (as n8n 1.123.81 and
 * 2.40.7 do); an empty `responseData` gives the node's `webhookResponse`, else
 * `{"message":"Workflow was started"}`; 'noData' an empty body. Other modes are not modelled.
 */
function onReceivedAnswer(
	description: NonNullable<INodeType['description']['webhooks']>[number],
	result: IWebhookResponseData,
): WebhookAnswer {
	const mode = description.responseMode ?? 'onReceived';
	if (mode !== 'onReceived')
		throw new Error(`The harness does not model responseMode "${String(mode)}"`);
	const responseData = description.responseData ?? 'firstEntryJson';
	const body =
		responseData === 'noData'
			? undefined
			: responseData || (result.webhookResponse ?? { message: 'Workflow was started' });
	return {
		status: 200,
		headers: {
			'content-type':
				typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
		},
		body,
	};
}

/** One request to a webhook node (createWebhookRunner for several that share static data). */
export async function runWebhook(
	nodeType: INodeType,
	options: WebhookRunnerOptions & { request: WebhookRequest },
): Promise<WebhookOutcome> {
	return await createWebhookRunner(nodeType, options).call(options.request);
}

interface MethodOptions extends CommonOptions {
	credentials?: CredentialsByType;
	/** The parameter being loaded, as the editor sends it (`parameters.a.b[0].c`): `&x` reads its siblings. */
	path?: string;
}

function loadOptionsContext(nodeType: INodeType, options: MethodOptions): LoadOptionsContext {
	const { workflow, node, additionalData } = buildWorkflow({
		...options,
		nodeType,
		credentials: options.credentials ?? {},
		credentialTypes: registryFor(options),
	});
	// The editor sends the node's current parameters along with a load-options request.
	additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, options.path ?? '');
}

/** Runs `methods.loadOptions[methodName]` through a real LoadOptionsContext. */
export async function loadOptions(
	nodeType: INodeType,
	methodName: string,
	options: MethodOptions,
): Promise<INodePropertyOptions[]> {
	const method = nodeType.methods?.loadOptions?.[methodName];
	if (!method) throw new Error(`${nodeType.description.name} has no loadOptions.${methodName}`);
	return await method.call(loadOptionsContext(nodeType, options));
}

/** Runs `methods.listSearch[methodName]` (a resource locator's search) through a real LoadOptionsContext. */
export async function listSearch(
	nodeType: INodeType,
	methodName: string,
	options: MethodOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const method = nodeType.methods?.listSearch?.[methodName];
	if (!method) throw new Error(`${nodeType.description.name} has no listSearch.${methodName}`);
	return await method.call(
		loadOptionsContext(nodeType, options),
		options.filter,
		options.paginationToken,
	);
}

/** Runs `methods.resourceMapping[methodName]` (a resource mapper's field list) through a real LoadOptionsContext. */
export async function resourceMapping(
	nodeType: INodeType,
	methodName: string,
	options: MethodOptions,
): Promise<ResourceMapperFields> {
	const method = nodeType.methods?.resourceMapping?.[methodName];
	if (!method) throw new Error(`${nodeType.description.name} has no resourceMapping.${methodName}`);
	return await method.call(loadOptionsContext(nodeType, options));
}

interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Tests a credential the way n8n's CredentialsTester (packages/cli, not installed here) does
 * for a declarative `test.request`: defaults applied to the data, a temporary node whose one
 * property routes the test request, run by n8n-core's RoutingNode in an ExecuteContext; any
 * non-2xx answer is an error, named by a matching `responseCode` rule or the status text;
 * `responseSuccessBody` rules are checked on success. Differences from n8n: no secret
 * redaction in messages, no `testedBy` functions on nodes, no OAuth.
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const test = credentialType.test;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };
	await ensureBinaryDataService();
	const registry = packageCredentialTypes().with([credentialType]);
	const credentialsHelper = new TestCredentialsHelper(registry, { [credentialType.name]: data });
	const decrypted = await credentialsHelper.getDecrypted(
		buildAdditionalData(credentialsHelper),
		{ id: 'test', name: 'test' },
		credentialType.name,
		'internal',
	);
	const tempType = credentialTestNodeType(credentialType.name, test);
	const { workflow, node, additionalData } = buildWorkflow({
		nodeType: tempType,
		parameters: {},
		credentials: { [credentialType.name]: decrypted },
		credentialTypes: registry,
	});
	const items = [{ json: {} }];
	const context = executeContext(workflow, node, additionalData, items);
	const routingNode = new RoutingNode(context, tempType, {
		id: 'test',
		name: 'test',
		type: credentialType.name,
		data: decrypted,
	});
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		return credentialTestFailure(error, test);
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		if (getPath(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function credentialTestNodeType(credentialName: string, test: ICredentialTestRequest): INodeType {
	return {
		description: {
			displayName: 'Credential Test',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
}

/** What n8n's CredentialsTester reads from a failed request (NodeApiError wraps the axios error). */
interface FailedRequest {
	message?: string;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

function credentialTestFailure(
	thrown: unknown,
	test: ICredentialTestRequest,
): CredentialTestResult {
	const error = (thrown ?? {}) as FailedRequest;
	const response = error.cause?.response;
	if (response) {
		const statusCode = response.status;
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (statusCode < 199 || statusCode > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${statusCode}`,
			};
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: String(error.message ?? thrown) };
}

function getPath(value: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(current, key) =>
				current && typeof current === 'object' ? (current as IDataObject)[key] : undefined,
			value,
		);
}
