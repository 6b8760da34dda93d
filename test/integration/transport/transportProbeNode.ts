// A test-only node type whose execute() runs the request layer with parameters set by the
// test, so each case goes through n8n's real ExecuteContext, getCredentials and
// httpRequestWithAuthentication (with the credential's `authenticate` block applied).
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	getRateLimitState,
	insightlyRequest,
	insightlyRequestAllItems,
} from '../../../nodes/Insightly/transport';
import type { InsightlyRequestOptions } from '../../../nodes/Insightly/transport';

export interface ProbeCall {
	/** 'request': one insightlyRequest; 'all': insightlyRequestAllItems. */
	mode: 'request' | 'all';
	method?: InsightlyRequestOptions['method'];
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	record?: InsightlyRequestOptions['record'];
	retry?: InsightlyRequestOptions['retry'];
	limit?: number;
}

export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Calls the Insightly request layer (tests only)',
		defaults: { name: 'Transport Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'insightlyApi', required: true }],
		properties: [{ displayName: 'Call', name: 'call', type: 'json', default: '{}' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const call = JSON.parse(this.getNodeParameter('call', itemIndex) as string) as ProbeCall;
			if (call.mode === 'all') {
				const result = await insightlyRequestAllItems.call(this, call.path, call.qs, {
					limit: call.limit,
					itemIndex,
				});
				output.push({
					json: { count: result.items.length, requests: result.requests, items: result.items },
				});
				continue;
			}
			const response = await insightlyRequest.call(this, {
				method: call.method ?? 'GET',
				path: call.path,
				qs: call.qs,
				body: call.body,
				record: call.record,
				retry: call.retry,
				itemIndex,
			});
			output.push({
				json: {
					statusCode: response.statusCode,
					attempts: response.attempts,
					body: (response.body ?? null) as IDataObject,
					rateLimit: { ...(await getRateLimitState.call(this)) },
				},
			});
		}
		return [output];
	}
}
