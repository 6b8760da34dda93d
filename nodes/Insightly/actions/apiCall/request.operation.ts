import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';
import { insightlyRequest } from '../../transport';
import type { HttpMethod } from '../../transport/retryPolicy';
import { InputError, parseApiPath, parseJson } from '../../utils/validation';
import { toItems, type Operation, type OperationInput } from '../operation';
import { asDataObjects } from '../target';

const show = showFor(['apiCall'], ['request']);
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

function isMethod(value: string): value is HttpMethod {
	return (METHODS as readonly string[]).includes(value);
}

/**
 * Any Insightly API call the node has no operation for, through the request layer (the key only
 * to the credential's API URL, throttled, retried per the request policy, errors explained). It
 * replaces n8n's generic "Custom API Call", which the credential no longer allows (see
 * credentials/InsightlyApi.credentials.ts).
 */
export const apiRequest: Operation = {
	value: 'request',
	resources: ['apiCall'],
	option: () => ({
		name: 'Make an API Call',
		value: 'request',
		description: 'Call any Insightly API v3.1 endpoint with the credential',
		action: 'Make an Insightly API call',
	}),
	properties: [
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			default: 'GET',
			options: [
				{ name: 'DELETE', value: 'DELETE' },
				{ name: 'GET', value: 'GET' },
				{ name: 'POST', value: 'POST' },
				{ name: 'PUT', value: 'PUT' },
			],
			displayOptions: show,
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			required: true,
			default: '',
			placeholder: '/Contacts/Search',
			description:
				'The path after the API URL of the credential, e.g. /Opportunities/12/StateHistory. Only paths of the API URL are allowed.',
			displayOptions: show,
		},
		{
			displayName: 'Query Parameters',
			name: 'query',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Body (JSON)',
			name: 'body',
			type: 'json',
			default: '',
			description: "The request's JSON body (POST and PUT)",
			displayOptions: showFor(['apiCall'], ['request'], { method: ['POST', 'PUT'] }),
		},
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const method = String(this.getNodeParameter('method', itemIndex));
		if (!isMethod(method))
			throw new InputError(`Method must be one of ${METHODS.join(', ')} (got "${method}")`, {
				field: 'Method',
				itemIndex,
			});
		const path = parseApiPath(this.getNodeParameter('path', itemIndex), 'Path', itemIndex);
		const rows = ((this.getNodeParameter('query', itemIndex, {}) as IDataObject).parameter ??
			[]) as IDataObject[];
		const qs: IDataObject = {};
		for (const row of rows) {
			const name = String(row.name ?? '').trim();
			if (name) qs[name] = row.value as string;
		}
		let body: IDataObject | IDataObject[] | undefined;
		if (method === 'POST' || method === 'PUT') {
			const raw = this.getNodeParameter('body', itemIndex, '') as unknown;
			if (!(typeof raw === 'string' && raw.trim() === '')) {
				const parsed = parseJson<unknown>(raw, 'Body (JSON)', itemIndex);
				if (!parsed || typeof parsed !== 'object')
					throw new InputError('Body (JSON) must be a JSON object or array', {
						field: 'Body (JSON)',
						itemIndex,
					});
				body = parsed as IDataObject | IDataObject[];
			}
		}
		const response = await insightlyRequest.call(this, { method, path, qs, body, itemIndex });
		const records = asDataObjects(response.body);
		return records.length ? toItems(records) : toItems({ statusCode: response.statusCode });
	},
};
