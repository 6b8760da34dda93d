// What every harness context stands on: a one-node Workflow from n8n-workflow (parameters
// with defaults filled in as n8n does when it loads a workflow), and the
// IWorkflowExecuteAdditionalData n8n-core reads, with our credentials helper in it.
import { ExternalSecretsProxy } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import {
	TestCredentialsHelper,
	type CredentialsByType,
	type CredentialTypeRegistry,
} from './credentials';

export const NODE_NAME = 'Node Under Test';
const WORKFLOW_ID = 'harness-workflow';

interface WorkflowSetup {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: CredentialsByType;
	credentialTypes: CredentialTypeRegistry;
	/** Workflow static data (`{ 'node:<name>': {...} }` as n8n stores it). */
	staticData?: IDataObject;
	timezone?: string;
	typeVersion?: number;
	/** n8n's node setting "On Error": continue with the regular output. */
	continueOnFail?: boolean;
}

interface BuiltWorkflow {
	workflow: Workflow;
	node: INode;
	additionalData: IWorkflowExecuteAdditionalData;
}

function latestVersion(nodeType: INodeType): number {
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function singleNodeTypes(nodeType: INodeType): INodeTypes {
	const name = nodeType.description.name;
	const known = { [name]: { className: nodeType.constructor.name, sourcePath: '' } };
	return {
		getByName: (type: string): INodeType | IVersionedNodeType => {
			if (type !== name) throw new Error(`Unknown node type "${type}" in harness workflow`);
			return nodeType;
		},
		getByNameAndVersion: (type: string, version?: number): INodeType => {
			if (type !== name) throw new Error(`Unknown node type "${type}" in harness workflow`);
			return NodeHelpers.getVersionedNodeType(nodeType, version);
		},
		getKnownTypes: () => known,
	};
}

export function buildWorkflow(setup: WorkflowSetup): BuiltWorkflow {
	const { nodeType } = setup;
	const typeVersion = setup.typeVersion ?? latestVersion(nodeType);
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: nodeType.description.name,
		typeVersion,
		position: [0, 0],
		parameters: {},
		credentials: Object.fromEntries(
			Object.keys(setup.credentials).map((type) => [type, { id: `${type}-id`, name: type }]),
		),
		...(setup.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	// As n8n does on load: fill defaults of every parameter displayed under the given values.
	node.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			setup.parameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? {};

	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Harness workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: singleNodeTypes(nodeType),
		staticData: setup.staticData,
		settings: setup.timezone ? { timezone: setup.timezone } : {},
	});

	return {
		workflow,
		node,
		additionalData: buildAdditionalData(
			new TestCredentialsHelper(setup.credentialTypes, setup.credentials),
		),
	};
}

export function buildAdditionalData(
	credentialsHelper: TestCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	// Only credentialsHelper matters to our nodes; the rest are stand-ins that make a call
	// fail loudly if a node ever needs them (sub-workflows, runners, AI events).
	const unsupported = (what: string) => async () => {
		throw new Error(`${what} is not supported by the test harness`);
	};
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper,
		// No external secrets manager: $secrets lists no providers.
		externalSecretsProxy: new ExternalSecretsProxy(),
		executionId: 'harness-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask'),
	};
	return additionalData;
}
