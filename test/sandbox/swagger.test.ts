import {
	findOperation,
	responseSchema,
	validateAgainst,
	validateResponse,
} from '../../sandbox/swagger';

describe('swagger helper', () => {
	it('prefers literal segments and matches any case', () => {
		expect(findOperation('GET', '/v3.1/Contacts/Search')?.template).toBe('/Contacts/Search');
		expect(findOperation('GET', '/v3.1/contacts/12')?.template).toBe('/Contacts/{id}');
		expect(findOperation('GET', '/v3.1/Fruit__c/12')?.template).toBe('/{objectName}/{id}');
		expect(findOperation('GET', '/v3.1/Fruit__c/12')?.params).toEqual({
			objectName: 'Fruit__c',
			id: '12',
		});
		expect(findOperation('POST', '/v3.1/Notes')?.operation).toBeUndefined();
		expect(findOperation('GET', '/v3.1/a/b/c/d/e/f/g')).toBeUndefined();
	});

	it('accepts Insightly timestamps in responses and rejects ISO ones there', () => {
		const schema = responseSchema('get', '/Contacts/{id}', 200);
		expect(
			validateAgainst(schema, { FIRST_NAME: 'A', DATE_CREATED_UTC: '2024-01-02 03:04:05' }),
		).toEqual([]);
		expect(
			validateAgainst(schema, { FIRST_NAME: 'A', DATE_CREATED_UTC: '2024-01-02T03:04:05Z' }),
		).not.toEqual([]);
		expect(
			validateAgainst(
				schema,
				{ FIRST_NAME: 'A', DATE_OF_BIRTH: '2024-01-02T03:04:05Z' },
				'request',
			),
		).toEqual([]);
	});

	it('treats maxLength 0 as unlimited but enforces real maxLengths, types and nulls', () => {
		const note = responseSchema('get', '/Notes/{id}', 200);
		expect(validateAgainst(note, { TITLE: 't', BODY: 'x'.repeat(10_000) })).toEqual([]);
		expect(validateAgainst(note, { TITLE: 'x'.repeat(256) })).not.toEqual([]);
		expect(validateAgainst(note, { TITLE: 't', NOTE_ID: 'seven' })).not.toEqual([]);
		expect(validateAgainst(note, { TITLE: 't', BODY: null })).toEqual([]);
	});

	it('lets FIELD_VALUE (System.Object) be any JSON value', () => {
		const schema = responseSchema('get', '/Contacts/{id}', 200);
		for (const FIELD_VALUE of ['x', 3, true, null]) {
			expect(
				validateAgainst(schema, {
					FIRST_NAME: 'A',
					CUSTOMFIELDS: [{ FIELD_NAME: 'X__c', FIELD_VALUE }],
				}),
			).toEqual([]);
		}
	});

	it('falls back to a documented schema and fails loudly without one', () => {
		// GET /Contacts/{id}/Tags documents 201 only; a 200 uses that schema.
		expect(validateResponse('GET', '/v3.1/Contacts/1/Tags', 200, [{ TAG_NAME: 'a' }])).toEqual([]);
		expect(validateResponse('GET', '/v3.1/Contacts/1/Tags', 200, [{ TAG_NAME: 5 }])).not.toEqual(
			[],
		);
		// GET /Pipelines/{id} has no schema: the items of GET /Pipelines apply.
		expect(validateResponse('GET', '/v3.1/Pipelines/1', 200, { PIPELINE_ID: 'x' })).not.toEqual([]);
		expect(() => validateResponse('GET', '/v3.1/Nope/1/2/3/4/5/6', 200, {})).toThrow(
			/no operation/,
		);
		expect(() => validateResponse('DELETE', '/v3.1/Contacts/1', 202, undefined)).toThrow(
			/no response schema/,
		);
	});
});
