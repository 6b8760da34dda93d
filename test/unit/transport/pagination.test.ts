/**
 * The one paginator (transport/pagination.ts) on a scripted request function: which pages it
 * asks for, where it stops, and what it tells a caller that meters requests (the trigger).
 */
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import {
	insightlyRequestAllItems,
	insightlyRequestAllPages,
} from '../../../nodes/Insightly/transport/pagination';
import {
	insightlyRequest,
	type InsightlyFunctions,
	type InsightlyRequestOptions,
	type InsightlyResponse,
} from '../../../nodes/Insightly/transport/request';

jest.mock('../../../nodes/Insightly/transport/request', () => ({ insightlyRequest: jest.fn() }));
const request = insightlyRequest as jest.MockedFunction<typeof insightlyRequest>;

const node = { name: 'Insightly', type: 'n8n-nodes-insightly.insightly' } as INode;
const context = { getNode: () => node } as unknown as InsightlyFunctions;
const rows = (from: number, count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({ ID: from + i }));

/** A list of `size` records served by top/skip; X-Total-Count when asked; `attempts` per call. */
function serve(size: number, { attempts = 1, withTotal = true } = {}) {
	request.mockImplementation(async (options: InsightlyRequestOptions) => {
		const qs = options.qs ?? {};
		const skip = Number(qs.skip);
		const top = Number(qs.top);
		const headers: Record<string, string> =
			qs.count_total && withTotal ? { 'x-total-count': String(size) } : {};
		return {
			body: rows(skip, Math.max(0, Math.min(top, size - skip))),
			headers,
			statusCode: 200,
			attempts,
		} as InsightlyResponse<never>;
	});
}
const asked = () => request.mock.calls.map(([options]) => options.qs);

beforeEach(() => request.mockReset());

it('reads 500 a page until a short page, passing the query, item and record on', async () => {
	serve(1234, { withTotal: false });
	const read = await insightlyRequestAllItems.call(
		context,
		'/Contacts',
		{ brief: true },
		{ itemIndex: 2, record: { typeName: 'Contact' } },
	);
	expect(read).toMatchObject({ requests: 3, pages: 3, complete: true });
	expect(read.items.map((r) => r.ID)).toEqual(rows(0, 1234).map((r) => r.ID));
	expect(asked()).toEqual([
		{ brief: true, top: 500, skip: 0, count_total: true },
		{ brief: true, top: 500, skip: 500 },
		{ brief: true, top: 500, skip: 1000 },
	]);
	expect(request.mock.calls[0][0]).toMatchObject({
		method: 'GET',
		path: '/Contacts',
		itemIndex: 2,
		record: { typeName: 'Contact' },
	});
});

it('stops at X-Total-Count instead of paying for an empty page', async () => {
	serve(1000);
	expect(await insightlyRequestAllItems.call(context, '/Contacts')).toMatchObject({
		requests: 2,
		pages: 2,
		complete: true,
	});
});

it('asks only for what the limit still misses, and never returns more', async () => {
	serve(5000);
	const read = await insightlyRequestAllItems.call(context, '/Contacts', {}, { limit: 700 });
	expect(read.items).toHaveLength(700);
	expect(asked().map((qs) => [qs?.top, qs?.skip])).toEqual([
		[500, 0],
		[200, 500],
	]);
	request.mockResolvedValueOnce({ body: rows(0, 9), headers: {}, statusCode: 200, attempts: 1 });
	const capped = await insightlyRequestAllItems.call(context, '/Contacts', {}, { limit: 3 });
	expect(capped.items).toHaveLength(3); // a server that ignored top
});

it('countTotal: false reads to a short page, whatever the size (the trigger)', async () => {
	serve(1000);
	const read = await insightlyRequestAllItems.call(
		context,
		'/Contacts/Search',
		{},
		{
			countTotal: false,
		},
	);
	expect(read).toMatchObject({ requests: 3, pages: 3, complete: true });
	expect(asked().every((qs) => qs?.count_total === undefined)).toBe(true);
});

it('counts retries in requests and tells afterPage of each response before the next page', async () => {
	serve(600, { attempts: 2 });
	const seen: number[] = [];
	const read = await insightlyRequestAllItems.call(
		context,
		'/Contacts',
		{},
		{
			afterPage: (response) => seen.push(request.mock.calls.length, response.attempts),
		},
	);
	expect(seen).toEqual([1, 2, 2, 2]);
	expect(read).toMatchObject({ requests: 4, pages: 2 });
});

it('beforePage can stop a read before any page or part-way, and says it is incomplete', async () => {
	serve(1200);
	const none = await insightlyRequestAllItems.call(
		context,
		'/Contacts',
		{},
		{
			beforePage: () => false,
		},
	);
	expect(none).toMatchObject({ items: [], requests: 0, pages: 0, complete: false });
	expect(request).not.toHaveBeenCalled();

	let allowed = 2;
	const part = await insightlyRequestAllItems.call(
		context,
		'/Contacts',
		{},
		{
			countTotal: false,
			beforePage: () => allowed-- > 0,
		},
	);
	expect(part).toMatchObject({ requests: 2, pages: 2, complete: false });
	expect(part.items).toHaveLength(1000);
});

it('lets a failed page through: the caller learns nothing was read', async () => {
	serve(1200);
	const failure = new Error('500');
	request.mockImplementationOnce(async () => ({
		body: rows(0, 500),
		headers: {},
		statusCode: 200,
		attempts: 1,
	}));
	request.mockRejectedValueOnce(failure);
	const afterPage = jest.fn();
	await expect(
		insightlyRequestAllItems.call(context, '/Contacts', {}, { countTotal: false, afterPage }),
	).rejects.toBe(failure);
	expect(afterPage).toHaveBeenCalledTimes(1);
});

describe('a server that does not page like Insightly', () => {
	/**
	 * Answers every request with the same `size` records, whatever `skip` says. After a few
	 * calls it answers an empty page, so that a paginator without the guard ends (with
	 * duplicates) instead of looping for ever.
	 */
	function ignoreSkip(size: number, headers: Record<string, string> = {}) {
		request.mockImplementation(
			async () =>
				({
					body: request.mock.calls.length > 4 ? [] : rows(1, size),
					headers,
					statusCode: 200,
					attempts: 1,
				}) as InsightlyResponse<never>,
		);
	}
	const failure = async (read: Promise<unknown>) => {
		const error = await read.then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	};

	it('ignoring skip: Return All stops at the second page instead of looping', async () => {
		ignoreSkip(500);
		const error = await failure(
			insightlyRequestAllItems.call(context, '/Contacts', {}, { itemIndex: 3 }),
		);
		expect(request).toHaveBeenCalledTimes(2);
		expect(error.message).toBe('Insightly returned the same page twice for GET /Contacts');
		expect(error.description).toContain('skip=500');
		expect(error.description).toContain('not how Insightly pages a list');
		expect(error.description).toContain('API URL');
		expect(error.context.itemIndex).toBe(3);
	});

	it('ignoring skip with countTotal off (the trigger): stops at the second page too', async () => {
		ignoreSkip(500);
		const afterPage = jest.fn();
		await failure(
			insightlyRequestAllItems.call(
				context,
				'/Contacts/Search',
				{},
				{ countTotal: false, afterPage },
			),
		);
		expect(request).toHaveBeenCalledTimes(2);
		// the refused page was still a request made: a meter has counted it
		expect(afterPage).toHaveBeenCalledTimes(2);
	});

	it('ignoring skip with an X-Total-Count: no record is returned twice', async () => {
		// Announces 600: the second page asks for 100 and gets the first 100 again.
		request.mockImplementation(async (options: InsightlyRequestOptions) => {
			const top = Number(options.qs?.top);
			return {
				body: rows(1, top),
				headers: { 'x-total-count': '600' } as Record<string, string>,
				statusCode: 200,
				attempts: 1,
			} as InsightlyResponse<never>;
		});
		const error = await failure(insightlyRequestAllItems.call(context, '/Contacts'));
		expect(error.message).toBe('Insightly returned the same page twice for GET /Contacts');
		expect(asked().map((qs) => [qs?.top, qs?.skip])).toEqual([
			[500, 0],
			[100, 500],
		]);
	});

	it('with an id field, a page that starts with the same id is a repeat even if the record changed', async () => {
		let call = 0;
		request.mockImplementation(async () => {
			call++;
			return {
				body: call > 4 ? [] : rows(1, 500).map((row) => ({ ...row, VERSION: call })),
				headers: {},
				statusCode: 200,
				attempts: 1,
			} as InsightlyResponse<never>;
		});
		await failure(
			insightlyRequestAllPages(
				context,
				'/Contacts',
				{},
				{
					idField: 'ID',
					countTotal: false,
					mapPage: (records) => records,
				},
			),
		);
		expect(request).toHaveBeenCalledTimes(2);
	});

	it('more records than X-Total-Count announced: stops with an error', async () => {
		// Announces 600 but ignores top: the second page (asked for 100) brings 500.
		request.mockImplementation(async (options: InsightlyRequestOptions) => {
			const skip = Number(options.qs?.skip);
			return {
				body: rows(skip, 500),
				headers: options.qs?.count_total ? { 'x-total-count': '600' } : {},
				statusCode: 200,
				attempts: 1,
			} as InsightlyResponse<never>;
		});
		const error = await failure(insightlyRequestAllItems.call(context, '/Contacts'));
		expect(request).toHaveBeenCalledTimes(2);
		expect(error.message).toBe(
			'Insightly returned more records than X-Total-Count announced for GET /Contacts',
		);
		expect(error.description).toContain('announced 600 records');
		expect(error.description).toContain('at least 1000');
	});

	it('a first page longer than the total it announces stops at once', async () => {
		request.mockResolvedValueOnce({
			body: rows(0, 500),
			headers: { 'x-total-count': '300' },
			statusCode: 200,
			attempts: 1,
		});
		await failure(insightlyRequestAllItems.call(context, '/Contacts'));
		expect(request).toHaveBeenCalledTimes(1);
	});

	it('a normal read with a total and a limit is not an error', async () => {
		serve(1000);
		const read = await insightlyRequestAllItems.call(context, '/Contacts', {}, { limit: 800 });
		expect(read.items).toHaveLength(800);
	});
});

describe('mapPage', () => {
	it('sees each page whole, keeps only what it returns, and pages by the records read', async () => {
		serve(1200);
		const seen: number[][] = [];
		const read = await insightlyRequestAllPages(
			context,
			'/Contacts',
			{},
			{
				countTotal: false,
				mapPage: (records) => {
					seen.push(records.map((record) => Number(record.ID)));
					// drops some records: skip must still move by what was read
					return records.filter((record) => Number(record.ID) % 2 === 0).map((r) => Number(r.ID));
				},
			},
		);
		expect(seen.map((page) => page.length)).toEqual([500, 500, 200]);
		expect(seen.flat()).toEqual(rows(0, 1200).map((r) => r.ID));
		expect(read.items).toEqual(Array.from({ length: 600 }, (_, i) => i * 2));
		expect(asked().map((qs) => qs?.skip)).toEqual([0, 500, 1000]);
	});

	it('is given no more than was asked for, even if a server ignores top', async () => {
		request.mockResolvedValueOnce({ body: rows(0, 9), headers: {}, statusCode: 200, attempts: 1 });
		const mapPage = jest.fn((records: IDataObject[]) => records.map((r) => Number(r.ID)));
		const read = await insightlyRequestAllPages(context, '/Contacts', {}, { limit: 3, mapPage });
		expect(mapPage).toHaveBeenCalledTimes(1);
		expect(mapPage.mock.calls[0][0]).toHaveLength(3);
		expect(read.items).toEqual([0, 1, 2]);
	});
});
