/**
 * The output shape on every operation that returns records. Version 1: Simplify on (the default)
 * turns CUSTOMFIELDS into a `customFields` object, off returns Insightly's raw record. Version 2:
 * Output Compact (the default), Simplified or Raw. The operations are found from the
 * node's own description (every one that shows the Options collection with Simplify), so an
 * operation added later without a case here fails the coverage test.
 */
import type { IDataObject } from 'n8n-workflow';

import { OPERATIONS } from '../../../nodes/Insightly/actions';
import { byId, seeded, useNodeSandbox } from './helpers';
import { samplePipeline } from './samples';

const { sandbox, run } = useNodeSandbox();

/** Operation values that offer Simplify, from the node's parameters. */
const WITH_SIMPLIFY = OPERATIONS.filter((operation) =>
	operation.properties.some(
		(property) =>
			property.name === 'options' &&
			(property.options as Array<{ name: string }>).some((option) => option.name === 'simplify'),
	),
).map((operation) => operation.value);

/** Parameters of each of them on an opportunity (it has custom fields, pipelines and states). */
function parametersFor(operation: string): IDataObject {
	const opportunity = seeded(sandbox, 'Opportunities');
	const id = byId(opportunity.OPPORTUNITY_ID as number);
	const { pipelineId, stageIds } = samplePipeline(sandbox, 'opportunity');
	const base = { resource: 'opportunity', operation };
	const cases: Record<string, IDataObject> = {
		get: { recordId: id },
		getAll: { limit: 3 },
		search: { searchField: 'OPPORTUNITY_NAME', searchValue: String(opportunity.OPPORTUNITY_NAME) },
		create: { OPPORTUNITY_NAME: 'Simplify check' },
		update: { recordId: id, updateFields: { OPPORTUNITY_DETAILS: 'changed' } },
		upsert: {
			matchField: 'OPPORTUNITY_NAME',
			matchValue: String(opportunity.OPPORTUNITY_NAME),
			OPPORTUNITY_NAME: String(opportunity.OPPORTUNITY_NAME),
		},
		setPipeline: { recordId: id, pipelineId, stageId: stageIds[0] },
		setPipelineStage: { recordId: id, stageId: stageIds[0] },
		changeState: { recordId: id, state: 'LOST' },
	};
	return { ...base, ...cases[operation] };
}

it('every operation that returns records offers Simplify, and this file covers each', () => {
	expect([...WITH_SIMPLIFY].sort()).toEqual(
		[
			'changeState',
			'create',
			'get',
			'getAll',
			'getCurrent',
			'search',
			'setPipeline',
			'setPipelineStage',
			'update',
			'upsert',
		].sort(),
	);
});

describe.each(WITH_SIMPLIFY.filter((operation) => operation !== 'getCurrent'))(
	'%s',
	(operation) => {
		it('version 1: Simplify on flattens custom fields; off returns the raw record', async () => {
			const v1 = { typeVersion: 1 };
			const simplified = await run(parametersFor(operation), v1);
			sandbox.reset();
			const raw = await run({ ...parametersFor(operation), options: { simplify: false } }, v1);
			expect(simplified.length).toBeGreaterThan(0);
			expect(raw.length).toBe(simplified.length);
			for (const item of simplified) {
				expect(item.json.CUSTOMFIELDS).toBeUndefined();
				expect(typeof item.json.customFields).toBe('object');
				// Simplified keeps every field, empty ones included (what version 1 always returned).
				expect(Object.values(item.json)).toContain(null);
			}
			for (const item of raw) {
				expect(Array.isArray(item.json.CUSTOMFIELDS)).toBe(true);
				expect(item.json.customFields).toBeUndefined();
			}
		});
		it('version 2: Output Compact (the default) drops empty fields; Raw and Simplified as asked', async () => {
			const compact = await run(parametersFor(operation));
			sandbox.reset();
			const simplified = await run({
				...parametersFor(operation),
				options: { output: 'simplified' },
			});
			sandbox.reset();
			const raw = await run({ ...parametersFor(operation), options: { output: 'raw' } });
			expect(compact.length).toBeGreaterThan(0);
			expect(simplified.length).toBe(compact.length);
			expect(raw.length).toBe(compact.length);
			for (const [index, item] of compact.entries()) {
				expect(item.json.CUSTOMFIELDS).toBeUndefined();
				expect(Object.values(item.json)).not.toContain(null);
				expect(JSON.stringify(item.json).length).toBeLessThan(
					JSON.stringify(simplified[index].json).length,
				);
				expect(item.json.OPPORTUNITY_ID).toBe(raw[index].json.OPPORTUNITY_ID);
			}
			for (const item of simplified) expect(typeof item.json.customFields).toBe('object');
			for (const item of raw) expect(Array.isArray(item.json.CUSTOMFIELDS)).toBe(true);
		});
	},
);

describe('getCurrent', () => {
	it('Raw (Simplify off in version 1) returns the user as Insightly sends it', async () => {
		const me = seeded(sandbox, 'Users', (row) => row.USER_ID === sandbox.state.meUserId);
		const [compact] = await run({ resource: 'user', operation: 'getCurrent' });
		const [raw] = await run({
			resource: 'user',
			operation: 'getCurrent',
			options: { output: 'raw' },
		});
		const [rawV1] = await run(
			{ resource: 'user', operation: 'getCurrent', options: { simplify: false } },
			{ typeVersion: 1 },
		);
		expect(raw.json).toEqual(me);
		expect(rawV1.json).toEqual(me);
		expect(compact.json.USER_ID).toBe(me.USER_ID);
		expect(Object.values(compact.json)).not.toContain(null);
	});
});
