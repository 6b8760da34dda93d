/**
 * Self-test of the harness's webhook runner (test/helpers/n8n.ts): a throwaway webhook node whose
 * behaviour the test sets, answered the way n8n's webhook server answers it.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { createWebhookRunner, runWebhook } from '../../helpers/n8n';

type Behaviour = (context: IWebhookFunctions) => Promise<IWebhookResponseData>;

function probeNode(behaviour: Behaviour, responseData?: string): INodeType {
	return {
		description: {
			displayName: 'Probe Trigger',
			name: 'probeTrigger',
			group: ['trigger'],
			version: 1,
			description: '',
			defaults: { name: 'Probe Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					path: 'webhook',
					...(responseData === undefined ? {} : { responseData }),
				},
			],
			properties: [],
		},
		webhook(this: IWebhookFunctions) {
			return behaviour(this);
		},
	};
}

const request = { headers: { 'content-type': 'application/json' }, body: { a: 1 } };
const items = [[{ json: { a: 1 } }]];

it('gives the node the request: body, headers, raw body', async () => {
	let seen: IDataObject = {};
	await runWebhook(
		probeNode(async (context) => {
			seen = {
				body: context.getBodyData(),
				type: context.getHeaderData()['content-type'],
				raw: String((context.getRequestObject() as unknown as { rawBody: Buffer }).rawBody),
				mode: context.getMode(),
			};
			return {};
		}),
		{ parameters: {}, request },
	);
	expect(seen).toEqual({
		body: { a: 1 },
		type: 'application/json',
		raw: '{"a":1}',
		mode: 'webhook',
	});
});

it('an execution without responseData: n8n answers its default "firstEntryJson" literally', async () => {
	const outcome = await runWebhook(
		probeNode(async () => ({ workflowData: items })),
		{ parameters: {}, request },
	);
	expect(outcome.answer.body).toBe('firstEntryJson');
	expect(outcome.workflowData).toEqual(items);
});

it('an execution with an empty responseData: "Workflow was started", or the node\'s webhookResponse', async () => {
	const plain = await runWebhook(
		probeNode(async () => ({ workflowData: items }), ''),
		{ parameters: {}, request },
	);
	expect(plain.answer).toMatchObject({ status: 200, body: { message: 'Workflow was started' } });
	const custom = await runWebhook(
		probeNode(async () => ({ workflowData: items, webhookResponse: { ok: 1 } }), ''),
		{ parameters: {}, request },
	);
	expect(custom.answer.body).toEqual({ ok: 1 });
});

it('no workflowData: no execution, "Webhook call received" or the webhookResponse', async () => {
	const received = await runWebhook(
		probeNode(async () => ({})),
		{ parameters: {}, request },
	);
	expect(received).toMatchObject({
		answer: { status: 200, body: { message: 'Webhook call received' } },
		workflowData: undefined,
	});
	const custom = await runWebhook(
		probeNode(async () => ({ webhookResponse: { why: 'x' } })),
		{ parameters: {}, request },
	);
	expect(custom.answer.body).toEqual({ why: 'x' });
});

it('noWebhookResponse: what the node wrote is the answer', async () => {
	const outcome = await runWebhook(
		probeNode(async (context) => {
			const response = context.getResponseObject() as unknown as {
				writeHead(status: number, headers: Record<string, string>): void;
				end(body: string): void;
			};
			response.writeHead(418, { 'Content-Type': 'application/json', 'X-Probe': 'yes' });
			response.end('{"teapot":true}');
			return { noWebhookResponse: true };
		}),
		{ parameters: {}, request },
	);
	expect(outcome.answer).toEqual({
		status: 418,
		headers: { 'content-type': 'application/json', 'x-probe': 'yes' },
		body: { teapot: true },
	});
});

it('a node that throws: 500 and a failed execution', async () => {
	const outcome = await runWebhook(
		probeNode(async () => {
			throw new Error('boom');
		}),
		{ parameters: {}, request },
	);
	expect(outcome.answer).toMatchObject({
		status: 500,
		body: { message: 'Workflow Webhook Error: Workflow could not be started!' },
	});
	expect(outcome.error?.message).toBe('boom');
	expect(outcome.workflowData).toEqual([[{ json: {} }]]);
});

it('static data: each request starts from what was saved; saved in webhook mode, not manual', async () => {
	const counting = probeNode(async (context) => {
		const data = context.getWorkflowStaticData('node');
		data.count = ((data.count as number) ?? 0) + 1;
		return { webhookResponse: { count: data.count } };
	});
	const live = createWebhookRunner(counting, { parameters: {} });
	await live.call(request);
	expect((await live.call(request)).answer.body).toEqual({ count: 2 });
	expect(live.persistedStaticData).toEqual({ count: 2 });
	const manual = createWebhookRunner(counting, { parameters: {}, mode: 'manual' });
	await manual.call(request);
	expect((await manual.call(request)).answer.body).toEqual({ count: 1 });
	expect(manual.persistedStaticData).toEqual({});
});
