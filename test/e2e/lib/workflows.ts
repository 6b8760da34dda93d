/**
 * Workflow JSON as `n8n import:workflow` reads it: a Manual Trigger followed by a chain of nodes.
 * Fixed ids make `n8n execute --id` and re-imports deterministic.
 */
import { createHash } from 'node:crypto';

export interface NodeSpec {
	name: string;
	type: string;
	typeVersion?: number;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	/** Node settings as n8n stores them next to parameters (onError, alwaysOutputData...). */
	settings?: Record<string, unknown>;
}

export interface WorkflowJson {
	id: string;
	name: string;
	active: boolean;
	nodes: Array<Record<string, unknown>>;
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
	/** n8n 2.x refuses imports without a version id; 1.x ignores it. */
	versionId: string;
}

export const PACKAGE_PREFIX = 'n8n-nodes-insightly';
export const INSIGHTLY_NODE = `${PACKAGE_PREFIX}.insightly`;
export const INSIGHTLY_TRIGGER = `${PACKAGE_PREFIX}.insightlyTrigger`;
export const INSIGHTLY_WEBHOOK_TRIGGER = `${PACKAGE_PREFIX}.insightlyWebhookTrigger`;
export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** Workflow ids are 16 characters from [0-9a-zA-Z] in n8n; derive one from a short key. */
export function workflowId(key: string): string {
	const id = `e2e${key.replace(/[^0-9a-zA-Z]/g, '')}`.slice(0, 16);
	return id.padEnd(16, '0');
}

/** A stable UUID-shaped id derived from a string (n8n wants unique node ids per workflow). */
function uuidFrom(seed: string): string {
	const hex = createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A trigger followed by branches; each branch is a chain of nodes, laid out left to right, the
 * branches one under the other. n8n's v1 execution order runs one branch to its end before the
 * next, top to bottom, so the sandbox sees the branches' requests in this order.
 */
export function buildWorkflow(
	key: string,
	name: string,
	branches: NodeSpec[][],
	options: { trigger?: NodeSpec } = {},
): WorkflowJson {
	const trigger: NodeSpec = options.trigger ?? { name: 'Start', type: MANUAL_TRIGGER };
	const node = (spec: NodeSpec, x: number, y: number) => ({
		id: uuidFrom(`${key}/${spec.name}`),
		name: spec.name,
		type: spec.type,
		typeVersion: spec.typeVersion ?? 1,
		position: [x * 220, y * 200],
		parameters: spec.parameters ?? {},
		...(spec.credentials ? { credentials: spec.credentials } : {}),
		...(spec.settings ?? {}),
	});
	const nodes = [node(trigger, 0, 0)];
	const connections: WorkflowJson['connections'] = {};
	const connect = (from: string, to: string) => {
		(connections[from] ??= { main: [[]] }).main[0].push({ node: to, type: 'main', index: 0 });
	};
	branches.forEach((chain, y) => {
		chain.forEach((spec, x) => {
			nodes.push(node(spec, x + 1, y));
			connect(x === 0 ? trigger.name : chain[x - 1].name, spec.name);
		});
	});
	const names = nodes.map((n) => n.name);
	if (new Set(names).size !== names.length)
		throw new Error(`Workflow ${key}: node names must be unique`);
	const id = workflowId(key);
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', timezone: 'UTC' },
		pinData: {},
		versionId: uuidFrom(`version/${id}`),
	};
}

/** A trigger and one chain of nodes. */
export function chainWorkflow(
	key: string,
	name: string,
	chain: NodeSpec[],
	options: { trigger?: NodeSpec } = {},
): WorkflowJson {
	return buildWorkflow(key, name, [chain], options);
}

/** An Insightly action node. */
export function insightlyNode(
	name: string,
	parameters: Record<string, unknown>,
	credential: { id: string; name: string },
): NodeSpec {
	return { name, type: INSIGHTLY_NODE, parameters, credentials: { insightlyApi: credential } };
}

/** A record picked "By ID" in a resource locator; the value may be an expression. */
export function byId(value: string | number): Record<string, unknown> {
	return { __rl: true, mode: 'id', value: String(value) };
}
