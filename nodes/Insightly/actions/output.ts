import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CustomFieldMetadata } from '../utils/customFields';
import { simplifyRecord } from '../utils/customFields';
import { runStep } from './steps';
import type { ExecutionCache, Target } from './target';

/** Whether the user asked for simplified output (default on for reads and writes alike). */
export function wantsSimplify(this: IExecuteFunctions, itemIndex: number): boolean {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.simplify !== false;
}

/** Records as the user asked for them: raw, or with CUSTOMFIELDS flattened and typed. */
export async function shapeRecords(
	this: IExecuteFunctions,
	records: IDataObject[],
	target: Target,
	cache: ExecutionCache,
	itemIndex: number,
): Promise<IDataObject[]> {
	if (!wantsSimplify.call(this, itemIndex)) return records;
	const needsMetadata = records.some(
		(record) => Array.isArray(record.CUSTOMFIELDS) && record.CUSTOMFIELDS.length,
	);
	let metadata: CustomFieldMetadata[] | undefined;
	if (needsMetadata && target.customFields)
		metadata = await cache.customFieldsOf(this, target.customFields, itemIndex);
	return records.map((record) => simplifyRecord(record, metadata));
}

/**
 * Output of a write. Simplifying may need the custom field metadata (one more request): if
 * that fails, say the write itself went through so the user does not repeat it.
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
			alreadyDone: `${target.label} ${ids} was ${action} in Insightly: do not repeat the ${action === 'created' ? 'create' : 'update'}. Turn Simplify off to skip this request.`,
		},
		async () => await shapeRecords.call(this, records, target, cache, itemIndex),
	);
}
