import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { insightlyRequest } from '../../transport';
import type { OperationInput } from '../operation';
import { toItems } from '../operation';
import { shapeRecords } from '../output';
import { runStep } from '../steps';
import { asDataObjects, type Target } from '../target';

/**
 * Insightly answers pipeline and state changes without the record: read it back for the output.
 * The change is made by then, so a failed read says so (repeating it is harmless but confusing).
 */
export async function readBack(
	this: IExecuteFunctions,
	{ itemIndex, cache }: OperationInput,
	target: Target,
	id: number,
	change: string,
): Promise<INodeExecutionData[]> {
	return await runStep(
		{
			step: `Reading ${target.label} ${id} back`,
			alreadyDone: `The change was made in Insightly: ${change}.`,
		},
		async () => {
			const response = await insightlyRequest.call(this, {
				method: 'GET',
				path: `/${target.path}/${id}`,
				itemIndex,
				record: { typeName: target.label, id },
			});
			const records = asDataObjects(response.body);
			return toItems(await shapeRecords.call(this, records, target, cache, itemIndex));
		},
	);
}
