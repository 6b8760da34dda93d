// Return All against servers that do not page the way Insightly does, through n8n's real
// execution context (TransportProbe): the read stops with an error that names the path and
// says what to check, never loops and never returns a record twice.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { clock } from '../../../nodes/Insightly/transport';
import { executeNode } from '../../helpers/n8n';
import { startScriptedServer, type ScriptedServer, type Step } from './scriptedServer';
import { TransportProbe, type ProbeCall } from './transportProbeNode';

const KEY = 'ik-paging-guard-test-key';

let server: ScriptedServer;
let virtualNow = Date.UTC(2026, 6, 1, 12, 0, 0);

beforeAll(async () => {
	server = await startScriptedServer(0, () => clock.now());
});
afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	virtualNow += 60_000;
	jest.spyOn(clock, 'now').mockImplementation(() => virtualNow);
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
		virtualNow += ms;
	});
	jest.spyOn(clock, 'random').mockReturnValue(0.5);
});
afterEach(() => jest.restoreAllMocks());

async function run(call: ProbeCall): Promise<IDataObject> {
	const output = await executeNode(new TransportProbe(), {
		parameters: { call: JSON.stringify(call) },
		items: [{ json: {} } as INodeExecutionData],
		credentials: {
			insightlyApi: { apiKey: KEY, apiUrl: `${server.origin}/v3.1/`, allowLocalhost: true },
		},
	});
	return output[0][0].json;
}

async function failure(call: ProbeCall): Promise<Error & { description?: string }> {
	const error = await run(call).then(
		(json) => new Error(`expected the read to fail, it returned ${String(json.count)} records`),
		(caught: Error) => caught,
	);
	expect(error.message).not.toMatch(/^expected the read to fail/);
	return error as Error & { description?: string };
}

const contacts = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ CONTACT_ID: from + i, FIRST_NAME: `c${from + i}` }));
/** X-Total-Count, only when the request asked for count_total (as Insightly answers). */
const totalHeader = (params: URLSearchParams, total: number): Record<string, string> =>
	params.get('count_total') === 'true' ? { 'X-Total-Count': String(total) } : {};
const query = () =>
	server.received.map((request) => {
		const params = new URL(request.url, 'http://x').searchParams;
		return [params.get('top'), params.get('skip'), params.get('count_total')];
	});

/**
 * The same full page of 500 whatever `skip` says (and no X-Total-Count). After a few requests
 * it answers an empty page, so that a paginator without the guard returns (duplicates) instead
 * of looping for ever.
 */
const ignoresSkip: Step = (request) => ({
	status: 200,
	body: request.index < 4 ? contacts(1, 500) : [],
});

it('a server that ignores skip: Return All stops after the second page with an error', async () => {
	server.script([], ignoresSkip);
	const error = await failure({ mode: 'all', path: '/Contacts', qs: { brief: true } });
	expect(server.received).toHaveLength(2);
	expect(query()).toEqual([
		['500', '0', 'true'],
		['500', '500', null],
	]);
	expect(error.message).toBe('Insightly returned the same page twice for GET /Contacts');
	expect(error.description).toContain('not how Insightly pages a list');
	expect(error.description).toContain("check that the credential's API URL points at Insightly");
	expect(error.description).not.toContain(KEY);
});

it('a server whose pages pass the X-Total-Count it announced: stops with an error', async () => {
	// Announces 600 records but ignores top: the second page, asked for 100, brings 500 more.
	server.script([], (request) => {
		const params = new URL(request.url, 'http://x').searchParams;
		const skip = Number(params.get('skip'));
		return {
			status: 200,
			body: skip < 5000 ? contacts(skip + 1, 500) : [],
			headers: totalHeader(params, 600),
		};
	});
	const error = await failure({ mode: 'all', path: '/Contacts' });
	expect(query()).toEqual([
		['500', '0', 'true'],
		['100', '500', null],
	]);
	expect(error.message).toBe(
		'Insightly returned more records than X-Total-Count announced for GET /Contacts',
	);
	expect(error.description).toContain('The first page announced 600 records');
	expect(error.description).toContain('API URL');
});

it('a server that ignores skip but announces a total: no record comes back twice', async () => {
	server.script([], (request) => {
		const params = new URL(request.url, 'http://x').searchParams;
		return {
			status: 200,
			body: contacts(1, Number(params.get('top'))),
			headers: totalHeader(params, 1200),
		};
	});
	const error = await failure({ mode: 'all', path: '/Contacts' });
	expect(server.received).toHaveLength(2);
	expect(error.message).toBe('Insightly returned the same page twice for GET /Contacts');
});

it('Insightly paging as documented is read to the end, as before', async () => {
	server.script([], (request) => {
		const params = new URL(request.url, 'http://x').searchParams;
		const top = Number(params.get('top'));
		const skip = Number(params.get('skip'));
		return {
			status: 200,
			body: contacts(skip + 1, Math.max(0, Math.min(top, 1234 - skip))),
			headers: totalHeader(params, 1234),
		};
	});
	const result = await run({ mode: 'all', path: '/Contacts' });
	expect(result).toMatchObject({ count: 1234, requests: 3 });
	const ids = (result.items as IDataObject[]).map((item) => item.CONTACT_ID);
	expect(new Set(ids).size).toBe(1234);
});
