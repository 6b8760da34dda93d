import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { insightlyRequest } from '../transport';
import { parseRecordId } from '../utils/validation';
import { shapeRecords } from './output';
import type { OperationResult } from './record.operations';
import { runStep } from './steps';
import { asDataObjects, recordIdParameter, resolveTarget, type ExecutionCache } from './target';

interface Args {
	resource: string;
	itemIndex: number;
	cache: ExecutionCache;
}

/**
 * Insightly answers pipeline and state changes without the record: read it back for the output.
 * The change is made by then, so a failed read says so (repeating it is harmless but confusing).
 */
async function readBack(
	this: IExecuteFunctions,
	{ resource, itemIndex, cache }: Args,
	id: number,
	change: string,
): Promise<OperationResult> {
	const target = resolveTarget.call(this, resource, itemIndex);
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
			return await shapeRecords.call(this, asDataObjects(response.body), target, cache, itemIndex);
		},
	);
}

async function setPipeline(this: IExecuteFunctions, args: Args): Promise<OperationResult> {
	const { resource, itemIndex } = args;
	const target = resolveTarget.call(this, resource, itemIndex);
	const id = recordIdParameter.call(this, 'recordId', `${target.label} ID`, itemIndex);
	const pipelineId = parseRecordId(
		this.getNodeParameter('pipelineId', itemIndex),
		'Pipeline',
		itemIndex,
	);
	const stageId = parseRecordId(this.getNodeParameter('stageId', itemIndex), 'Stage', itemIndex);
	await insightlyRequest.call(this, {
		method: 'PUT',
		path: `/${target.path}/${id}/Pipeline`,
		body: { PIPELINE_ID: pipelineId, PIPELINE_STAGE_CHANGE: { STAGE_ID: stageId } },
		itemIndex,
		record: { typeName: target.label, id },
	});
	return await readBack.call(this, args, id, `pipeline ${pipelineId}, stage ${stageId}`);
}

async function setPipelineStage(this: IExecuteFunctions, args: Args): Promise<OperationResult> {
	const { resource, itemIndex } = args;
	const target = resolveTarget.call(this, resource, itemIndex);
	const id = recordIdParameter.call(this, 'recordId', `${target.label} ID`, itemIndex);
	const stageId = parseRecordId(this.getNodeParameter('stageId', itemIndex), 'Stage', itemIndex);
	await insightlyRequest.call(this, {
		method: 'PUT',
		path: `/${target.path}/${id}/PipelineStage`,
		body: { STAGE_ID: stageId },
		itemIndex,
		record: { typeName: target.label, id },
	});
	return await readBack.call(this, args, id, `stage ${stageId}`);
}

async function changeState(this: IExecuteFunctions, args: Args): Promise<OperationResult> {
	const { resource, itemIndex } = args;
	const target = resolveTarget.call(this, resource, itemIndex);
	const id = recordIdParameter.call(this, 'recordId', `${target.label} ID`, itemIndex);
	const state = String(this.getNodeParameter('state', itemIndex));
	const reason = this.getNodeParameter('stateReason', itemIndex, '') as string | number;
	const body: IDataObject = { FOR_OPPORTUNITY_STATE: state };
	if (reason !== '' && reason !== undefined && reason !== null)
		body.STATE_REASON_ID = parseRecordId(reason, 'Reason', itemIndex);
	await insightlyRequest.call(this, {
		method: 'PUT',
		path: `/${target.path}/${id}/StateChange`,
		body,
		itemIndex,
		record: { typeName: target.label, id },
	});
	return await readBack.call(this, args, id, `state ${state}`);
}

export const pipelineOperations = { setPipeline, setPipelineStage, changeState };
