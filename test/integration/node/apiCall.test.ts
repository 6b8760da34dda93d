/**
 * Custom API Call: any Insightly endpoint through the request layer, with a path that can only
 * name a resource of the credential's API URL (refused before any request otherwise).
 */
import { jsonOf, rows, sentRequests, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

const call = (parameters: Record<string, unknown>) =>
	run({ resource: 'apiCall', operation: 'request', ...parameters }, { continueOnFail: true });

it('GET with query parameters returns the records as items', async () => {
	const contact = rows(sandbox, 'Contacts')[0];
	const out = await call({
		method: 'GET',
		path: '/Contacts/Search',
		query: {
			parameter: [
				{ name: 'field_name', value: 'FIRST_NAME' },
				{ name: 'field_value', value: String(contact.FIRST_NAME) },
				{ name: 'top', value: '5' },
			],
		},
	});
	expect(jsonOf(out).map((json) => json.CONTACT_ID)).toContain(contact.CONTACT_ID);
	expect(sentRequests(sandbox)).toEqual([
		expect.objectContaining({
			method: 'GET',
			path: '/Contacts/Search',
			query: { field_name: 'FIRST_NAME', field_value: String(contact.FIRST_NAME), top: '5' },
		}),
	]);
});

it('POST with a JSON body creates; DELETE answers with the status; /v3.1 in the path is fine', async () => {
	const [created] = await call({
		method: 'POST',
		path: '/v3.1/Contacts',
		body: '{"FIRST_NAME": "Custom", "LAST_NAME": "Call"}',
	});
	const id = created.json.CONTACT_ID as number;
	expect(created.json).toMatchObject({ FIRST_NAME: 'Custom', LAST_NAME: 'Call' });
	const [deleted] = await call({ method: 'DELETE', path: `/Contacts/${id}` });
	expect(deleted.json).toEqual({ statusCode: 202 });
	expect(rows(sandbox, 'Contacts').some((row) => row.CONTACT_ID === id)).toBe(false);
});

it.each([
	['a URL', 'https://evil.example/steal'],
	['a scheme-relative URL', '//evil.example/steal'],
	['a parent segment', '/Contacts/../Users/Me'],
	['an encoded parent segment', '/Contacts/%2e%2e/Users/Me'],
	['a query in the path', '/Contacts?brief=true'],
	['a fragment', '/Users/Me#x'],
	['a backslash', '/Contacts\\..\\Users'],
	['an empty segment', '/Contacts//1'],
	['a newline', '/Contacts\r\nHost: evil'],
	['nothing', ''],
])('refuses %s before any request', async (_name, path) => {
	const [out] = await call({ method: 'GET', path });
	expect(String(out.json.error)).toMatch(/^Path /);
	expect(sentRequests(sandbox)).toEqual([]);
});

it('an error from Insightly reads like every other operation', async () => {
	const [out] = await call({ method: 'GET', path: '/Contacts/999999999' });
	expect(String(out.json.error)).toMatch(/404|not found/i);
});
