/**
 * Several input items: one output per record with its pairedItem, expressions per item,
 * continue-on-fail keeps going and names the failing item, and without it the first failure
 * stops the run with the item's index.
 */
import { NodeApiError } from 'n8n-workflow';

import { jsonOf, rows, sentLines, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox({ seed: { records: 30, seed: 5 } });

const contactIds = () => rows(sandbox, 'Contacts').map((row) => row.CONTACT_ID as number);

it('gets one record per item, paired with its item, with expressions read per item', async () => {
	const ids = contactIds().slice(0, 3);
	sandbox.clearLog();
	const out = await run(
		{
			resource: 'contact',
			operation: 'get',
			recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		},
		{ items: ids.map((id) => ({ json: { id } })) },
	);
	expect(jsonOf(out).map((json) => json.CONTACT_ID)).toEqual(ids);
	expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	// The custom field metadata is read once per run, not once per item.
	expect(sentLines(sandbox).filter((line) => line.startsWith('GET /CustomFields'))).toHaveLength(1);
});

it('pairs every record of a list with the item that asked for it', async () => {
	const out = await run(
		{ resource: 'user', operation: 'getAll', limit: 2 },
		{ items: [{ json: {} }, { json: {} }] },
	);
	expect(out).toHaveLength(4);
	expect(out.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 0 },
		{ item: 1 },
		{ item: 1 },
	]);
});

it('with continue on fail, reports each failing item and carries on', async () => {
	const [good] = contactIds();
	const out = await run(
		{
			resource: 'contact',
			operation: 'get',
			recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		},
		{
			items: [
				{ json: { id: good } },
				{ json: { id: 'nope' } },
				{ json: { id: 999 } },
				{ json: { id: good } },
			],
			continueOnFail: true,
		},
	);
	expect(out).toHaveLength(4);
	expect(out.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
		{ item: 3 },
	]);
	expect(out[0].json.CONTACT_ID).toBe(good);
	expect(out[1].json).toMatchObject({
		item: 1,
		error: expect.stringMatching(/Contact ID must be a positive whole number.*\[item 1\]/),
	});
	expect(out[2].json).toMatchObject({ item: 2, error: expect.stringMatching(/404|not found/i) });
	expect(out[3].json.CONTACT_ID).toBe(good);
});

it('without continue on fail, stops at the failing item and says which', async () => {
	const created = rows(sandbox, 'Contacts').length;
	const error = await run(
		{ resource: 'contact', operation: 'create', FIRST_NAME: '={{ $json.name }}' },
		{ items: [{ json: { name: 'First' } }, { json: { name: '' } }, { json: { name: 'Third' } }] },
	).catch((caught: unknown) => caught);
	expect((error as Error).message).toMatch(/First Name is required but empty \[item 1\]/);
	expect(rows(sandbox, 'Contacts')).toHaveLength(created + 1);
});

it('an API error carries the item index', async () => {
	const error = (await run(
		{
			resource: 'contact',
			operation: 'delete',
			recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		},
		{ items: [{ json: { id: contactIds()[0] } }, { json: { id: 999 } }] },
	).catch((caught: unknown) => caught)) as NodeApiError;
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.context.itemIndex).toBe(1);
});
