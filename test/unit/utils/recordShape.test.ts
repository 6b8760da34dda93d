import type { IDataObject } from 'n8n-workflow';

import type { CustomFieldMetadata } from '../../../nodes/Insightly/utils/customFields';
import {
	compactRecord,
	isOutputShape,
	shapeRecord,
} from '../../../nodes/Insightly/utils/recordShape';

const METADATA: CustomFieldMetadata[] = [
	{ FIELD_NAME: 'Interests__c', FIELD_LABEL: 'Interests', FIELD_TYPE: 'MULTISELECT' },
	{ FIELD_NAME: 'Vip__c', FIELD_LABEL: 'VIP', FIELD_TYPE: 'BIT' },
	{ FIELD_NAME: 'Score__c', FIELD_LABEL: 'Score', FIELD_TYPE: 'NUMERIC' },
];

/** A contact as Insightly returns it: most fields null, sub-collections as arrays of objects. */
const CONTACT: IDataObject = {
	SALUTATION: null,
	CONTACT_ID: 12,
	IMAGE_URL: null,
	FIRST_NAME: 'Ada',
	LAST_NAME: 'Lovelace',
	BACKGROUND: '',
	DATE_CREATED_UTC: '2024-01-02 10:00:00',
	EMAIL_OPTED_OUT: false,
	EMAIL_ADDRESS: 'ada@example.com',
	PHONE: null,
	CUSTOMFIELDS: [
		{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Sports' },
		{ FIELD_NAME: 'Vip__c', FIELD_VALUE: 'true' },
		{ FIELD_NAME: 'Score__c', FIELD_VALUE: null },
	],
	TAGS: [{ TAG_NAME: 'VIP' }, { TAG_NAME: 'Partner' }],
	DATES: [
		{
			DATE_ID: 3,
			OCCASION_NAME: 'Birthday',
			OCCASION_DATE: '1815-12-10 00:00:00',
			REPEAT_YEARLY: true,
			CREATE_TASK_YEARLY: false,
		},
	],
	LINKS: [
		{
			LINK_ID: 7,
			OBJECT_NAME: 'Contact',
			OBJECT_ID: 12,
			LINK_OBJECT_NAME: 'Organisation',
			LINK_OBJECT_ID: 40,
			ROLE: 'Founder',
			DETAILS: null,
			RELATIONSHIP_ID: null,
			IS_FORWARD: true,
		},
		{
			LINK_ID: 8,
			OBJECT_NAME: 'Opportunity',
			OBJECT_ID: 90,
			LINK_OBJECT_NAME: 'Contact',
			LINK_OBJECT_ID: 12,
			ROLE: null,
			DETAILS: null,
			RELATIONSHIP_ID: null,
			IS_FORWARD: false,
		},
	],
	EMAILDOMAINS: [],
};

const CONTEXT = {
	idField: 'CONTACT_ID',
	nameFields: ['FIRST_NAME', 'LAST_NAME'],
	metadata: METADATA,
};

describe('compactRecord', () => {
	it('keeps only fields with a value, id and names and email first, sub-collections summarised', () => {
		const compact = compactRecord(CONTACT, CONTEXT);
		expect(compact).toEqual({
			CONTACT_ID: 12,
			FIRST_NAME: 'Ada',
			LAST_NAME: 'Lovelace',
			EMAIL_ADDRESS: 'ada@example.com',
			DATE_CREATED_UTC: '2024-01-02 10:00:00',
			EMAIL_OPTED_OUT: false,
			tags: ['VIP', 'Partner'],
			links: { Organisation: ['40 (Founder)'], Opportunity: [90] },
			dates: ['Birthday: 1815-12-10 (yearly)'],
			customFields: { Interests__c: ['Music', 'Sports'], Vip__c: true },
		});
		expect(Object.keys(compact).slice(0, 4)).toEqual([
			'CONTACT_ID',
			'FIRST_NAME',
			'LAST_NAME',
			'EMAIL_ADDRESS',
		]);
	});

	it('is smaller than the raw record and does not modify it', () => {
		const copy = JSON.parse(JSON.stringify(CONTACT)) as IDataObject;
		const compact = compactRecord(CONTACT, CONTEXT);
		expect(CONTACT).toEqual(copy);
		expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(CONTACT).length / 2);
	});

	it('keeps custom field values as sent when the definitions are unknown (the trigger)', () => {
		expect(compactRecord(CONTACT, { idField: 'CONTACT_ID' }).customFields).toEqual({
			Interests__c: 'Music;Sports',
			Vip__c: 'true',
		});
	});

	it('names email domains and drops a custom fields object with nothing in it', () => {
		const organisation = {
			ORGANISATION_ID: 40,
			ORGANISATION_NAME: 'Analytical Engines',
			EMAILDOMAINS: [{ EMAIL_DOMAIN_ID: 1, EMAIL_DOMAIN: 'engines.example' }],
			CUSTOMFIELDS: [{ FIELD_NAME: 'Score__c', FIELD_VALUE: null }],
		};
		expect(
			compactRecord(organisation, {
				idField: 'ORGANISATION_ID',
				nameFields: ['ORGANISATION_NAME'],
			}),
		).toEqual({
			ORGANISATION_ID: 40,
			ORGANISATION_NAME: 'Analytical Engines',
			emailDomains: ['engines.example'],
		});
	});

	it('drops empty values inside nested objects and lists it does not summarise', () => {
		const project = { PROJECT_ID: 1, TEAM: [{ USER_ID: 2, ROLE: null }, { USER_ID: null }] };
		expect(compactRecord(project, { idField: 'PROJECT_ID' })).toEqual({
			PROJECT_ID: 1,
			TEAM: [{ USER_ID: 2 }],
		});
	});

	it('reads a brief record (no sub-collections) without inventing keys', () => {
		expect(compactRecord({ CONTACT_ID: 5, FIRST_NAME: 'Bo', LAST_NAME: null }, CONTEXT)).toEqual({
			CONTACT_ID: 5,
			FIRST_NAME: 'Bo',
		});
	});

	it('treats server keys such as __proto__ as plain names', () => {
		const record = JSON.parse(
			'{"CONTACT_ID":1,"__proto__":{"polluted":true},"CUSTOMFIELDS":[{"FIELD_NAME":"__proto__","FIELD_VALUE":"x"}]}',
		) as IDataObject;
		const compact = compactRecord(record, CONTEXT);
		expect(Object.getPrototypeOf(compact)).toBe(Object.prototype);
		expect((compact as { polluted?: unknown }).polluted).toBeUndefined();
		expect(Object.keys(compact)).toEqual(['CONTACT_ID', '__proto__', 'customFields']);
		expect(Object.keys(compact.customFields as IDataObject)).toEqual(['__proto__']);
	});
});

describe('shapeRecord', () => {
	it('raw returns the record itself; simplified keeps every field; compact drops empties', () => {
		expect(shapeRecord(CONTACT, 'raw', CONTEXT)).toBe(CONTACT);
		const simplified = shapeRecord(CONTACT, 'simplified', CONTEXT);
		expect(simplified.SALUTATION).toBeNull();
		expect(simplified.customFields).toEqual({
			Interests__c: ['Music', 'Sports'],
			Vip__c: true,
			Score__c: null,
		});
		expect(shapeRecord(CONTACT, 'compact', CONTEXT)).toEqual(compactRecord(CONTACT, CONTEXT));
	});

	it('knows its shape names', () => {
		expect(['compact', 'simplified', 'raw'].every(isOutputShape)).toBe(true);
		expect(isOutputShape('brief')).toBe(false);
		expect(isOutputShape(undefined)).toBe(false);
	});
});
