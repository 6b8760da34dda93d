/**
 * Set Pipeline, Set Pipeline Stage (leads, opportunities, projects) and Change State
 * (opportunities, with a reason), and what a failed read-back after the change says.
 */
import type { IDataObject } from 'n8n-workflow';

import { RECORD_TYPES, supports } from '../../../nodes/Insightly/objects';
import { byId, seeded, sentRequests, useNodeSandbox } from './helpers';
import { samplePipeline } from './samples';

const { sandbox, run } = useNodeSandbox();

const lines = () => sentRequests(sandbox).map(({ method, path, body }) => ({ method, path, body }));
const PIPELINE_TYPES = RECORD_TYPES.filter((type) => supports(type, 'setPipeline')).map(
	(type) => [type.key, type] as const,
);

describe.each(PIPELINE_TYPES)('%s', (_key, type) => {
	it('sets the pipeline at a stage, then moves it to another stage', async () => {
		const id = seeded(sandbox, type.path)[type.idField] as number;
		const { pipelineId, stageIds } = samplePipeline(sandbox, type.key);
		sandbox.clearLog();
		const [set] = await run({
			resource: type.key,
			operation: 'setPipeline',
			recordId: byId(id),
			pipelineId,
			stageId: stageIds[1],
		});
		expect(set.json).toMatchObject({
			[type.idField]: id,
			PIPELINE_ID: pipelineId,
			STAGE_ID: stageIds[1],
		});
		const [moved] = await run({
			resource: type.key,
			operation: 'setPipelineStage',
			recordId: byId(id),
			stageId: String(stageIds[2]),
		});
		expect(moved.json).toMatchObject({
			[type.idField]: id,
			PIPELINE_ID: pipelineId,
			STAGE_ID: stageIds[2],
		});
		expect(lines().filter((line) => !line.path.startsWith('/CustomFields'))).toEqual([
			{
				method: 'PUT',
				path: `/${type.path}/${id}/Pipeline`,
				body: { PIPELINE_ID: pipelineId, PIPELINE_STAGE_CHANGE: { STAGE_ID: stageIds[1] } },
			},
			{ method: 'GET', path: `/${type.path}/${id}`, body: undefined },
			{ method: 'PUT', path: `/${type.path}/${id}/PipelineStage`, body: { STAGE_ID: stageIds[2] } },
			{ method: 'GET', path: `/${type.path}/${id}`, body: undefined },
		]);
	});
});

describe('opportunity state', () => {
	it('marks an opportunity lost with a reason, in the casing Insightly answers with', async () => {
		const opportunity = seeded(sandbox, 'Opportunities', (row) => row.OPPORTUNITY_STATE === 'Open');
		const id = opportunity.OPPORTUNITY_ID as number;
		const reason = sandbox.state.stateReasons.rows.find(
			(row) => row.FOR_OPPORTUNITY_STATE === 'Lost',
		) as IDataObject;
		sandbox.clearLog();
		const [out] = await run({
			resource: 'opportunity',
			operation: 'changeState',
			recordId: byId(id),
			state: 'Lost',
			stateReason: reason.STATE_REASON_ID,
		});
		expect(out.json).toMatchObject({ OPPORTUNITY_ID: id, OPPORTUNITY_STATE: 'Lost' });
		expect(lines()[0]).toEqual({
			method: 'PUT',
			path: `/Opportunities/${id}/StateChange`,
			body: { FOR_OPPORTUNITY_STATE: 'Lost', STATE_REASON_ID: reason.STATE_REASON_ID },
		});
		const history = sandbox.state.stateHistory.get(id) ?? [];
		expect(history[history.length - 1]).toMatchObject({
			FOR_OPPORTUNITY_STATE: 'Lost',
			STATE_REASON: reason.STATE_REASON,
		});
	});

	it.each(['strict', 'lenient'] as const)(
		"an older workflow's 'WON' goes out as 'Won' (sandbox %s about casing)",
		async (casing) => {
			sandbox.state.behaviour.stateCasing = casing;
			const id = seeded(sandbox, 'Opportunities', (row) => row.OPPORTUNITY_STATE === 'Open')
				.OPPORTUNITY_ID as number;
			sandbox.clearLog();
			const [out] = await run({
				resource: 'opportunity',
				operation: 'changeState',
				recordId: byId(id),
				state: 'WON',
			});
			expect(out.json.OPPORTUNITY_STATE).toBe('Won');
			expect(lines()[0].body).toEqual({ FOR_OPPORTUNITY_STATE: 'Won' });
		},
	);

	it('an unknown state stops before any request, naming the states', async () => {
		const id = seeded(sandbox, 'Opportunities').OPPORTUNITY_ID as number;
		sandbox.clearLog();
		const [out] = await run(
			{ resource: 'opportunity', operation: 'changeState', recordId: byId(id), state: 'Closed' },
			{ continueOnFail: true },
		);
		expect(String(out.json.error)).toMatch(
			/State must be one of Open, Won, Lost, Abandoned, Suspended/,
		);
		expect(lines()).toEqual([]);
	});

	it('says the change was made when reading the record back fails', async () => {
		const id = seeded(sandbox, 'Opportunities', (row) => row.OPPORTUNITY_STATE === 'Open')
			.OPPORTUNITY_ID as number;
		sandbox.faults.add({
			method: 'GET',
			path: `/Opportunities/${id}`,
			status: 404,
			body: { Message: 'Gone' },
		});
		const error = (await run({
			resource: 'opportunity',
			operation: 'changeState',
			recordId: byId(id),
			state: 'Won',
		}).catch((caught: unknown) => caught)) as Error & { description?: string };
		expect(error.message).toMatch(new RegExp(`^Reading Opportunity ${id} back failed`));
		expect(error.description).toMatch(/The change was made in Insightly: state Won/);
		expect(
			seeded(sandbox, 'Opportunities', (row) => row.OPPORTUNITY_ID === id).OPPORTUNITY_STATE,
		).toBe('Won');
	});
});
