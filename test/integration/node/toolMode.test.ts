/**
 * The node run as an AI agent's tool: n8n registers a node that declares `usableAsTool` a second
 * time as `<name>Tool` and runs that type's execute() for each tool call (n8n-core's
 * create-node-as-tool / get-input-connection-data), then hands the model JSON.stringify of the
 * items' json. Here the tool type is built the way n8n builds it (name + "Tool", no main input,
 * an ai_tool output), run through the same harness against the sandbox, and the tool message is
 * that same JSON.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';

import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { executeNode } from '../../helpers/n8n';
import { byId, seeded, sentRequests, useNodeSandbox } from './helpers';
import { requiredParameters } from './samples';

const { sandbox, run } = useNodeSandbox();

/** The tool variant as n8n's convertNodeToAiTool makes it. */
class InsightlyTool extends Insightly {
	constructor() {
		super();
		this.description = {
			...this.description,
			name: `${this.description.name}Tool`,
			displayName: `${this.description.displayName} Tool`,
			inputs: [],
			outputs: [NodeConnectionTypes.AiTool],
		};
	}
}
const tool = new InsightlyTool();

async function runTool(parameters: IDataObject): Promise<INodeExecutionData[]> {
	const [output] = await executeNode(tool, {
		parameters: parameters as INodeParameters,
		credentials: {
			insightlyApi: { apiKey: sandbox.apiKey, apiUrl: sandbox.apiUrl, allowLocalhost: true },
		},
	});
	return output;
}

/** What n8n hands the model for a tool call's items (mapResult + JSON.stringify). */
const toolMessage = (items: INodeExecutionData[]): string =>
	JSON.stringify(items.flatMap((item) => item.json));

async function toolError(parameters: IDataObject): Promise<Error> {
	const error = await runTool(parameters).then(
		() => undefined,
		(thrown: Error) => thrown,
	);
	if (!error) throw new Error('the tool call did not fail');
	return error;
}

const contact = () => seeded(sandbox, 'Contacts', (row) => Boolean(row.EMAIL_ADDRESS));

describe('records for a model', () => {
	it('Get returns the compact record: no nulls, the id first, a fraction of the raw size', async () => {
		const record = contact();
		const parameters = {
			resource: 'contact',
			operation: 'get',
			recordId: byId(record.CONTACT_ID as number),
		};
		const items = await runTool(parameters);
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json)[0]).toBe('CONTACT_ID');
		expect(Object.values(items[0].json)).not.toContain(null);
		expect(items[0].json.EMAIL_ADDRESS).toBe(record.EMAIL_ADDRESS);
		const before = toolMessage(await run(parameters, { typeVersion: 1 }));
		expect(toolMessage(items).length).toBeLessThan(before.length * 0.5);
	});

	it('a version 1 tool node gets the compact record too, unless Simplify was set', async () => {
		const parameters = {
			resource: 'contact',
			operation: 'get',
			recordId: byId(contact().CONTACT_ID as number),
		};
		const [output] = await executeNode(tool, {
			parameters: parameters as INodeParameters,
			credentials: {
				insightlyApi: { apiKey: sandbox.apiKey, apiUrl: sandbox.apiUrl, allowLocalhost: true },
			},
			typeVersion: 1,
		});
		expect(Object.values(output[0].json)).not.toContain(null);
	});

	it('Search with no match says so instead of returning nothing', async () => {
		const items = await runTool({
			resource: 'contact',
			operation: 'search',
			searchField: 'EMAIL_ADDRESS',
			searchValue: 'nobody@nowhere.example',
		});
		expect(items.map((item) => item.json)).toEqual([
			{ found: 0, message: 'No Contact has EMAIL_ADDRESS = "nobody@nowhere.example".' },
		]);
	});

	it('Search with a match returns found and the records', async () => {
		const record = contact();
		const items = await runTool({
			resource: 'contact',
			operation: 'search',
			searchField: 'EMAIL_ADDRESS',
			searchValue: String(record.EMAIL_ADDRESS),
		});
		expect(items).toHaveLength(1);
		const json = items[0].json as { found: number; records: IDataObject[]; more?: string };
		expect(json.found).toBe(json.records.length);
		expect(json.records.map((found) => found.EMAIL_ADDRESS)).toContain(record.EMAIL_ADDRESS);
		expect(json.more).toBeUndefined();
	});

	it('Get Many starts at the tool Limit of 10, asks for one more and says more exist', async () => {
		sandbox.clearLog();
		const items = await runTool({ resource: 'contact', operation: 'getAll' });
		const json = items[0].json as { found: number; records: IDataObject[]; more?: string };
		expect(json.found).toBe(10);
		expect(json.records).toHaveLength(10);
		expect(json.more).toMatch(/More contacts match than the 10 shown/);
		expect(sentRequests(sandbox).map((request) => request.query.top)).toEqual(['11']);
	});

	it('Get Many with a Limit above the count has no "more"', async () => {
		const total = sandbox.records.list('Contacts').length;
		const items = await runTool({ resource: 'contact', operation: 'getAll', limit: total + 5 });
		const json = items[0].json as { found: number; more?: string };
		expect(json.found).toBe(total);
		expect(json.more).toBeUndefined();
	});

	it('tags and files of a record: an explicit answer when there are none, "more" past the Limit', async () => {
		const [created] = await run({
			resource: 'contact',
			operation: 'create',
			...requiredParameters(sandbox, 'contact'),
		});
		const id = Number(created.json.CONTACT_ID);
		const on = { recordType: 'contact', recordId: byId(id) };
		const tags = await runTool({ resource: 'tag', operation: 'getAll', ...on });
		expect(tags.map((item) => item.json)).toEqual([
			{ found: 0, message: `Contact ${id} has no tags.` },
		]);
		const files = await runTool({ resource: 'fileAttachment', operation: 'getAll', ...on });
		expect(files.map((item) => item.json)).toEqual([
			{ found: 0, message: `Contact ${id} has no file attachments.` },
		]);
		for (const tagName of ['VIP', 'Lead'])
			await run({ resource: 'tag', operation: 'add', ...on, tagName });
		const one = await runTool({ resource: 'tag', operation: 'getAll', ...on, limit: 1 });
		const json = one[0].json as { found: number; more?: string; records: IDataObject[] };
		expect(json.found).toBe(1);
		expect(json.records).toHaveLength(1);
		expect(json.more).toMatch(/More tags match than the 1 shown/);
		// A workflow still gets one item per tag.
		const listed = await run({ resource: 'tag', operation: 'getAll', ...on, returnAll: true });
		expect(listed.map((item) => item.json.TAG_NAME).sort()).toEqual(['Lead', 'VIP']);
	});

	it('an ordinary workflow still gets one item per record and the Limit of 50', async () => {
		sandbox.clearLog();
		const items = await run({ resource: 'contact', operation: 'getAll' });
		expect(items).toHaveLength(Math.min(50, sandbox.records.list('Contacts').length));
		expect(sentRequests(sandbox).map((request) => request.query.top)).toEqual(['50']);
	});
});

describe('errors a model can act on', () => {
	it('a missing record: the hint is in the message, no item suffix', async () => {
		const error = await toolError({
			resource: 'contact',
			operation: 'get',
			recordId: byId(987654321),
		});
		expect(error.message).toMatch(/Contact 987654321 was not found \(404\)/);
		expect(error.message).toMatch(/Hint: Check the ID; the record may have been deleted/);
		expect(error.message).not.toMatch(/\[item \d+\]/);
	});

	it('an invalid ID names the parameter and drops the item suffix', async () => {
		const error = await toolError({
			resource: 'contact',
			operation: 'get',
			recordId: byId('abc'),
		});
		expect(error.message).toMatch(/^Contact ID must be a positive whole number \(got "abc"\)/);
		expect(error.message).not.toMatch(/\[item \d+\]/);
	});

	it('an empty search field names it', async () => {
		const error = await toolError({
			resource: 'contact',
			operation: 'search',
			searchField: '',
			searchValue: 'x',
		});
		expect(error.message).toBe('Field Name is required but empty');
	});

	it('an unknown resource or operation lists the valid values', async () => {
		const resource = await toolError({ resource: 'contacts', operation: 'get' });
		expect(resource.message).toMatch(/Unknown resource "contacts": use one of .*\bcontact\b/);
		const operation = await toolError({ resource: 'contact', operation: 'fetch' });
		expect(operation.message).toMatch(
			/The operation "fetch" is not supported for resource "contact": use one of .*\bget\b.*\bsearch\b/,
		);
	});

	it('an ordinary workflow keeps the item suffix and the separate description', async () => {
		const error = (await run({
			resource: 'contact',
			operation: 'get',
			recordId: byId(987654321),
		}).then(
			() => undefined,
			(thrown: Error) => thrown,
		)) as Error & { description?: string };
		expect(error.message).not.toMatch(/Hint:/);
		expect(error.description).toMatch(/Check the ID/);
	});
});
