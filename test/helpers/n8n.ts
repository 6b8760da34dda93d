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
	return packageCredentialTypes().with(options.credentialTypes);
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

interface MethodOptions extends CommonOptions {
	credentials?: CredentialsByType;
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
	return new LoadOptionsContext(workflow, node, additionalData, '');
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
