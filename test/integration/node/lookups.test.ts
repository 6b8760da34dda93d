/**
 * Names that reach a lookup are checked first: an operation value is looked up only among the
 * node's own operations (never an object's inherited properties), and a custom object name from
 * the editor becomes a path segment only when it is an API name.
 */
import { sentRequests, useNodeSandbox } from './helpers';

const { sandbox, run, methods } = useNodeSandbox();

it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
	'operation "%s" is not supported, and nothing is sent',
	async (operation) => {
		const [out] = await run({ resource: 'contact', operation }, { continueOnFail: true });
		expect(String(out.json.error)).toMatch(`The operation "${operation}" is not supported`);
		expect(sentRequests(sandbox)).toEqual([]);
	},
);

it('an unknown resource runs nothing', async () => {
	const [out] = await run({ resource: '__proto__', operation: 'get' }, { continueOnFail: true });
	expect(out.json.error).toBeTruthy();
	expect(sentRequests(sandbox)).toEqual([]);
});

it.each(['Contacts/1/Links?x=', '../Users/Me#', 'Fruit__c/../../Users'])(
	'the editor refuses the custom object name %j before any request',
	async (customObjectName) => {
		const parameters = { resource: 'customObjectRecord', operation: 'get', customObjectName };
		await expect(methods.listSearch('searchRecords', parameters)).rejects.toThrow(
			/custom object API name/,
		);
		await expect(methods.loadOptions('getCustomFields', parameters)).rejects.toThrow(
			/custom object API name/,
		);
		expect(sentRequests(sandbox)).toEqual([]);
	},
);

it('custom field and custom object lists, which the API does not page, are read in one request', async () => {
	sandbox.clearLog();
	await methods.loadOptions('getCustomFields', { resource: 'contact', operation: 'create' });
	await methods.loadOptions('getCustomObjects', { resource: 'customObjectRecord' });
	expect(sentRequests(sandbox).map(({ path, query }) => ({ path, query }))).toEqual([
		{ path: '/CustomFields/Contacts', query: {} },
		{ path: '/CustomObjects', query: {} },
	]);
});
