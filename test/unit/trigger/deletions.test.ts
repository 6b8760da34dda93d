import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type IPollFunctions,
} from 'n8n-workflow';

import { RECORD_TYPES } from '../../../nodes/Insightly/objects';
import {
	insightlyRequest,
	type InsightlyRequestOptions,
	type InsightlyResponse,
} from '../../../nodes/Insightly/transport/request';
import { idListQuery, pageIds, pollDeletions } from '../../../nodes/Insightly/trigger/deletions';
import { decodeIdSet, encodeIdSet } from '../../../nodes/Insightly/trigger/idSet';
import type { RequestMeter } from '../../../nodes/Insightly/trigger/pages';
import type { TriggerSettings } from '../../../nodes/Insightly/trigger/settings';
import { readState, type TriggerState } from '../../../nodes/Insightly/trigger/state';

jest.mock('../../../nodes/Insightly/transport/request', () => ({ insightlyRequest: jest.fn() }));
const request = insightlyRequest as jest.MockedFunction<typeof insightlyRequest>;

describe('trigger/deletions idListQuery', () => {
	it.each(RECORD_TYPES.filter((type) => type.trigger).map((type) => [type.key, type]))(
		'%s: brief only where the type takes it',
		(_key, type) => {
			expect(idListQuery(type)).toEqual(type.brief ? { brief: true } : {});
		},
	);

	it('sends no brief for users (GET /Users documents none)', () => {
		const user = RECORD_TYPES.find((type) => type.key === 'user');
		expect(user).toMatchObject({ brief: false, trigger: true });
		expect(idListQuery(user!)).toEqual({});
	});
});

describe('trigger/deletions pageIds', () => {
	it('keeps the usable ids of a page and nothing else', () => {
		expect(
			pageIds(
				[
					{ CONTACT_ID: 7, FIRST_NAME: 'a' },
					{ CONTACT_ID: '8' },
					{ CONTACT_ID: -1 },
					{ CONTACT_ID: 1.5 },
					{ CONTACT_ID: 'x' },
					{ OTHER_ID: 9 },
				],
				'CONTACT_ID',
			),
		).toEqual([7, 8]);
	});
});

describe('trigger/deletions pollDeletions', () => {
	const contact = RECORD_TYPES.find((type) => type.key === 'contact')!;
	const settings: TriggerSettings = {
		type: contact,
		path: contact.path,
		typeName: contact.displayName,
		event: 'deletedRecord',
		overlapSeconds: 60,
		budget: 1000,
		reservePercent: 10,
		recheckDays: 0,
	};
	const node = { name: 'Insightly Trigger', type: 'n8n-nodes-insightly.insightlyTrigger' } as INode;
	const context = { getNode: () => node } as unknown as IPollFunctions;
	const fresh = (): TriggerState => readState(undefined, 'watch');
	const NOW = Date.UTC(2025, 2, 10);
	const run = (state: TriggerState, meter: RequestMeter = { requests: 0, max: 100 }) =>
		pollDeletions.call(context, settings, state, meter, NOW, 1000);
	/** A full contact, heavy on purpose: what must not be kept beyond its page. */
	const fullContact = (id: number): IDataObject => ({
		CONTACT_ID: id,
		FIRST_NAME: `First ${id}`,
		LAST_NAME: 'Last',
		BACKGROUND: 'x'.repeat(2_000),
		CUSTOMFIELDS: [{ FIELD_NAME: 'Notes__c', FIELD_VALUE: 'y'.repeat(500) }],
		TAGS: [{ TAG_NAME: 'vip' }],
	});
	const answer = (body: IDataObject[], total?: number) =>
		({
			body,
			headers: total === undefined ? {} : { 'x-total-count': String(total) },
			statusCode: 200,
			attempts: 1,
		}) as InsightlyResponse<never>;
	/** `ids` listed by top/skip, with full records and X-Total-Count. */
	function serve(ids: number[], options: { total?: boolean } = {}) {
		request.mockImplementation(async (call: InsightlyRequestOptions) => {
			const top = Number(call.qs?.top);
			const skip = Number(call.qs?.skip);
			const body = ids.slice(skip, skip + top).map(fullContact);
			return answer(body, options.total === false ? undefined : ids.length);
		});
	}
	const skips = () => request.mock.calls.map(([call]) => call.qs?.skip);
	beforeEach(() => request.mockReset());

	it('the first listing reads the count, then every page from the end back; only ids are stored', async () => {
		const ids = Array.from({ length: 1200 }, (_, i) => 1000 + i * 3);
		serve(ids);
		const meter: RequestMeter = { requests: 0, max: 100 };
		const outcome = await run(fresh(), meter);
		expect(skips()).toEqual([0, 700, 200, 0]);
		expect(request.mock.calls.every(([call]) => call.qs?.count_total === true)).toBe(true);
		expect(request.mock.calls[0][0].qs).toMatchObject({ brief: true, top: 500 });
		expect(meter.requests).toBe(4);
		expect(outcome).toEqual({
			events: [],
			ids: { known: expect.any(String), high: 1000 + 1199 * 3 },
		});
		const stored = outcome as { ids: { known: string } };
		expect(decodeIdSet(stored.ids.known)).toEqual(ids);
		expect(JSON.stringify(outcome)).not.toContain('BACKGROUND');
	});

	it('the first listing stops at the budget and carries on at the next poll where it stopped', async () => {
		const ids = Array.from({ length: 1200 }, (_, i) => i + 1);
		serve(ids);
		const first = (await run(fresh(), { requests: 0, max: 2 })) as { ids: TriggerState['ids'] };
		expect(first.ids).toEqual({
			known: expect.any(String),
			high: 1200,
			sweep: { kind: 'seed', next: 700 },
		});
		request.mockClear();
		const second = (await run({ ...fresh(), ids: first.ids })) as { ids: TriggerState['ids'] };
		expect(skips()).toEqual([200, 0]);
		expect(decodeIdSet(second.ids!.known)).toEqual(ids);
		expect(second.ids!.sweep).toBeUndefined();
	});

	it('the records of a page are garbage before the next page is asked for', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const ids = Array.from({ length: 1500 }, (_, i) => i + 1);
		const earlier: Array<WeakRef<IDataObject>> = [];
		const alive: number[] = [];
		request.mockImplementation(async (call: InsightlyRequestOptions) => {
			if (earlier.length) {
				request.mockClear(); // jest's record of earlier results holds their records
				await new Promise((resolve) => setImmediate(resolve)); // WeakRefs are kept to the end of a job
				gc();
				alive.push(earlier.filter((ref) => ref.deref() !== undefined).length);
			}
			const skip = Number(call.qs?.skip);
			const body = ids.slice(skip, skip + Number(call.qs?.top)).map(fullContact);
			for (const record of body) earlier.push(new WeakRef(record));
			return answer(body, ids.length);
		});
		const outcome = await run(fresh());
		expect(alive).toEqual([0, 0, 0]);
		expect(decodeIdSet((outcome as { ids: { known: string } }).ids.known)).toEqual(ids);
	});

	it('the next poll reports what is missing from one page at once', async () => {
		serve([5, 6, 7, 9]);
		const first = await run(fresh());
		const state = { ...fresh(), ids: (first as { ids: TriggerState['ids'] }).ids };
		serve([5, 7, 9, 10]);
		const second = await run(state);
		expect(second).toMatchObject({
			events: [{ CONTACT_ID: 6, deleted: true }],
			ids: { known: encodeIdSet([5, 7, 9, 10]), high: 10 },
		});
	});

	it('an unchanged list costs one request; a changed one is searched, never reported from counts alone', async () => {
		const ids = Array.from({ length: 5000 }, (_, i) => 10 + i);
		const known: TriggerState['ids'] = { known: encodeIdSet(ids), high: 5009 };
		serve(ids);
		const meter: RequestMeter = { requests: 0, max: 100 };
		expect(await run({ ...fresh(), ids: known }, meter)).toEqual({ events: [], ids: known });
		expect(skips()).toEqual([4900]);
		// 3 deleted (one at a page boundary), 2 created
		const now = ids.filter((id) => ![510, 2010, 4509].includes(id)).concat([6000, 6001]);
		serve(now);
		request.mockClear();
		const outcome = await run({ ...fresh(), ids: known });
		expect(outcome).toMatchObject({
			events: [510, 2010, 4509].map((id) => ({ CONTACT_ID: id, deleted: true })),
			ids: { high: 6001 },
		});
		expect(request.mock.calls.length).toBeLessThanOrEqual(1 + 3 * 5);
	});

	it('stops with an error when the list is not in ascending id order, or has no X-Total-Count', async () => {
		const ids = Array.from({ length: 1000 }, (_, i) => 10 + i);
		const known: TriggerState['ids'] = { known: encodeIdSet(ids), high: 1009 };
		serve([...ids.slice(0, 900), 2000, ...ids.slice(901, 950).reverse(), ...ids.slice(951)]);
		const error = await run({ ...fresh(), ids: known }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'Insightly listed Contact records out of ascending id order',
		);
		serve(
			Array.from({ length: 1200 }, (_, i) => i + 1),
			{ total: false },
		);
		await expect(run(fresh())).rejects.toThrow(
			'Insightly sent no X-Total-Count for GET /Contacts?count_total=true',
		);
	});
});
