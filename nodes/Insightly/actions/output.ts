/**
 * What the node's operations return: the record shape the user (or tool mode) asked for, and in
 * tool mode the envelope a model reads (how many were found, whether there are more, or an
 * explicit "nothing found").
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { CustomFieldMetadata } from '../utils/customFields';
import {
	isOutputShape,
	shapeRecord,
	shapeUsesDefinitions,
	type OutputShape,
} from '../utils/recordShape';
import { runStep } from './steps';
import type { ExecutionCache, Target } from './target';

/**
 * Whether n8n runs this node as an AI agent's tool. n8n 1.x and 2.x both register a node that
 * declares `usableAsTool` a second time as `<name>Tool` (here `insightlyTool`) and run that type's
 * `execute` for each tool call; the plain node type never ends in "Tool".
 */
export function isToolMode(this: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return this.getNode().type.endsWith('Tool');
}

/**
 * The record shape for this item. Version 2 has the Output option (default Compact); version 1
 * keeps its Simplify switch (default on), so saved workflows receive what they always did, except
 * as an AI tool, where Simplify's default now means Compact (a model reads the output, not a
 * workflow).
 */
export function outputShapeOf(this: IExecuteFunctions, itemIndex: number): OutputShape {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (isOutputShape(options.output)) return options.output;
	if (this.getNode().typeVersion >= 2) return 'compact';
	if (options.simplify === false) return 'raw';
	return isToolMode.call(this) && options.simplify === undefined ? 'compact' : 'simplified';
}

/** Records in the shape asked for; the custom field definitions are read only when needed. */
export async function shapeRecords(
	this: IExecuteFunctions,
	records: IDataObject[],
	target: Target,
	cache: ExecutionCache,
	itemIndex: number,
): Promise<IDataObject[]> {
	const shape = outputShapeOf.call(this, itemIndex);
	if (shape === 'raw') return records;
	const needsMetadata =
		shapeUsesDefinitions(shape) &&
		records.some((record) => Array.isArray(record.CUSTOMFIELDS) && record.CUSTOMFIELDS.length);
	let metadata: CustomFieldMetadata[] | undefined;
	if (needsMetadata && target.customFields)
		metadata = await cache.customFieldsOf(this, target.customFields, itemIndex);
	const context = {
		idField: target.type.idField,
		nameFields: target.type.nameFields,
		metadata,
	};
	return records.map((record) => shapeRecord(record, shape, context));
}

/**
 * Output of a write. Shaping may need the custom field metadata (one more request): if that
 * fails, say the write itself went through so the user does not repeat it.
 */
export async function shapeWritten(
	this: IExecuteFunctions,
	records: IDataObject[],
	target: Target,
	cache: ExecutionCache,
	itemIndex: number,
	action: 'created' | 'updated',
): Promise<IDataObject[]> {
	const ids = records.map((record) => record[target.type.idField]).join(', ');
	return await runStep(
		{
			step: `Reading the custom field definitions of ${target.pluralLabel} for the output`,
			alreadyDone: `${target.label} ${ids} was ${action} in Insightly: do not repeat the ${action === 'created' ? 'create' : 'update'}. Set Output to Raw (Simplify off in version 1) to skip this request.`,
		},
		async () => await shapeRecords.call(this, records, target, cache, itemIndex),
	);
}

/** How a list read went, for the tool-mode envelope. */
export interface ListOutcome {
	/** The records to return, already shaped and cut to the limit. */
	records: IDataObject[];
	/** The limit applied (undefined: Return All). */
	limit?: number;
	/** Whether at least one more record matched beyond the limit. */
	more: boolean;
	/** What "nothing found" means here, e.g. 'No contact has EMAIL_ADDRESS = "x"'. */
	noneMessage: string;
	/** Plural noun for the "more" note: 'contacts'. */
	plural: string;
}

/**
 * The number of records to ask Insightly for: in tool mode one beyond the limit, so the model can
 * be told there are more without a count request (the extra record is never returned).
 */
export function readLimit(
	this: Pick<IExecuteFunctions, 'getNode'>,
	limit: number | undefined,
): number | undefined {
	return limit !== undefined && isToolMode.call(this) ? limit + 1 : limit;
}

/**
 * A list as items: one item per record for workflows; for a model one item that says how many
 * were found, whether more match, and "nothing found" in words instead of an empty answer (which
 * n8n hands the model as an empty string, indistinguishable from a failure).
 */
export function listItems(
	this: Pick<IExecuteFunctions, 'getNode'>,
	outcome: ListOutcome,
): INodeExecutionData[] {
	if (!isToolMode.call(this)) return outcome.records.map((json) => ({ json }));
	if (!outcome.records.length) return [{ json: { found: 0, message: `${outcome.noneMessage}.` } }];
	const json: IDataObject = { found: outcome.records.length };
	if (outcome.more)
		json.more = `More ${outcome.plural} match than the ${outcome.limit} shown: ask again with a higher Limit, or narrow the search.`;
	json.records = outcome.records;
	return [{ json }];
}
