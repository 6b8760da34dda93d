/**
 * The record events read with countTotal off, so only the repeated-page guard stands between a
 * server that ignores `skip` and a poll that never ends; Deleted Record reads pages at offsets
 * of its own choosing, and the same guard stops it from taking one page for the whole list. The
 * poll fails after the second page, emits nothing, moves nothing, and the ledger counts the two
 * requests it made.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { InsightlyTrigger } from '../../../nodes/Insightly/InsightlyTrigger.node';
import { clock } from '../../../nodes/Insightly/transport';
import { STATE_KEY } from '../../../nodes/Insightly/trigger/state';
import { createPollRunner } from '../../helpers/n8n';
import { startScriptedServer, type ScriptedServer, type Step } from '../transport/scriptedServer';
import { contactParameters } from './harness';

let server: ScriptedServer;
let virtualNow = Date.UTC(2026, 2, 10, 9, 0, 0);

beforeAll(async () => {
	server = await startScriptedServer(0, () => clock.now());
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	virtualNow += 3_600_000;
	jest.spyOn(clock, 'now').mockImplementation(() => virtualNow);
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
		virtualNow += ms;
	});
	jest.spyOn(clock, 'random').mockReturnValue(0.5);
});
afterEach(() => jest.restoreAllMocks());

const contact = (id: number): IDataObject => ({
	CONTACT_ID: id,
	FIRST_NAME: `c${id}`,
	DATE_CREATED_UTC: '2026-03-01 10:00:00',
	DATE_UPDATED_UTC: '2026-03-01 10:00:00',
});
/**
 * The same 500 contacts whatever `skip` says; after a few requests an empty page, so that a
 * trigger without the guard ends its poll instead of reading for ever.
 */
const ignoresSkip: Step = (request) => ({
	status: 200,
	headers: {
		'X-RateLimit-Limit': '60000',
		'X-RateLimit-Remaining': '59000',
		'X-Total-Count': '1500',
	},
	body: request.index < 4 ? Array.from({ length: 500 }, (_, i) => contact(i + 1)) : [],
});

const runner = (event: string) =>
	createPollRunner(new InsightlyTrigger(), {
		parameters: contactParameters(event, { dailyRequestBudget: 1_000_000 }),
		credentials: {
			insightlyApi: {
				apiKey: 'trigger-page-guard-key',
				apiUrl: `${server.origin}/v3.1/`,
				allowLocalhost: true,
			},
		},
	});

interface StoredState {
	ids?: unknown;
	window?: unknown;
	budget: { ledger: Array<[number, number]> };
}

it.each([
	// Deleted Record's first listing: the count, then the list's last page (from the end back)
	['deletedRecord', '/v3.1/Contacts', ['0', '1000']],
	['newOrUpdatedRecord', '/v3.1/Contacts/Search', ['0', '500']],
])('%s: a server that ignores skip fails the poll after two pages', async (event, path, skips) => {
	server.script([], ignoresSkip);
	const trigger = runner(event);
	const error = await trigger.poll().catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toBe(
		`Insightly returned the same page twice for GET ${path.replace('/v3.1', '')}`,
	);
	expect(server.received.map((request) => new URL(request.url, 'http://x').pathname)).toEqual([
		path,
		path,
	]);
	expect(
		server.received.map((request) => new URL(request.url, 'http://x').searchParams.get('skip')),
	).toEqual(skips);
	const state = trigger.staticData[STATE_KEY] as StoredState;
	// nothing read is kept: no id list, no window
	expect(state.ids).toBeUndefined();
	expect(state.window).toBeUndefined();
	// both requests are in the ledger, the refused page not counted twice
	expect(state.budget.ledger.reduce((sum, [, count]) => sum + count, 0)).toBe(2);
	expect(trigger.emits).toBe(0);
});
