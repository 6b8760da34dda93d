/**
 * "By URL" record pickers through the node: the ID comes from a URL of the operation's own
 * record type, taken right after the type; any other URL stops the item before a request.
 */
import { nodeProperties } from '../../../nodes/Insightly/actions';
import { rows, sentRequests, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

const byUrl = (url: string) => ({ __rl: true, mode: 'url', value: url });

it("Contact → Delete with an organisation's URL deletes nothing and says why", async () => {
	const [out] = await run(
		{
			resource: 'contact',
			operation: 'delete',
			recordId: byUrl('https://crm.na1.insightly.com/details/Organisation/42'),
		},
		{ continueOnFail: true },
	);
	expect(String(out.json.error)).toMatch(/URL of Organisation 42, not of a Contact/);
	expect(sentRequests(sandbox)).toEqual([]);
});

it('a second /details/ in the query string is not the record', async () => {
	const [first, second] = rows(sandbox, 'Contacts');
	const url = `https://crm.na1.insightly.com/details/Contact/${first.CONTACT_ID}?returnTo=/details/Contact/${second.CONTACT_ID}`;
	await run({ resource: 'contact', operation: 'delete', recordId: byUrl(url) });
	expect(sentRequests(sandbox).map(({ method, path }) => `${method} ${path}`)).toEqual([
		`DELETE /Contacts/${first.CONTACT_ID}`,
	]);
	expect(rows(sandbox, 'Contacts').some((row) => row.CONTACT_ID === second.CONTACT_ID)).toBe(true);
});

it('each record type has its own anchored URL pattern in the editor', () => {
	const locators = nodeProperties.filter(
		(property) =>
			property.name === 'recordId' &&
			(property.displayOptions?.show?.resource as string[]).includes('organisation') &&
			(property.displayOptions?.show?.operation as string[]).includes('delete'),
	);
	expect(locators).toHaveLength(1);
	const urlMode = locators[0].modes?.find((mode) => mode.name === 'url');
	const regex = new RegExp((urlMode?.extractValue as { regex: string }).regex);
	expect(regex.exec('https://crm.na1.insightly.com/details/Organisation/42')?.[1]).toBe('42');
	expect(regex.test('https://crm.na1.insightly.com/details/Contact/42')).toBe(false);
});
