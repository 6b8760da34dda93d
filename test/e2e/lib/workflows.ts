/**
 * Workflow JSON as `n8n import:workflow` reads it: a Manual Trigger followed by a chain of nodes.
 * Fixed ids make `n8n execute --id` and re-imports deterministic.
 */
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
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
	/** n8n 2.x refuses imports without a version id; 1.x ignores it. */
	versionId: string;
}

export const PACKAGE_PREFIX = 'n8n-nodes-insightly';
export const INSIGHTLY_NODE = `${PACKAGE_PREFIX}.insightly`;
export const INSIGHTLY_TRIGGER = `${PACKAGE_PREFIX}.insightlyTrigger`;
export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** Workflow ids are 16 characters from [0-9a-zA-Z] in n8n; derive one from a short key. */
export function workflowId(key: string): string {
	const id = `e2e${key.replace(/[^0-9a-zA-Z]/g, '')}`.slice(0, 16);
	return id.padEnd(16, '0');
}

function uuidFrom(seed: string): string {
	let hex = '';
	for (let i = 0; hex.length < 32; i++) hex += (seed.charCodeAt(i % seed.length) * (i + 7)).toString(16).padStart(2, '0').slice(-2);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Lays the nodes out left to right and connects each one to the next. */
export function chainWorkflow(key: string, name: string, chain: NodeSpec[], options: { trigger?: NodeSpec } = {}): WorkflowJson {
	const trigger: NodeSpec = options.trigger ?? { name: 'Start', type: MANUAL_TRIGGER };
	const all = [trigger, ...chain];
	const nodes = all.map((spec, index) => ({
		id: uuidFrom(`${key}/${spec.name}`),
		name: spec.name,
		type: spec.type,
		typeVersion: spec.typeVersion ?? 1,
		position: [index * 220, 0],
		parameters: spec.parameters ?? {},
		...(spec.credentials ? { credentials: spec.credentials } : {}),
		...(spec.settings ?? {}),
	}));
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	const id = workflowId(key);
	return {
		id,
		name: `e2e ${name}`,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', timezone: 'UTC' },
		pinData: {},
		versionId: uuidFrom(`version/${id}`),
	};
}
