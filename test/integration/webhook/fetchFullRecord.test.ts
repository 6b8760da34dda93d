/**
 * Fetch Full Record against the sandbox: one GET per event through the request layer with the
 * Insightly API credential, after n8n has answered Insightly; the full record's dates in the same
 * ISO form as the webhook's; a failed read still delivers the event, saying why.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { loadOptions } from '../../helpers/n8n';
import { InsightlyWebhookTrigger } from '../../../nodes/Insightly/InsightlyWebhookTrigger.node';
import { FRUIT, rows, sentLines, seeded, useNodeSandbox } from '../node/helpers';
import { basicAuth, delivery, msDate, startedWith, webhookTrigger } from './helpers';

const { sandbox } = useNodeSandbox({ seed: { records: 20, seed: 3 } });

const apiCredentials = () => ({
	insightlyApi: { apiKey: sandbox.apiKey, apiUrl: sandbox.apiUrl, allowLocalhost: true },
});

/** What a webhook may carry: the id and the timestamps only. */
function partial(idField: string, id: number): IDataObject {
	return {
		[idField]: id,
		DATE_CREATED_UTC: msDate('2025-01-01T00:00:00Z'),
		DATE_UPDATED_UTC: msDate('2025-01-02T00:00:00Z'),
	};
}

const fetching = (parameters: IDataObject = {}) =>
	webhookTrigger({ fetchFullRecord: true, ...parameters }, { credentials: apiCredentials() });

it('reads the record with one GET and outputs it whole, dates in ISO 8601 UTC', async () => {
	const contact = seeded(
		sandbox,
		'Contacts',
		(row) => Array.isArray(row.CUSTOMFIELDS) && row.CUSTOMFIELDS.length > 0,
	);
	const id = contact.CONTACT_ID as number;
	sandbox.clearLog();
	const outcome = await fetching().call(delivery(partial('CONTACT_ID', id)));
	expect(outcome.answer).toMatchObject({ status: 200, body: { message: 'Workflow was started' } });
	const json = startedWith(outcome);
	expect(sentLines(sandbox)).toEqual([`GET /Contacts/${id}`]);
	expect(json).toMatchObject({
		CONTACT_ID: id,
		FIRST_NAME: contact.FIRST_NAME,
		LAST_NAME: contact.LAST_NAME,
		event: 'updated',
	});
	expect(json.fetchError).toBeUndefined();
	// The API's `yyyy-MM-dd HH:mm:ss` (UTC) becomes the same ISO form as the webhook's dates.
	const apiDate = String(contact.DATE_UPDATED_UTC);
	expect(json.DATE_UPDATED_UTC).toBe(`${apiDate.replace(' ', 'T')}.000Z`);
	expect(json.CUSTOMFIELDS).toBeUndefined();
	expect(Object.keys(json.customFields as object).sort()).toEqual(
		(contact.CUSTOMFIELDS as IDataObject[]).map((field) => field.FIELD_NAME).sort(),
	);
});

it('the event (created or updated) comes from the webhook, not from the re-read record', async () => {
	const id = rows(sandbox, 'Contacts')[0].CONTACT_ID as number;
	const body = partial('CONTACT_ID', id);
	body.DATE_UPDATED_UTC = body.DATE_CREATED_UTC;
	expect(startedWith(await fetching().call(delivery(body))).event).toBe('created');
});

it('reads custom object records from the chosen object', async () => {
	const fruit = seeded(sandbox, FRUIT);
	const id = fruit.RECORD_ID as number;
	sandbox.clearLog();
	const json = startedWith(
		await fetching({ resource: 'customObjectRecord', customObjectName: FRUIT }).call(
			delivery(partial('RECORD_ID', id)),
		),
	);
	expect(sentLines(sandbox)).toEqual([`GET /${FRUIT}/${id}`]);
	expect(json).toMatchObject({ RECORD_ID: id, RECORD_NAME: fruit.RECORD_NAME });
});

it('field filters see the full record', async () => {
	const contact = rows(sandbox, 'Contacts')[0];
	const conditions = [{ field: 'LAST_NAME', value: String(contact.LAST_NAME) }];
	const body = partial('CONTACT_ID', contact.CONTACT_ID as number);
	expect(
		(await fetching({ fieldFilters: { conditions } }).call(delivery(body))).workflowData,
	).toBeDefined();
	const other = [{ field: 'LAST_NAME', value: 'Nobody-by-this-name' }];
	const ignored = await fetching({ fieldFilters: { conditions: other } }).call(delivery(body));
	expect(ignored.workflowData).toBeUndefined();
	expect(ignored.answer.status).toBe(200);
});

it('a record that cannot be read (deleted since) still starts the workflow, saying why', async () => {
	const body = partial('CONTACT_ID', 1999999);
	body.FIRST_NAME = 'Gone';
	sandbox.clearLog();
	const outcome = await fetching().call(delivery(body));
	expect(outcome.answer.status).toBe(200);
	const json = startedWith(outcome);
	expect(json).toMatchObject({ CONTACT_ID: 1999999, FIRST_NAME: 'Gone', event: 'updated' });
	expect(json.fetchError).toMatch(/Contact 1999999/);
	expect(json.fetchError).toMatch(/404|not found/i);
	expect(sentLines(sandbox)).toEqual(['GET /Contacts/1999999']);
});

it('requests nothing for refused, ignored and duplicate deliveries', async () => {
	const id = rows(sandbox, 'Contacts')[0].CONTACT_ID as number;
	const trigger = fetching({ event: 'updated' });
	sandbox.clearLog();
	await trigger.call(delivery(partial('CONTACT_ID', id), { authorization: basicAuth('x', 'y') }));
	const created = partial('CONTACT_ID', id);
	created.DATE_UPDATED_UTC = created.DATE_CREATED_UTC;
	await trigger.call(delivery(created));
	expect(sentLines(sandbox)).toEqual([]);
	await trigger.call(delivery(partial('CONTACT_ID', id)));
	await trigger.call(delivery(partial('CONTACT_ID', id)));
	expect(sentLines(sandbox)).toEqual([`GET /Contacts/${id}`]);
	expect(trigger.executions).toBe(1);
});

it('lists the custom objects for the picker with the Insightly API credential', async () => {
	const options = await loadOptions(new InsightlyWebhookTrigger(), 'getCustomObjects', {
		parameters: { resource: 'customObjectRecord', fetchFullRecord: true } as INodeParameters,
		credentials: apiCredentials(),
	});
	expect(options.map((option) => option.value)).toContain(FRUIT);
});
