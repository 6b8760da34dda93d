import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CustomFieldMetadata } from '../utils/customFields';
import { simplifyRecord } from '../utils/customFields';
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
	const needsMetadata =
		target.customFieldsObject &&
		records.some((record) => Array.isArray(record.CUSTOMFIELDS) && record.CUSTOMFIELDS.length);
	let metadata: CustomFieldMetadata[] | undefined;
	if (needsMetadata)
		metadata = await cache.customFieldsOf(this, target.customFieldsObject as string, itemIndex);
	return records.map((record) => simplifyRecord(record, metadata));
}
