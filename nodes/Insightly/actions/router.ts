import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from '../utils/validation';
import { OPERATIONS_BY_RESOURCE } from './index';
import type { Operation } from './operation';
import { isToolMode } from './output';
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
			`The operation "${value}" is not supported for resource "${resource}": use one of ${[...byValue.keys()].join(', ')}`,
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

/**
 * The error as an AI agent's tool gives it to the model. n8n passes the model the message (2.x
 * appends the description only in some paths), so the hint ("check the ID...") goes into the
 * message itself, the parameter is named, and the "[item 0]" that means nothing to a model goes.
 */
function forModel(error: Error, cause: unknown): Error {
	const withDescription = error as Error & { description?: string | null };
	const parts = [error.message.replace(/\s*\[item \d+\]$/, '')];
	const field = cause instanceof InputError ? cause.field : undefined;
	if (field && !parts[0].includes(field)) parts.push(`(parameter: ${field})`);
	const description = withDescription.description?.trim();
	if (description && !parts[0].includes(description)) parts.push(`Hint: ${description}`);
	error.message = parts.join(' ');
	return error;
}

/** Runs the chosen operation once per input item, keeping item pairing and continue-on-fail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const cache = new ExecutionCache();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			// An unknown resource shows no Operation parameter: read it with a fallback so the
			// error names the resource and its valid values rather than "Could not get parameter".
			const value = this.getNodeParameter('operation', itemIndex, '') as string;
			const operation = operationFor.call(this, resource, value);
			const results = await operation.execute.call(this, { resource, itemIndex, cache });
			// The operation's own items, tagged in place: a copy of each would double the
			// wrappers of a large list for nothing.
			for (const result of results) {
				result.pairedItem = { item: itemIndex };
				output.push(result);
			}
		} catch (error) {
			let nodeError = asNodeError.call(this, error, itemIndex);
			if (isToolMode.call(this)) nodeError = forModel(nodeError, error);
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
