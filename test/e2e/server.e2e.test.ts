/**
 * Things that need a running n8n (`n8n start`): the Insightly Trigger activated and polling the
 * sandbox across a restart, and n8n's own credential test.
 */
import { CREDENTIALS, E2eEnvironment } from './lib/environment';
import { Collector } from './lib/collector';
import { activateWorkflow } from './lib/n8nCli';
import { N8nServer } from './lib/n8nServer';
import { currentMajor } from './lib/n8nVersions';
import { freePort, waitFor } from './lib/ports';
import { chainWorkflow, INSIGHTLY_TRIGGER, type WorkflowJson } from './lib/workflows';

const major = currentMajor();
/** A poll every minute (n8n's shortest), plus start-up: how long one tick may take to show. */
const TICK_MS = 100_000;
const byNumber = (a: number, b: number) => a - b;

/** Insightly Trigger → HTTP Request posting each record, tagged with n8n's execution id. */
function triggerWorkflow(collectorUrl: string): WorkflowJson {
	return chainWorkflow(
		'newContacts',
		'new contacts trigger',
		[
			{
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify({ executionId: $execution.id, contactId: $json.CONTACT_ID, name: $json.FIRST_NAME }) }}',
					options: {},
				},
			},
		],
		{
			trigger: {
				name: 'New Contact',
				type: INSIGHTLY_TRIGGER,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					resource: 'contact',
					event: 'newRecord',
				},
				credentials: { insightlyApi: CREDENTIALS.sandbox },
			},
		},
	);
}

describe(`n8n ${major}.x running (n8n start)`, () => {
	let env: E2eEnvironment;
	let collector: Collector;
	let server: N8nServer | undefined;
	let workflow: WorkflowJson;

	const searches = () =>
		env.sandbox.log().filter((e) => e.path.startsWith('/v3.1/Contacts')).length;
	const contact = (name: string) =>
		env.sandbox.records.create('Contacts', { FIRST_NAME: name, LAST_NAME: 'Trigger' })
			.CONTACT_ID as number;
	const reported = () =>
		collector.received.map((r) => r.body as { executionId: string; contactId: number });

	beforeAll(async () => {
		env = await E2eEnvironment.start(major, { perSecondLimit: false });
		collector = await Collector.start();
		workflow = triggerWorkflow(collector.url);
		await env.importWorkflows([workflow]);
		await activateWorkflow(env.cli, workflow.id);
		contact('Before activation');
	});
	afterAll(async () => {
		await server?.stop();
		await collector?.stop();
		await env?.stop();
	});

	test('activation polls once and emits nothing; new records then arrive, each once', async () => {
		env.sandbox.clearLog();
		server = await N8nServer.start(env.cli);
		await waitFor('the activation poll', () => (searches() > 0 ? true : undefined), 60_000);
		expect(reported()).toEqual([]);

		const created = [contact('Alice'), contact('Bob'), contact('Carol')];
		await waitFor(
			'three new contacts reported',
			() => (reported().length >= 3 ? true : undefined),
			TICK_MS,
		);
		expect(
			reported()
				.map((r) => r.contactId)
				.sort(byNumber),
		).toEqual(created.sort(byNumber));
		expect(new Set(reported().map((r) => r.executionId)).size).toBe(1);
	});

	test('across a restart no record is missed or repeated', async () => {
		await server!.stop();
		server = undefined;
		const before = reported().length;
		const whileDown = [contact('Dave'), contact('Erin')];
		env.sandbox.clearLog();
		server = await N8nServer.start(env.cli);
		await waitFor(
			'the records created while n8n was down',
			() => (reported().length >= before + 2 ? true : undefined),
			TICK_MS,
		);
		// One more poll after them must bring nothing new.
		const pollsSoFar = searches();
		await waitFor('another poll', () => (searches() > pollsSoFar ? true : undefined), TICK_MS);
		await new Promise((r) => setTimeout(r, 3000));
		const ids = reported().map((r) => r.contactId);
		expect(ids.slice(before).sort(byNumber)).toEqual(whileDown.sort(byNumber));
		expect(new Set(ids).size).toBe(ids.length);
	});

	describe("n8n's credential test", () => {
		// As the editor does while a saved credential is edited: its id plus the values typed in.
		const test$ = async (data: Record<string, unknown>) =>
			(await server!.rest('POST', '/rest/credentials/test', {
				credentials: { ...CREDENTIALS.sandbox, type: 'insightlyApi', data },
			})) as {
				data: { status: string; message: string };
			};

		beforeAll(async () => {
			server ??= await N8nServer.start(env.cli);
			await server.signIn();
		});

		test('succeeds against the sandbox', async () => {
			expect((await test$(env.credentialData())).data).toMatchObject({ status: 'OK' });
		});

		test('fails with a clear message for a wrong key', async () => {
			const { data } = await test$(env.credentialData('wrong-key'));
			expect(data.status).toBe('Error');
			expect(data.message).toMatch(/rejected the API key \(401\)/);
		});

		test('fails with a clear message for a URL that is not an Insightly API URL (the web app address)', async () => {
			const { data } = await test$({
				...env.credentialData(),
				apiUrl: 'https://crm.na1.insightly.com/details/Contact/1',
			});
			expect(data.status).toBe('Error');
			// The message must say what is wrong with the URL, not just a network error code.
			expect(data.message).toMatch(/insightly.api.url/i);
		});

		test('fails with a clear message for a URL where nothing answers', async () => {
			const { data } = await test$({
				...env.credentialData(),
				apiUrl: `http://127.0.0.1:${await freePort()}/v3.1`,
			});
			expect(data.status).toBe('Error');
			expect(data.message).toMatch(/refused/i);
		});
	});
});
