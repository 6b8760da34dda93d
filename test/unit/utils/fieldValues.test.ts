import type { FieldSpec } from '../../../nodes/Insightly/schema';
import { getRecordFields } from '../../../nodes/Insightly/schema';
import {
	buildRecordBody,
	convertFieldValue,
	plainLabel,
} from '../../../nodes/Insightly/utils/fieldValues';
import { InputError } from '../../../nodes/Insightly/utils/validation';

const spec = (resource: string, name: string): FieldSpec => {
	const found = getRecordFields(resource).find((field) => field.name === name);
	if (!found) throw new Error(`no ${resource}.${name}`);
	return found;
};

describe('convertFieldValue', () => {
	it('references become record IDs', () => {
		expect(convertFieldValue(spec('contact', 'OWNER_USER_ID'), '17')).toBe(17);
		expect(() => convertFieldValue(spec('contact', 'OWNER_USER_ID'), 'bob')).toThrow(
			/^Owner must be a positive whole number/,
		);
	});
	it('numbers and integers', () => {
		expect(convertFieldValue(spec('product', 'DEFAULT_PRICE'), '9.99')).toBe(9.99);
		expect(convertFieldValue(spec('lead', 'EMPLOYEE_COUNT'), 250)).toBe(250);
		expect(() => convertFieldValue(spec('lead', 'EMPLOYEE_COUNT'), 2.5)).toThrow(
			'Employee Count must be a whole number (got 2.5)',
		);
		expect(() => convertFieldValue(spec('product', 'DEFAULT_PRICE'), 'cheap')).toThrow(
			/Default Price must be a number/,
		);
	});
	it('known-value options keep their JSON type', () => {
		expect(convertFieldValue(spec('task', 'PRIORITY'), '3')).toBe(3);
		// A known value in another casing goes out in Insightly's.
		expect(convertFieldValue(spec('opportunity', 'OPPORTUNITY_STATE'), 'WON')).toBe('Won');
		expect(convertFieldValue(spec('opportunity', 'OPPORTUNITY_STATE'), 'Closed')).toBe('Closed');
	});
	it('booleans', () => {
		expect(convertFieldValue(spec('contact', 'EMAIL_OPTED_OUT'), 'true')).toBe(true);
		expect(() => convertFieldValue(spec('contact', 'EMAIL_OPTED_OUT'), 'perhaps')).toThrow(
			/Email Opted Out must be true or false/,
		);
	});
	it('dates by kind', () => {
		expect(convertFieldValue(spec('contact', 'DATE_OF_BIRTH'), '1815-12-10T23:00:00-02:00')).toBe(
			'1815-12-10 00:00:00',
		);
		expect(
			convertFieldValue(spec('event', 'START_DATE_UTC'), '2025-05-01T10:00:00', {
				zone: 'Europe/Berlin',
			}),
		).toBe('2025-05-01 08:00:00');
		expect(() => convertFieldValue(spec('event', 'START_DATE_UTC'), 'soon')).toThrow(
			/^Start Date is not a valid date/,
		);
	});
	it('text within maxLength', () => {
		expect(convertFieldValue(spec('contact', 'SALUTATION'), 'Dr')).toBe('Dr');
		expect(convertFieldValue(spec('contact', 'PHONE'), 5551234)).toBe('5551234');
		expect(() => convertFieldValue(spec('contact', 'SALUTATION'), 'x'.repeat(51))).toThrow(
			'Salutation is too long: 51 characters, Insightly allows 50',
		);
		expect(() => convertFieldValue(spec('contact', 'PHONE'), ['a'])).toThrow(/Phone must be text/);
	});
	it('plainLabel drops the dynamic-options suffix', () => {
		expect(plainLabel(spec('lead', 'LEAD_SOURCE_ID'))).toBe('Lead Source');
	});
});

describe('buildRecordBody', () => {
	const contact = getRecordFields('contact');

	it('converts values and skips empty ones', () => {
		expect(
			buildRecordBody(contact, {
				FIRST_NAME: 'Ada',
				LAST_NAME: '',
				ORGANISATION_ID: '12',
				EMAIL_OPTED_OUT: false,
				DATE_OF_BIRTH: '1815-12-10',
				PHONE: null,
			}),
		).toEqual({
			FIRST_NAME: 'Ada',
			ORGANISATION_ID: 12,
			EMAIL_OPTED_OUT: false,
			DATE_OF_BIRTH: '1815-12-10 00:00:00',
		});
	});

	it('rejects unknown fields, naming the record type', () => {
		let error: InputError | undefined;
		try {
			buildRecordBody(contact, { FIRSTNAME: 'Ada' }, { recordLabel: 'Contact', itemIndex: 1 });
		} catch (caught) {
			error = caught as InputError;
		}
		expect(error).toBeInstanceOf(InputError);
		expect(error?.message).toBe('Unknown field "FIRSTNAME" for Contact');
		expect(error?.itemIndex).toBe(1);
		expect(error?.description).toContain('FIRST_NAME');
	});

	it('Clear Fields sends null, but not for required fields or fields also being set', () => {
		expect(
			buildRecordBody(contact, { PHONE: '1' }, { clearFields: ['TITLE', 'ORGANISATION_ID'] }),
		).toEqual({ PHONE: '1', TITLE: null, ORGANISATION_ID: null });
		expect(() => buildRecordBody(contact, {}, { clearFields: ['FIRST_NAME'] })).toThrow(
			'First Name is required and cannot be cleared',
		);
		expect(() => buildRecordBody(contact, { TITLE: 'CEO' }, { clearFields: ['TITLE'] })).toThrow(
			'Title is both set and cleared: choose one',
		);
		expect(() => buildRecordBody(contact, {}, { clearFields: ['NOPE'] })).toThrow(
			'Unknown field "NOPE"',
		);
	});

	it('checks required fields on create only', () => {
		const task = getRecordFields('task');
		expect(() =>
			buildRecordBody(task, { TITLE: '', COMPLETED: false }, { checkRequired: true }),
		).toThrow('Title is required but empty');
		expect(
			buildRecordBody(
				task,
				{ TITLE: 'Call', COMPLETED: false, OWNER_USER_ID: 3 },
				{ checkRequired: true },
			),
		).toEqual({ TITLE: 'Call', COMPLETED: false, OWNER_USER_ID: 3 });
		expect(buildRecordBody(task, { DETAILS: 'x' })).toEqual({ DETAILS: 'x' });
	});
});
