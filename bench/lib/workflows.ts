/**
 * The workflows the real-n8n jobs run: the same job done by the Insightly node and by n8n's
 * HTTP Request node configured as a careful user would (same credential type, so the
 * authentication is identical; pagination by skip/top; batching 10 items per second; Retry On
 * Fail at the engine's maximum of 5 tries, 5 s apart).
 */
import { CREDENTIALS } from '../../test/e2e/lib/environment';
import {
	chainWorkflow,
	insightlyNode,
	type NodeSpec,
	type WorkflowJson,
} from '../../test/e2e/lib/workflows';

export const PAGE_SIZE = 500;
export type Contender = 'node' | 'http';

/** The engine's retry settings (n8n clamps maxTries to 5 and the wait to 5000 ms). */
const RETRY_SETTINGS = { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 };

const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';
/** The sandbox's key unless it was started with another (sandbox/core.ts). */
const SANDBOX_DEFAULT_KEY = 'sandbox-key-0001';

/**
 * The HTTP Request node's authentication: the same `Authorization: Basic base64(key:)` the
 * Insightly node sends, as a header. The Insightly credential is restricted to this package's
 * nodes (n8n 2.x refuses it to the HTTP Request node), so the key is in the workflow, as a user
 * without the package would have it in a generic credential.
 */
function httpAuth(apiKey: string) {
	return {
		sendHeaders: true,
		headerParameters: {
			parameters: [
				{ name: 'Authorization', value: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` },
			],
		},
	};
}

/**
 * `count` input items { first, email } made inside n8n (an expression, no Code node and so no
 * task runner): a Set node builds the list, Split Out turns it into items.
 */
function contactItems(count: number, emailTag: string): NodeSpec[] {
	return [
		{
			name: 'Make List',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: `={{ { contacts: Array.from({ length: ${count} }, (_, i) => ({ first: 'Bench' + i, email: '${emailTag}-' + i + '@bench.example' })) } }}`,
				options: {},
			},
		},
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'contacts', options: {} },
		},
	];
}

export const WORKER_NODE = 'Work';

function insightlyCreate(): NodeSpec {
	return {
		...insightlyNode(
			WORKER_NODE,
			{
				resource: 'contact',
				operation: 'create',
				FIRST_NAME: '={{ $json.first }}',
				additionalFields: { LAST_NAME: 'Bench', EMAIL_ADDRESS: '={{ $json.email }}' },
			},
			CREDENTIALS.sandbox,
		),
		settings: RETRY_SETTINGS,
	};
}

function httpCreate(apiUrl: string, apiKey: string): NodeSpec {
	return {
		name: WORKER_NODE,
		type: HTTP_REQUEST,
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${apiUrl}/Contacts`,
			...httpAuth(apiKey),
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ FIRST_NAME: $json.first, LAST_NAME: "Bench", EMAIL_ADDRESS: $json.email }) }}',
			options: { batching: { batch: { batchSize: 10, batchInterval: 1000 } } },
		},
		settings: RETRY_SETTINGS,
	};
}

function insightlyGetAll(): NodeSpec {
	return {
		...insightlyNode(
			WORKER_NODE,
			{ resource: 'contact', operation: 'getAll', returnAll: true, options: { brief: true } },
			CREDENTIALS.sandbox,
		),
		settings: RETRY_SETTINGS,
	};
}

function httpGetAll(apiUrl: string, apiKey: string): NodeSpec {
	return {
		name: WORKER_NODE,
		type: HTTP_REQUEST,
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: `${apiUrl}/Contacts`,
			...httpAuth(apiKey),
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'top', value: String(PAGE_SIZE) },
					{ name: 'brief', value: 'true' },
				],
			},
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [{ type: 'qs', name: 'skip', value: `={{ $pageCount * ${PAGE_SIZE} }}` }],
						},
						paginationCompleteWhen: 'other',
						completeExpression: `={{ $response.body.length < ${PAGE_SIZE} }}`,
						limitPagesFetched: false,
						requestInterval: 100,
					},
				},
			},
		},
		settings: RETRY_SETTINGS,
	};
}

export function createWorkflow(
	contender: Contender,
	count: number,
	tag: string,
	apiUrl: string,
	apiKey = SANDBOX_DEFAULT_KEY,
): WorkflowJson {
	const worker = contender === 'node' ? insightlyCreate() : httpCreate(apiUrl, apiKey);
	return chainWorkflow(`bc${tag}`, `bench create ${count} (${contender}, ${tag})`, [
		...contactItems(count, tag),
		worker,
	]);
}

export function getAllWorkflow(
	contender: Contender,
	apiUrl: string,
	apiKey = SANDBOX_DEFAULT_KEY,
): WorkflowJson {
	const worker = contender === 'node' ? insightlyGetAll() : httpGetAll(apiUrl, apiKey);
	return chainWorkflow(`bg${contender}`, `bench get many (${contender})`, [worker]);
}

/** n8n starting, loading the package and running a no-op: subtracted from CPU figures. */
export function baselineWorkflow(): WorkflowJson {
	return chainWorkflow('bbaseline', 'bench baseline', [
		{ name: WORKER_NODE, type: 'n8n-nodes-base.noOp' },
	]);
}
