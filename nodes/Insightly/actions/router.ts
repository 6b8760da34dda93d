import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ATTACHED_RESOURCES } from '../descriptions/resources';
import { InputError } from '../utils/validation';
import { attachedOperations, type AttachedResult } from './attached.operations';
import { pipelineOperations } from './pipeline.operations';
import { recordOperations } from './record.operations';
import { ExecutionCache } from './target';

type Handler = (
	this: IExecuteFunctions,
	itemIndex: number,
	cache: ExecutionCache,
) => Promise<AttachedResult>;

function handlerFor(this: IExecuteFunctions, resource: string, operation: string): Handler {
	if ((ATTACHED_RESOURCES as readonly string[]).includes(resource)) {
		const handler = attachedOperations[resource]?.[operation];
		if (handler)
			return async function (this: IExecuteFunctions, itemIndex: number) {
				return await handler.call(this, itemIndex);
			};
	}
	const recordHandler =
		recordOperations[operation] ??
		(pipelineOperations as Record<string, (typeof recordOperations)[string]>)[operation];
	if (recordHandler) {
		return async function (this: IExecuteFunctions, itemIndex: number, cache: ExecutionCache) {
			return await recordHandler.call(this, { resource, itemIndex, cache });
		};
	}
	throw new NodeOperationError(
		this.getNode(),
		`The operation "${operation}" is not supported for "${resource}"`,
	);
}

function isExecutionData(value: AttachedResult): value is INodeExecutionData {
	return (
		!Array.isArray(value) &&
		typeof value === 'object' &&
		value !== null &&
		'json' in value &&
		typeof value.json === 'object'
	);
}

/** The error n8n shows: input problems become NodeOperationError, API failures keep their NodeApiError. */
function asNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof InputError) {
		return new NodeOperationError(this.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.description,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/** Runs the chosen operation once per input item, keeping item pairing and continue-on-fail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const cache = new ExecutionCache();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = handlerFor.call(this, resource, operation);
			const result = await handler.call(this, itemIndex, cache);
			if (isExecutionData(result)) {
				output.push({ ...result, pairedItem: { item: itemIndex } });
			} else {
				const records = Array.isArray(result) ? result : [result];
				for (const json of records)
					output.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = asNodeError.call(this, error, itemIndex);
			if (this.continueOnFail()) {
				const description = (nodeError as NodeOperationError).description;
				output.push({
					json: {
						error: nodeError.message,
						...(description ? { description } : {}),
						item: itemIndex,
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return [output];
}
