/**
 * The Insightly Webhook Trigger through n8n-core's real WebhookContext: what Insightly gets back
 * (status and body) and whether an execution starts, for authentication, malformed bodies,
 * created versus updated, field filters, dates, Simplify and duplicate deliveries.
 */
import {
	basicAuth,
	contactEntity,
	delivery,
	msDate,
	startedWith,
	webhookTrigger,
	WEBHOOK_PASSWORD,
	WEBHOOK_USER,
} from './helpers';

const CREATED = '2025-03-10T12:00:00.000Z';
const EDITED = '2025-03-11T08:30:15.000Z';

describe('authentication (Basic)', () => {
	it('starts one execution with the right user and password; n8n answers at once', async () => {
		const outcome = await webhookTrigger().call(delivery(contactEntity()));
		expect(outcome.answer).toMatchObject({
			status: 200,
			body: { message: 'Workflow was started' },
		});
		expect(startedWith(outcome).CONTACT_ID).toBe(1000001);
	});

	it.each([
		['a wrong password', basicAuth(WEBHOOK_USER, 'wrong')],
		['a wrong user', basicAuth('someone', WEBHOOK_PASSWORD)],
		['the user and password swapped', basicAuth(WEBHOOK_PASSWORD, WEBHOOK_USER)],
		['a password with something appended', basicAuth(WEBHOOK_USER, `${WEBHOOK_PASSWORD}x`)],
	])('refuses %s with 401 and starts nothing', async (_case, authorization) => {
		const trigger = webhookTrigger();
		const outcome = await trigger.call(delivery(contactEntity(), { authorization }));
		expect(outcome.answer.status).toBe(401);
		expect(outcome.answer.body).toEqual({
			message: 'Authorization failed: wrong user name or password.',
		});
		expect(outcome.answer.headers['www-authenticate']).toBe('Basic realm="Insightly Webhook"');
		expect(outcome.workflowData).toBeUndefined();
		expect(trigger.executions).toBe(0);
	});

	it.each([
		['no Authorization header', null],
		['a Bearer token', 'Bearer abc'],
		['Basic without a colon', `Basic ${Buffer.from('nocolon').toString('base64')}`],
		['an empty Basic header', 'Basic '],
	])('refuses %s with 401 and starts nothing', async (_case, authorization) => {
		const outcome = await webhookTrigger().call(delivery(contactEntity(), { authorization }));
		expect(outcome.answer.status).toBe(401);
		expect(outcome.answer.body).toEqual({
			message:
				'Authorization required: Basic authentication with the user name and password of the webhook.',
		});
		expect(outcome.workflowData).toBeUndefined();
	});

	it('is checked before the body: a malformed body without auth is 401, not 400', async () => {
		const outcome = await webhookTrigger().call({ headers: {}, body: 'garbage' });
		expect(outcome.answer.status).toBe(401);
	});

	it('a credential without a password starts nothing (500 naming the problem)', async () => {
		const outcome = await webhookTrigger(
			{},
			{ credentials: { insightlyWebhookAuthApi: { user: 'insightly', password: '' } } },
		).call(delivery(contactEntity(), { authorization: basicAuth('insightly', '') }));
		expect(outcome.answer.status).toBe(500);
		expect(outcome.answer.body).toEqual({
			message: 'The Insightly Webhook Auth credential: The password is empty.',
		});
		expect(outcome.workflowData).toBeUndefined();
	});

	it('Authentication None accepts a request without credentials', async () => {
		const outcome = await webhookTrigger({ authentication: 'none' }, { credentials: {} }).call(
			delivery(contactEntity(), { authorization: null }),
		);
		expect(startedWith(outcome).CONTACT_ID).toBe(1000001);
	});
});

describe('malformed bodies: 400, nothing starts', () => {
	it.each([
		['an empty body', undefined, ''],
		['text that is not JSON', 'not json', 'not json'],
		['a JSON array', [{ entity: {} }], undefined],
		['no entity', { record: { CONTACT_ID: 1 } }, undefined],
		['an entity that is not an object', { entity: 'x' }, undefined],
		['an entity that is a list', { entity: [{ CONTACT_ID: 1 }] }, undefined],
	])('%s', async (_case, body, rawBody) => {
		const trigger = webhookTrigger();
		const outcome = await trigger.call({
			headers: { authorization: basicAuth(), 'content-type': 'application/json' },
			body,
			rawBody,
		});
		expect(outcome.answer.status).toBe(400);
		expect(outcome.answer.body).toMatchObject({ message: expect.stringMatching(/body|entity/) });
		expect(outcome.workflowData).toBeUndefined();
		expect(trigger.executions).toBe(0);
	});

	it('an entity of another record type (no CONTACT_ID) is 400 and says which type it takes', async () => {
		const outcome = await webhookTrigger().call(
			delivery({ TASK_ID: 5, TITLE: 'Call', DATE_CREATED_UTC: msDate(CREATED) }),
		);
		expect(outcome.answer).toMatchObject({
			status: 400,
			body: { message: expect.stringContaining('has no CONTACT_ID') },
		});
		expect(outcome.workflowData).toBeUndefined();
	});

	it.each([['0'], [-3], ['12a'], [1.5]])('an id of %p is 400', async (id) => {
		const outcome = await webhookTrigger().call(delivery(contactEntity({ CONTACT_ID: id })));
		expect(outcome.answer.status).toBe(400);
	});

	it('a body sent as text/plain JSON is read (n8n leaves it as text)', async () => {
		const entity = contactEntity();
		const outcome = await webhookTrigger().call({
			headers: { authorization: basicAuth(), 'content-type': 'text/plain' },
			body: JSON.stringify({ entity }),
		});
		expect(startedWith(outcome).CONTACT_ID).toBe(1000001);
	});

	it('a body of an unknown content type is read from the raw bytes', async () => {
		const outcome = await webhookTrigger().call({
			headers: { authorization: basicAuth(), 'content-type': 'application/octet-stream' },
			body: {},
			rawBody: JSON.stringify({ entity: contactEntity() }),
		});
		expect(startedWith(outcome).CONTACT_ID).toBe(1000001);
	});
});

describe('created versus updated (DATE_UPDATED_UTC against DATE_CREATED_UTC)', () => {
	const created = contactEntity({}, { created: CREATED });
	const sameSecond = contactEntity({}, { created: CREATED, updated: '2025-03-10T12:00:00.400Z' });
	const updated = contactEntity({}, { created: CREATED, updated: EDITED });
	const oneSecondLater = contactEntity(
		{},
		{ created: CREATED, updated: '2025-03-10T12:00:01.000Z' },
	);

	it.each([
		['equal times', 'created', created],
		['less than a second apart', 'created', sameSecond],
		['a second apart', 'updated', oneSecondLater],
		['a day apart', 'updated', updated],
		['no DATE_UPDATED_UTC', 'created', contactEntity({ DATE_UPDATED_UTC: null })],
		['no DATE_CREATED_UTC', 'updated', contactEntity({ DATE_CREATED_UTC: undefined })],
	])('%s: %s', async (_case, event, entity) => {
		const outcome = await webhookTrigger().call(delivery(entity));
		expect(startedWith(outcome).event).toBe(event);
	});

	it('Event Created starts only for new records; an edit is answered 200 and starts nothing', async () => {
		const trigger = webhookTrigger({ event: 'created' });
		expect(startedWith(await trigger.call(delivery(created))).event).toBe('created');
		const edit = await trigger.call(delivery(updated));
		expect(edit.answer).toEqual({
			status: 200,
			headers: expect.any(Object),
			body: {
				message: 'Ignored: Contact 1000001 was updated; this trigger starts on created records.',
			},
		});
		expect(edit.workflowData).toBeUndefined();
		expect(trigger.executions).toBe(1);
	});

	it('Event Updated starts only for edits', async () => {
		const trigger = webhookTrigger({ event: 'updated' });
		expect((await trigger.call(delivery(created))).workflowData).toBeUndefined();
		expect(startedWith(await trigger.call(delivery(updated))).event).toBe('updated');
		expect(trigger.executions).toBe(1);
	});

	it('Created or Updated (the default) starts for both', async () => {
		const trigger = webhookTrigger();
		await trigger.call(delivery(created));
		await trigger.call(delivery(updated));
		expect(trigger.executions).toBe(2);
	});
});

describe('output: dates and Simplify', () => {
	it('turns every Microsoft JSON date into ISO 8601 UTC, custom fields included', async () => {
		const entity = contactEntity(
			{ DATE_OF_BIRTH: '/Date(641545200000+0100)/', LAST_ACTIVITY_DATE_UTC: '/Date(0)/' },
			{ created: '2017-03-10T03:34:10.787Z', updated: '2017-03-10T03:34:10.787Z' },
		);
		entity.DATE_CREATED_UTC = '/Date(1489116850787-0800)/';
		const json = startedWith(await webhookTrigger().call(delivery(entity)));
		expect(json.DATE_CREATED_UTC).toBe('2017-03-10T03:34:10.787Z');
		expect(json.DATE_UPDATED_UTC).toBe('2017-03-10T03:34:10.787Z');
		// The offset is the zone Insightly displays the date in; the instant is the milliseconds.
		expect(json.DATE_OF_BIRTH).toBe('1990-05-01T07:00:00.000Z');
		expect(json.LAST_ACTIVITY_DATE_UTC).toBe('1970-01-01T00:00:00.000Z');
		expect((json.customFields as Record<string, unknown>).Birthday__c).toBe(
			'1990-05-01T07:00:00.000Z',
		);
	});

	it('leaves text that only looks like a date alone', async () => {
		const json = startedWith(
			await webhookTrigger().call(
				delivery(contactEntity({ BACKGROUND: 'Met on /Date(tomorrow)/', FIRST_NAME: 'Date' })),
			),
		);
		expect(json.BACKGROUND).toBe('Met on /Date(tomorrow)/');
	});

	it('Simplify (default on): CUSTOMFIELDS become customFields keyed by field name', async () => {
		const json = startedWith(await webhookTrigger().call(delivery(contactEntity())));
		expect(json.CUSTOMFIELDS).toBeUndefined();
		expect({ ...(json.customFields as object) }).toEqual({
			Interests__c: 'Music;Sports',
			Tier__c: 'Gold',
			Birthday__c: '1990-05-01T07:00:00.000Z',
		});
		expect(json).toMatchObject({
			CONTACT_ID: 1000001,
			FIRST_NAME: 'Ann',
			TAGS: [{ TAG_NAME: 'VIP' }],
			event: 'created',
		});
	});

	it('Simplify off: CUSTOMFIELDS as Insightly sent them (dates still converted)', async () => {
		const json = startedWith(
			await webhookTrigger({ options: { simplify: false } }).call(delivery(contactEntity())),
		);
		expect(json.customFields).toBeUndefined();
		expect(json.CUSTOMFIELDS).toEqual([
			{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Sports' },
			{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' },
			{ FIELD_NAME: 'Birthday__c', FIELD_VALUE: '1990-05-01T07:00:00.000Z' },
		]);
	});

	it('reads custom fields named CUSTOM_FIELD_ID (older payloads) like FIELD_NAME', async () => {
		const json = startedWith(
			await webhookTrigger().call(
				delivery(
					contactEntity({ CUSTOMFIELDS: [{ CUSTOM_FIELD_ID: 'Tier__c', FIELD_VALUE: 'Silver' }] }),
				),
			),
		);
		expect({ ...(json.customFields as object) }).toEqual({ Tier__c: 'Silver' });
	});

	it('takes other record types and custom objects by their id field', async () => {
		const task = startedWith(
			await webhookTrigger({ resource: 'task' }).call(
				delivery({
					TASK_ID: 99922875,
					TITLE: 'New Lead Task',
					DUE_DATE: '\\/Date(1489132800000-0800)\\/'.replace(/\\\//g, '/'),
					DATE_CREATED_UTC: '/Date(1489116850787-0800)/',
					DATE_UPDATED_UTC: '/Date(1489116850787-0800)/',
				}),
			),
		);
		expect(task).toMatchObject({
			TASK_ID: 99922875,
			DUE_DATE: '2017-03-10T08:00:00.000Z',
			event: 'created',
		});
		const fruit = startedWith(
			await webhookTrigger({ resource: 'customObjectRecord' }).call(
				delivery({ RECORD_ID: 16000001, RECORD_NAME: 'Apple' }),
			),
		);
		expect(fruit).toMatchObject({ RECORD_ID: 16000001, RECORD_NAME: 'Apple', event: 'updated' });
	});
});

describe('field filters', () => {
	const filtered = (conditions: Array<{ field: string; value: string }>) =>
		webhookTrigger({ fieldFilters: { conditions } });

	it.each([
		['a standard field', [{ field: 'ADDRESS_MAIL_CITY', value: 'london' }], true],
		['a standard field, other value', [{ field: 'ADDRESS_MAIL_CITY', value: 'Paris' }], false],
		['a custom field', [{ field: 'Tier__c', value: ' GOLD ' }], true],
		['one value of a multi-select', [{ field: 'Interests__c', value: 'sports' }], true],
		['a value a multi-select lacks', [{ field: 'Interests__c', value: 'Travel' }], false],
		['a number', [{ field: 'OWNER_USER_ID', value: '1001' }], true],
		['an empty value and an empty field', [{ field: 'BACKGROUND', value: '' }], true],
		['an empty value and a filled field', [{ field: 'FIRST_NAME', value: '' }], false],
		[
			'all of several conditions',
			[
				{ field: 'ADDRESS_MAIL_CITY', value: 'London' },
				{ field: 'Tier__c', value: 'Gold' },
			],
			true,
		],
		[
			'one of several failing',
			[
				{ field: 'ADDRESS_MAIL_CITY', value: 'London' },
				{ field: 'Tier__c', value: 'Silver' },
			],
			false,
		],
	])('%s', async (_case, conditions, starts) => {
		const outcome = await filtered(conditions).call(delivery(contactEntity()));
		expect(outcome.workflowData !== undefined).toBe(starts);
		expect(outcome.answer.status).toBe(200);
		if (!starts) expect(outcome.answer.body).toMatchObject({ message: /^Ignored: / });
	});

	it('apply to custom fields whether Simplify is on or off', async () => {
		const outcome = await webhookTrigger({
			options: { simplify: false },
			fieldFilters: { conditions: [{ field: 'Tier__c', value: 'Gold' }] },
		}).call(delivery(contactEntity()));
		expect(outcome.workflowData).toBeDefined();
	});
});

describe('duplicate deliveries (record id and DATE_UPDATED_UTC)', () => {
	it('the same version delivered again starts no second execution', async () => {
		const trigger = webhookTrigger();
		const entity = contactEntity({}, { updated: EDITED });
		expect((await trigger.call(delivery(entity))).workflowData).toBeDefined();
		const again = await trigger.call(delivery(entity));
		expect(again.answer).toMatchObject({
			status: 200,
			body: { message: 'Ignored: Contact 1000001 in this version was delivered already.' },
		});
		expect(again.workflowData).toBeUndefined();
		expect(trigger.executions).toBe(1);
		// n8n saved the memory in the workflow's static data.
		expect(Object.keys(trigger.persistedStaticData.seen as object)).toEqual([
			`1000001@${Date.parse(EDITED)}`,
		]);
	});

	it('a later version of the record, and another record, start their own executions', async () => {
		const trigger = webhookTrigger();
		await trigger.call(delivery(contactEntity({}, { updated: EDITED })));
		await trigger.call(delivery(contactEntity({}, { updated: '2025-03-11T08:30:16.000Z' })));
		await trigger.call(delivery(contactEntity({ CONTACT_ID: 1000002 }, { updated: EDITED })));
		expect(trigger.executions).toBe(3);
	});

	it('after the window the same version starts again', async () => {
		const now = jest.spyOn(Date, 'now');
		try {
			const trigger = webhookTrigger({ options: { duplicateWindowMinutes: 5 } });
			now.mockReturnValue(Date.parse('2025-03-11T09:00:00Z'));
			await trigger.call(delivery(contactEntity()));
			now.mockReturnValue(Date.parse('2025-03-11T09:04:59Z'));
			await trigger.call(delivery(contactEntity()));
			expect(trigger.executions).toBe(1);
			now.mockReturnValue(Date.parse('2025-03-11T09:05:01Z'));
			await trigger.call(delivery(contactEntity()));
			expect(trigger.executions).toBe(2);
		} finally {
			now.mockRestore();
		}
	});

	it('window 0 turns it off', async () => {
		const trigger = webhookTrigger({ options: { duplicateWindowMinutes: 0 } });
		await trigger.call(delivery(contactEntity()));
		await trigger.call(delivery(contactEntity()));
		expect(trigger.executions).toBe(2);
		expect(trigger.persistedStaticData.seen).toBeUndefined();
	});

	it("test events (the editor's test URL) are never suppressed nor remembered", async () => {
		const trigger = webhookTrigger({}, { mode: 'manual' });
		await trigger.call(delivery(contactEntity()));
		await trigger.call(delivery(contactEntity()));
		expect(trigger.executions).toBe(2);
	});

	it('refused and ignored requests are not remembered', async () => {
		const trigger = webhookTrigger({ event: 'updated' });
		await trigger.call(delivery(contactEntity(), { authorization: basicAuth('x', 'y') }));
		await trigger.call(delivery(contactEntity()));
		expect(trigger.persistedStaticData.seen).toBeUndefined();
	});

	it('without DATE_UPDATED_UTC the version is the content: same content suppressed, other content not', async () => {
		const trigger = webhookTrigger();
		await trigger.call(delivery(contactEntity({ DATE_UPDATED_UTC: undefined })));
		await trigger.call(delivery(contactEntity({ DATE_UPDATED_UTC: undefined })));
		await trigger.call(delivery(contactEntity({ DATE_UPDATED_UTC: undefined, FIRST_NAME: 'Bo' })));
		expect(trigger.executions).toBe(2);
	});
});
