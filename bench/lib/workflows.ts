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
const httpAuth = { authentication: 'predefinedCredentialType', nodeCredentialType: 'insightlyApi' };

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

function httpCreate(apiUrl: string): NodeSpec {
	return {
		name: WORKER_NODE,
		type: HTTP_REQUEST,
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${apiUrl}/Contacts`,
			...httpAuth,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ FIRST_NAME: $json.first, LAST_NAME: "Bench", EMAIL_ADDRESS: $json.email }) }}',
			options: { batching: { batch: { batchSize: 10, batchInterval: 1000 } } },
		},
		credentials: { insightlyApi: CREDENTIALS.sandbox },
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

function httpGetAll(apiUrl: string): NodeSpec {
	return {
		name: WORKER_NODE,
		type: HTTP_REQUEST,
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: `${apiUrl}/Contacts`,
			...httpAuth,
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
		credentials: { insightlyApi: CREDENTIALS.sandbox },
		settings: RETRY_SETTINGS,
	};
}

export function createWorkflow(
	contender: Contender,
	count: number,
	tag: string,
	apiUrl: string,
): WorkflowJson {
	const worker = contender === 'node' ? insightlyCreate() : httpCreate(apiUrl);
	return chainWorkflow(`bc${tag}`, `bench create ${count} (${contender}, ${tag})`, [
		...contactItems(count, tag),
		worker,
	]);
}

export function getAllWorkflow(contender: Contender, apiUrl: string): WorkflowJson {
	const worker = contender === 'node' ? insightlyGetAll() : httpGetAll(apiUrl);
	return chainWorkflow(`bg${contender}`, `bench get many (${contender})`, [worker]);
}

/** n8n starting, loading the package and running a no-op: subtracted from CPU figures. */
export function baselineWorkflow(): WorkflowJson {
	return chainWorkflow('bbaseline', 'bench baseline', [
		{ name: WORKER_NODE, type: 'n8n-nodes-base.noOp' },
	]);
}
