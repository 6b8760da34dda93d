import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type IPollFunctions,
} from 'n8n-workflow';

import { RECORD_TYPES } from '../../../nodes/Insightly/objects';
import * as pagination from '../../../nodes/Insightly/transport/pagination';
import {
	insightlyRequest,
	type InsightlyRequestOptions,
	type InsightlyResponse,
} from '../../../nodes/Insightly/transport/request';
import { idListQuery, pageIds, pollDeletions } from '../../../nodes/Insightly/trigger/deletions';
import { decodeIdSet } from '../../../nodes/Insightly/trigger/idSet';
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

describe('trigger/deletions pollDeletions keeps ids only', () => {
	const contact = RECORD_TYPES.find((type) => type.key === 'contact')!;
	const settings: TriggerSettings = {
		type: contact,
		path: contact.path,
		typeName: contact.displayName,
		event: 'deletedRecord',
		overlapSeconds: 60,
		budget: 1000,
		reservePercent: 10,
	};
	const node = { name: 'Insightly Trigger', type: 'n8n-nodes-insightly.insightlyTrigger' } as INode;
	const context = { getNode: () => node } as unknown as IPollFunctions;
	const fresh = (): TriggerState => readState(undefined, 'watch');
	/** A full contact, heavy on purpose: what must not be kept beyond its page. */
	const fullContact = (id: number): IDataObject => ({
		CONTACT_ID: id,
		FIRST_NAME: `First ${id}`,
		LAST_NAME: 'Last',
		BACKGROUND: 'x'.repeat(2_000),
		CUSTOMFIELDS: [{ FIELD_NAME: 'Notes__c', FIELD_VALUE: 'y'.repeat(500) }],
		TAGS: [{ TAG_NAME: 'vip' }],
	});
	/** `ids` listed by top/skip, with full records. */
	function serve(ids: number[]) {
		request.mockImplementation(async (options: InsightlyRequestOptions) => {
			const top = Number(options.qs?.top);
			const skip = Number(options.qs?.skip);
			return {
				body: ids.slice(skip, skip + top).map(fullContact),
				headers: {},
				statusCode: 200,
				attempts: 1,
			} as InsightlyResponse<never>;
		});
	}

	let seenPages: IDataObject[][];
	let keptPages: unknown[][];
	let reads: Array<pagination.PageRead<unknown>>;
	beforeEach(() => {
		request.mockReset();
		seenPages = [];
		keptPages = [];
		reads = [];
		const real = pagination.insightlyRequestAllPages;
		jest
			.spyOn(pagination, 'insightlyRequestAllPages')
			.mockImplementation(async (ctx, path, qs, options) => {
				const read = await real(ctx, path, qs, {
					...options,
					mapPage: (records) => {
						seenPages.push(records);
						const kept = options.mapPage(records);
						keptPages.push(kept);
						return kept;
					},
				});
				reads.push(read);
				return read;
			});
	});
	afterEach(() => jest.restoreAllMocks());

	it('the per-page hook sees full records; what is kept of each page is a number[] of ids', async () => {
		const ids = Array.from({ length: 1200 }, (_, i) => 1000 + i * 3);
		serve(ids);
		const meter: RequestMeter = { requests: 0, max: 100 };
		const outcome = await pollDeletions.call(context, settings, fresh(), meter);

		expect(meter.requests).toBe(3);
		expect(seenPages.map((page) => page.length)).toEqual([500, 500, 200]);
		expect(seenPages[0][0]).toMatchObject({ CONTACT_ID: 1000, BACKGROUND: 'x'.repeat(2_000) });
		for (const kept of keptPages) {
			expect(Array.isArray(kept)).toBe(true);
			expect(kept.every((id) => typeof id === 'number')).toBe(true);
		}
		expect(keptPages.flat()).toEqual(ids);
		// What the whole read held: ids, not records.
		expect(reads).toHaveLength(1);
		expect(reads[0].items).toEqual(ids);
		expect(reads[0].items.some((item) => typeof item === 'object')).toBe(false);

		// What is stored: the compact id list only.
		expect(outcome).toEqual({ events: [], ids: { known: expect.any(String), pending: '' } });
		const stored = outcome as { ids: { known: string } };
		expect(decodeIdSet(stored.ids.known)).toEqual(ids);
		expect(JSON.stringify(outcome)).not.toContain('BACKGROUND');
	});

	it('the records of a page are garbage before the next page is asked for', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		jest.restoreAllMocks(); // no spy holding the pages
		const ids = Array.from({ length: 1500 }, (_, i) => i + 1);
		const earlier: Array<WeakRef<IDataObject>> = [];
		const alive: number[] = [];
		request.mockImplementation(async (options: InsightlyRequestOptions) => {
			const skip = Number(options.qs?.skip);
			const top = Number(options.qs?.top);
			if (skip > 0) {
				request.mockClear(); // jest's record of earlier results holds their records
				await new Promise((resolve) => setImmediate(resolve)); // WeakRefs are kept to the end of a job
				gc();
				alive.push(earlier.filter((ref) => ref.deref() !== undefined).length);
			}
			const body = ids.slice(skip, skip + top).map(fullContact);
			for (const record of body) earlier.push(new WeakRef(record));
			return { body, headers: {}, statusCode: 200, attempts: 1 } as InsightlyResponse<never>;
		});
		const outcome = await pollDeletions.call(context, settings, fresh(), { requests: 0, max: 10 });
		expect(alive).toEqual([0, 0, 0]);
		expect(decodeIdSet((outcome as { ids: { known: string } }).ids.known)).toEqual(ids);
	});

	it('the next poll compares ids: a one-page listing reports what is missing at once', async () => {
		serve([5, 6, 7, 9]);
		const first = await pollDeletions.call(context, settings, fresh(), { requests: 0, max: 10 });
		const state = { ...fresh(), ids: (first as { ids: TriggerState['ids'] }).ids };
		serve([5, 7, 9]);
		const second = await pollDeletions.call(context, settings, state, { requests: 0, max: 10 });
		expect(second).toMatchObject({ events: [{ CONTACT_ID: 6, deleted: true }] });
		expect(keptPages).toEqual([
			[5, 6, 7, 9],
			[5, 7, 9],
		]);
	});

	it('a listing that repeats its first page stops with an error, each request counted once', async () => {
		// A server that ignores skip: the same 500 contacts for every page.
		request.mockImplementation(
			async () =>
				({
					body:
						request.mock.calls.length > 4
							? []
							: Array.from({ length: 500 }, (_, i) => fullContact(i + 1)),
					headers: {},
					statusCode: 200,
					attempts: 1,
				}) as InsightlyResponse<never>,
		);
		const meter: RequestMeter = { requests: 0, max: 100 };
		const error = await pollDeletions
			.call(context, settings, fresh(), meter)
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'Insightly returned the same page twice for GET /Contacts',
		);
		expect(request).toHaveBeenCalledTimes(2);
		expect(meter.requests).toBe(2);
	});
});
