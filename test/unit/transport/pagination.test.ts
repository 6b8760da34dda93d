/**
 * The one paginator (transport/pagination.ts) on a scripted request function: which pages it
 * asks for, where it stops, and what it tells a caller that meters requests (the trigger).
 */
import type { IDataObject } from 'n8n-workflow';

import { insightlyRequestAllItems } from '../../../nodes/Insightly/transport/pagination';
import {
	insightlyRequest,
	type InsightlyFunctions,
	type InsightlyRequestOptions,
	type InsightlyResponse,
} from '../../../nodes/Insightly/transport/request';

jest.mock('../../../nodes/Insightly/transport/request', () => ({ insightlyRequest: jest.fn() }));
const request = insightlyRequest as jest.MockedFunction<typeof insightlyRequest>;

const context = {} as InsightlyFunctions;
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
