import {
	assertBodyWritable,
	assertPathExists,
	assertQueryAllowed,
	assertRequestConforms,
	findOperation,
	missingRequiredFields,
	normalisePath,
} from './swagger';

describe('contract helper: paths', () => {
	it('matches concrete paths to swagger templates', () => {
		expect(assertPathExists('GET', '/Contacts/12/Tags').template).toBe('/Contacts/{id}/Tags');
		expect(assertPathExists('DELETE', '/Contacts/12/Links/99').template).toBe(
			'/Contacts/{id}/Links/{linkId}',
		);
		expect(assertPathExists('PUT', '/Contacts').template).toBe('/Contacts');
		expect(assertPathExists('GET', '/Users/Me').template).toBe('/Users/Me');
	});

	it('prefers literal segments over parameters', () => {
		expect(assertPathExists('GET', '/Contacts/Search').template).toBe('/Contacts/Search');
		expect(assertPathExists('GET', '/Contacts').template).toBe('/Contacts');
		expect(assertPathExists('GET', '/Fruit__c/Search').template).toBe('/{objectName}/Search');
	});

	it('maps custom object paths to /{objectName} and rejects typos that only look like one', () => {
		const found = findOperation('GET', '/Fruit__c/7');
		expect(found?.template).toBe('/{objectName}/{id}');
		expect(found?.pathParams).toEqual({ objectName: 'Fruit__c', id: '7' });
		expect(() => assertPathExists('POST', '/Contact')).toThrow(/not in Insightly's swagger/);
		expect(() => assertPathExists('POST', '/Products')).toThrow(/not in Insightly's swagger/);
	});

	it('requires integer path parameters to be positive integers', () => {
		expect(() => assertPathExists('GET', '/Contacts/undefined')).toThrow();
		expect(() => assertPathExists('GET', '/Contacts/0')).toThrow();
		expect(assertPathExists('GET', '/Contacts/5').pathParams).toEqual({ id: '5' });
	});

	it('rejects methods the path does not document', () => {
		expect(() => assertPathExists('POST', '/Notes')).toThrow(/POST \/Notes is not in/);
		expect(() => assertPathExists('DELETE', '/Users/3')).toThrow();
	});

	it('ignores the base path, query string and trailing slash', () => {
		expect(normalisePath('/v3.1/Contacts/12/?brief=true')).toBe('/Contacts/12');
		expect(assertPathExists('GET', '/v3.1/Contacts/12?brief=true').template).toBe('/Contacts/{id}');
	});

	it('checks query parameter names', () => {
		expect(() =>
			assertQueryAllowed('GET', '/Contacts/Search', {
				field_name: 'EMAIL_ADDRESS',
				field_value: 'a@b.c',
				top: 500,
			}),
		).not.toThrow();
		expect(() => assertQueryAllowed('GET', '/Contacts/Search', { fieldName: 'x' })).toThrow(
			/"fieldName" is not documented/,
		);
	});
});

describe('contract helper: bodies', () => {
	it('accepts writable fields with the documented types, including nested custom fields', () => {
		expect(() =>
			assertBodyWritable('POST', '/Contacts', {
				FIRST_NAME: 'Ada',
				ORGANISATION_ID: 12,
				EMAIL_OPTED_OUT: false,
				DATE_OF_BIRTH: '1815-12-10 00:00:00',
				CUSTOMFIELDS: [{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Chess' }],
			}),
		).not.toThrow();
	});

	it('rejects unknown, read-only and mistyped fields', () => {
		expect(() => assertBodyWritable('POST', '/Contacts', { FIRSTNAME: 'Ada' })).toThrow(
			/FIRSTNAME is not in the swagger schema Contact/,
		);
		expect(() => assertBodyWritable('POST', '/Contacts', { CONTACT_ID: 3 })).toThrow(/read-only/);
		expect(() => assertBodyWritable('POST', '/Contacts', { ORGANISATION_ID: '12' })).toThrow(
			/must be an integer/,
		);
		expect(() =>
			assertBodyWritable('POST', '/Contacts', { DATE_OF_BIRTH: '1815-12-10T00:00:00Z' }),
		).toThrow(/yyyy-MM-dd HH:mm:ss/);
		expect(() => assertBodyWritable('POST', '/Contacts', { SALUTATION: 'x'.repeat(51) })).toThrow(
			/at most 50/,
		);
	});

	it('checks nested items', () => {
		expect(() =>
			assertBodyWritable('POST', '/Contacts', { CUSTOMFIELDS: [{ NAME: 'Hobby__c' }] }),
		).toThrow(/CUSTOMFIELDS\[0\]\.NAME/);
		// The record schemas do not document inline TAGS: they go through /{id}/Tags.
		expect(() => assertBodyWritable('POST', '/Contacts', { TAGS: [{ TAG_NAME: 'VIP' }] })).toThrow(
			/TAGS is not in the swagger/,
		);
		expect(() => assertBodyWritable('POST', '/Contacts/3/Tags', { TAG_NAME: 'VIP' })).not.toThrow();
		expect(() =>
			assertBodyWritable('PUT', '/Opportunities/3/Pipeline', {
				PIPELINE_ID: 1,
				PIPELINE_STAGE_CHANGE: { STAGE_ID: 2 },
			}),
		).not.toThrow();
		expect(() =>
			assertBodyWritable('PUT', '/Opportunities/3/Pipeline', {
				PIPELINE_ID: 1,
				PIPELINE_STAGE_CHANGE: { STAGE: 2 },
			}),
		).toThrow(/PIPELINE_STAGE_CHANGE\.STAGE/);
	});

	it('lets a PUT carry the record id, but not a POST', () => {
		expect(() =>
			assertBodyWritable('PUT', '/Contacts', { CONTACT_ID: 3, PHONE: null }),
		).not.toThrow();
		expect(() => assertBodyWritable('PUT', '/Contacts', { CONTACT_ID: '3' })).toThrow(/record id/);
		expect(() =>
			assertBodyWritable('PUT', '/Fruit__c', { RECORD_ID: 4, RECORD_NAME: 'Apple' }),
		).not.toThrow();
		expect(() =>
			assertBodyWritable('POST', '/Fruit__c', { RECORD_ID: 4, RECORD_NAME: 'Apple' }),
		).toThrow(/RECORD_ID/);
	});

	it('rejects bodies on operations without one, and arrays where an object is documented', () => {
		expect(() => assertBodyWritable('DELETE', '/Contacts/3', { x: 1 })).toThrow(/no request body/);
		expect(() => assertBodyWritable('DELETE', '/Contacts/3', undefined)).not.toThrow();
		expect(() => assertBodyWritable('POST', '/Contacts/3/Tags', [{ TAG_NAME: 'VIP' }])).toThrow(
			/single object/,
		);
	});

	it('lists required fields missing from a create body, without read-only ones', () => {
		expect(missingRequiredFields('POST', '/Organisations', {})).toEqual(['ORGANISATION_NAME']);
		expect(missingRequiredFields('POST', '/Tasks', { TITLE: 't' })).toEqual([
			'COMPLETED',
			'OWNER_USER_ID',
		]);
	});
});

describe('contract helper: whole requests', () => {
	it('checks path, query (inline and separate) and body together', () => {
		expect(
			assertRequestConforms({
				method: 'GET',
				path: '/Contacts/Search?field_name=FIRST_NAME',
				qs: { field_value: 'Ada', top: 500 },
			}).template,
		).toBe('/Contacts/Search');
		expect(() => assertRequestConforms({ method: 'GET', path: '/Contacts?orderby=x' })).toThrow(
			/"orderby" is not documented/,
		);
		expect(() =>
			assertRequestConforms({
				method: 'PUT',
				path: '/Contacts',
				body: { CONTACT_ID: 1, NICKNAME: 'x' },
			}),
		).toThrow(/NICKNAME/);
		expect(() =>
			assertRequestConforms({ method: 'POST', path: '/Contacts/1/FileAttachments' }),
		).not.toThrow();
	});
});
