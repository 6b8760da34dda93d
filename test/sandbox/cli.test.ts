/**
 * `npm run sandbox` as a contributor starts it: its own process, from the repository alone
 * (.ci/run runs this in a fresh clone with nothing beside it). A valid contact is created; a body
 * that breaks the spec's schema is refused with Insightly's 400 `{"Message"}`.
 */
import { spawn, type ChildProcess } from 'child_process';
import { resolve } from 'path';

import { basic } from './helpers';

const ROOT = resolve(__dirname, '../..');

describe('npm run sandbox', () => {
	let child: ChildProcess;
	let apiUrl: string;
	let apiKey: string;

	beforeAll(async () => {
		child = spawn('npm', ['run', 'sandbox', '--', '--port', '0', '--records', '20'], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let output = '';
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await new Promise<void>((ready, fail) => {
			child.stdout?.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const url = /API URL: (\S+)/.exec(output)?.[1];
				const key = /API key: (\S+)/.exec(output)?.[1];
				if (url && key) {
					apiUrl = url;
					apiKey = key;
					ready();
				}
			});
			child.on('exit', (code) => fail(new Error(`npm run sandbox exited (${code}):\n${output}`)));
		});
	}, 60_000);

	afterAll(() => {
		// npm starts tsx, which starts node: stop the whole process group.
		if (child.pid) process.kill(-child.pid, 'SIGTERM');
	});

	const post = (path: string, body: unknown) =>
		fetch(`${apiUrl.replace(/\/$/, '')}${path}`, {
			method: 'POST',
			headers: { authorization: basic(apiKey), 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

	it('creates a contact and lists it', async () => {
		const created = await post('/Contacts', { FIRST_NAME: 'Ada', LAST_NAME: 'Lovelace' });
		expect(created.status).toBe(201);
		const contact = (await created.json()) as { CONTACT_ID: number; FIRST_NAME: string };
		expect(contact.CONTACT_ID).toBeGreaterThan(0);
		expect(contact.FIRST_NAME).toBe('Ada');

		const read = await fetch(`${apiUrl.replace(/\/$/, '')}/Contacts/${contact.CONTACT_ID}`, {
			headers: { authorization: basic(apiKey) },
		});
		expect(read.status).toBe(200);
		expect(((await read.json()) as { LAST_NAME: string }).LAST_NAME).toBe('Lovelace');
	});

	it('refuses a body that breaks the schema with a 400 Message', async () => {
		const refused = await post('/Contacts', {
			FIRST_NAME: 'Ada',
			EMAIL_OPTED_OUT: 'not a boolean',
		});
		expect(refused.status).toBe(400);
		const body = (await refused.json()) as { Message: string };
		expect(body.Message).toMatch(/EMAIL_OPTED_OUT/);
	});
});
