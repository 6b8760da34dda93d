/**
 * An update that names one custom field keeps the others, whether Insightly's PUT merges
 * CUSTOMFIELDS or replaces the set (unconfirmed: docs/live-api.md, "Custom fields"; the sandbox
 * plays both, sandbox/behaviour.ts).
 */
import { byId, sentRequests, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

function customOf(id: number): Record<string, unknown> {
	const contact = sandbox.records
		.list('Contacts')
		.find((row: { CONTACT_ID: number }) => row.CONTACT_ID === id) as {
		CUSTOMFIELDS: Array<{ FIELD_NAME: string; FIELD_VALUE: unknown }>;
	};
	return Object.fromEntries(contact.CUSTOMFIELDS.map((f) => [f.FIELD_NAME, f.FIELD_VALUE]));
}

describe.each(['merge', 'replace'] as const)('PUT %s semantics', (semantics) => {
	it('updating Hobby keeps Tier; the record is read once before the write', async () => {
		sandbox.state.behaviour.customFieldsOnPut = semantics;
		const { CONTACT_ID: id } = sandbox.records.create('Contacts', {
			FIRST_NAME: 'Kept',
			CUSTOMFIELDS: [
				{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' },
				{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Chess' },
			],
		});
		sandbox.clearLog();
		await run({
			resource: 'contact',
			operation: 'update',
			recordId: byId(id),
			customFields: { field: [{ fieldName: 'Hobby__c', value: 'Go' }] },
		});
		expect(customOf(id)).toMatchObject({ Tier__c: 'Gold', Hobby__c: 'Go' });
		expect(
			sentRequests(sandbox)
				.filter(({ path }) => !path.startsWith('/CustomFields'))
				.map(({ method, path }) => `${method} ${path}`),
		).toEqual([`GET /Contacts/${id}`, 'PUT /Contacts']);
	});

	it('an update without custom fields sends none and reads nothing first', async () => {
		sandbox.state.behaviour.customFieldsOnPut = semantics;
		const { CONTACT_ID: id } = sandbox.records.create('Contacts', {
			FIRST_NAME: 'Plain',
			CUSTOMFIELDS: [{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' }],
		});
		sandbox.clearLog();
		await run({
			resource: 'contact',
			operation: 'update',
			recordId: byId(id),
			updateFields: { TITLE: 'Dr' },
		});
		expect(customOf(id)).toMatchObject({ Tier__c: 'Gold' });
		expect(
			sentRequests(sandbox)
				.filter(({ path }) => !path.startsWith('/CustomFields'))
				.map(({ method, path }) => `${method} ${path}`),
		).toEqual(['PUT /Contacts']);
	});
});

it('the replace variant would clear the other fields without the read (the test can fail)', async () => {
	sandbox.state.behaviour.customFieldsOnPut = 'replace';
	const { CONTACT_ID: id } = sandbox.records.create('Contacts', {
		FIRST_NAME: 'Raw',
		CUSTOMFIELDS: [
			{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' },
			{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Chess' },
		],
	});
	sandbox.records.update('Contacts', {
		CONTACT_ID: id,
		CUSTOMFIELDS: [{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Go' }],
	});
	expect(customOf(id).Tier__c).toBeUndefined();
});
