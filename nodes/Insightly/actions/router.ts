import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from '../utils/validation';
import { OPERATIONS_BY_RESOURCE } from './index';
import type { Operation } from './operation';
import { ExecutionCache } from './target';

/** The module of a resource's operation; an unknown pair names the valid values. */
function operationFor(this: IExecuteFunctions, resource: string, value: string): Operation {
	const byValue = OPERATIONS_BY_RESOURCE.get(resource);
	if (!byValue) {
		throw new NodeOperationError(
			this.getNode(),
			`Unknown resource "${resource}": use one of ${[...OPERATIONS_BY_RESOURCE.keys()].join(', ')}`,
		);
	}
	const operation = byValue.get(value);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${value}" is not supported for "${resource}": use one of ${[...byValue.keys()].join(', ')}`,
		);
	}
	return operation;
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
			const value = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operationFor.call(this, resource, value);
			const results = await operation.execute.call(this, { resource, itemIndex, cache });
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
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
