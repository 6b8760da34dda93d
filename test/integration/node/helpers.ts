/**
 * Shared set-up for the node's integration tests: one sandbox per test file (useNodeSandbox),
 * the node run through n8n-core's real ExecuteContext (test/helpers/n8n.ts), and the sandbox's
 * request log reduced to what the node sent (method, API path, query, body).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { executeNode, listSearch, loadOptions, type RunOptions } from '../../helpers/n8n';
import { useSandbox, type UseSandboxOptions } from '../../helpers/sandbox';
import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { CUSTOM_OBJECT_RECORD, type RecordType } from '../../../nodes/Insightly/objects';

export interface SentRequest {
	method: string;
	/** Path below the API base: '/Contacts/12'. */
	path: string;
	query: Record<string, string>;
	body: unknown;
	status: number;
}

/** The custom object the sandbox seeds. */
export const FRUIT = 'Fruit__c';

/** Collection path of a type in the sandbox (custom object records: the seeded Fruit__c). */
export const pathOf = (type: RecordType): string =>
	type.key === CUSTOM_OBJECT_RECORD ? FRUIT : type.path;

/**
 * The sandbox of a node test file (useSandbox: started before its tests, stopped after them,
 * reset before each one unless `beforeEach` says otherwise), without the per-second limit and
 * with a small seed unless `seed` is given; plus the Insightly node run against it (`run`) and
 * the node's editor methods (`methods`).
 */
export function useNodeSandbox(options: UseSandboxOptions = {}) {
	const sandbox = useSandbox({ seed: { records: 150, seed: 7 }, ...options });
	const node = new Insightly();
	return { sandbox, run: nodeRunner(sandbox, node), methods: editorMethods(sandbox, node) };
}

function credentialsOf(sandbox: Sandbox) {
	return { insightlyApi: { apiKey: sandbox.apiKey, apiUrl: sandbox.apiUrl, allowLocalhost: true } };
}

/** What the sandbox received since the last clearLog, /v3.1 stripped from the paths. */
export function sentRequests(sandbox: Sandbox): SentRequest[] {
	return sandbox.log().map((entry) => ({
		method: entry.method,
		path: entry.path.replace(/^\/v3\.1/i, ''),
		query: entry.query,
		body: entry.body,
		status: entry.status,
	}));
}

/** "METHOD /path" of every request since the last clearLog: for asserting request sequences. */
export function sentLines(sandbox: Sandbox): string[] {
	return sentRequests(sandbox).map((request) => `${request.method} ${request.path}`);
}

/** A resource locator value by ID, as the editor stores it. */
export function byId(id: number | string): IDataObject {
	return { __rl: true, mode: 'id', value: String(id) };
}

type RunExtras = Omit<RunOptions, 'parameters' | 'credentials'>;

/** Runs the Insightly node once against the sandbox and returns its first output. */
function nodeRunner(sandbox: Sandbox, node: Insightly) {
	return async function run(
		parameters: IDataObject,
		extras: RunExtras = {},
	): Promise<INodeExecutionData[]> {
		const [output] = await executeNode(node, {
			parameters: parameters as INodeParameters,
			credentials: credentialsOf(sandbox),
			...extras,
		});
		return output;
	};
}

/** The node's editor methods (load options, list search) against the sandbox. */
function editorMethods(sandbox: Sandbox, node: Insightly) {
	return {
		loadOptions: async (method: string, parameters: IDataObject) =>
			await loadOptions(node, method, {
				parameters: parameters as INodeParameters,
				credentials: credentialsOf(sandbox),
			}),
		listSearch: async (
			method: string,
			parameters: IDataObject,
			filter?: string,
			paginationToken?: string,
		) =>
			await listSearch(node, method, {
				parameters: parameters as INodeParameters,
				credentials: credentialsOf(sandbox),
				filter,
				paginationToken,
			}),
	};
}

/** Rows of a sandbox collection as the API renders them (direct access, not logged). */
export function rows(sandbox: Sandbox, path: string): IDataObject[] {
	return sandbox.records.list(path) as IDataObject[];
}

/** The first stored record of a collection matching `where`, or fails the test. */
export function seeded(
	sandbox: Sandbox,
	path: string,
	where: (row: IDataObject) => boolean = () => true,
): IDataObject {
	const found = rows(sandbox, path).find(where);
	if (!found) throw new Error(`The seed has no matching ${path} record`);
	return found;
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/** The requests that change data (anything but GET). */
export function sentWrites(sandbox: Sandbox): SentRequest[] {
	return sentRequests(sandbox).filter((request) => request.method !== 'GET');
}
