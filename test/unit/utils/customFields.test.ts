import {
	buildCustomFieldsBody,
	customFieldKind,
	findCustomField,
	fromCustomFieldValue,
	simplifyRecord,
	splitMultiselect,
	toCustomFieldValue,
	type CustomFieldMetadata,
} from '../../../nodes/Insightly/utils/customFields';
import { coerceBoolean, coerceNumber } from '../../../nodes/Insightly/utils/coerce';
import { InputError } from '../../../nodes/Insightly/utils/validation';

const options = (...values: string[]) =>
	values.map((value, index) => ({ OPTION_ID: index + 1, OPTION_VALUE: value }));

const METADATA: CustomFieldMetadata[] = [
	{ FIELD_NAME: 'Hobby__c', FIELD_LABEL: 'Hobby', FIELD_TYPE: 'TEXT' },
	{
		FIELD_NAME: 'Interests__c',
		FIELD_LABEL: 'Interests',
		FIELD_TYPE: 'MULTISELECT',
		CUSTOM_FIELD_OPTIONS: options('Music', 'Sports', 'Travel'),
	},
	{
		FIELD_NAME: 'Tier__c',
		FIELD_LABEL: 'Tier',
		FIELD_TYPE: 'DROPDOWN',
		CUSTOM_FIELD_OPTIONS: options('Gold', 'Silver'),
	},
	{ FIELD_NAME: 'Vip__c', FIELD_LABEL: 'VIP', FIELD_TYPE: 'BIT' },
	{ FIELD_NAME: 'Score__c', FIELD_LABEL: 'Score', FIELD_TYPE: 'NUMERIC' },
	{ FIELD_NAME: 'Budget__c', FIELD_LABEL: 'Budget', FIELD_TYPE: 'CURRENCY' },
	{ FIELD_NAME: 'Share__c', FIELD_LABEL: 'Share', FIELD_TYPE: 'PERCENT' },
	{ FIELD_NAME: 'Renewal__c', FIELD_LABEL: 'Renewal', FIELD_TYPE: 'DATE' },
	{ FIELD_NAME: 'Callback__c', FIELD_LABEL: 'Callback', FIELD_TYPE: 'DATETIME' },
	{
		FIELD_NAME: 'Account__c',
		FIELD_LABEL: 'Account',
		FIELD_TYPE: 'LOOKUP',
		JOIN_OBJECT: 'Organisation',
	},
	{ FIELD_NAME: 'Number__c', FIELD_LABEL: 'Number', FIELD_TYPE: 'AUTONUMBER' },
	{ FIELD_NAME: 'Locked__c', FIELD_LABEL: 'Locked', FIELD_TYPE: 'TEXT', EDITABLE: false },
	{ FIELD_NAME: 'Twin_A__c', FIELD_LABEL: 'Twin', FIELD_TYPE: 'TEXT' },
	{ FIELD_NAME: 'Twin_B__c', FIELD_LABEL: 'Twin', FIELD_TYPE: 'TEXT' },
];
const field = (name: string) => METADATA.find((entry) => entry.FIELD_NAME === name)!;

describe('findCustomField', () => {
	it('finds by API name (exact, then case-insensitive) and by unique label', () => {
		expect(findCustomField(METADATA, 'Hobby__c').FIELD_NAME).toBe('Hobby__c');
		expect(findCustomField(METADATA, 'hobby__C').FIELD_NAME).toBe('Hobby__c');
		expect(findCustomField(METADATA, 'Interests').FIELD_NAME).toBe('Interests__c');
	});
	it('rejects unknown fields and ambiguous labels with a helpful message', () => {
		expect(() => findCustomField(METADATA, 'Nope__c', { objectLabel: 'Contact' })).toThrow(
			'Unknown custom field "Nope__c" on Contact',
		);
		expect(() => findCustomField(METADATA, 'Twin')).toThrow(/ambiguous.*Twin_A__c, Twin_B__c/);
		const error = (() => {
			try {
				findCustomField([], 'X__c', { itemIndex: 2 });
			} catch (caught) {
				return caught as InputError;
			}
			return undefined;
		})();
		expect(error?.itemIndex).toBe(2);
		expect(error?.description).toMatch(/no custom fields/);
	});
});

describe('toCustomFieldValue', () => {
	it("joins multiselect lists with ; and uses the options' spelling", () => {
		expect(toCustomFieldValue(field('Interests__c'), ['music', 'Travel'])).toBe('Music;Travel');
		expect(toCustomFieldValue(field('Interests__c'), 'Music; sports')).toBe('Music;Sports');
		expect(toCustomFieldValue(field('Interests__c'), '["Sports","Music"]')).toBe('Sports;Music');
		expect(() => toCustomFieldValue(field('Interests__c'), 'Music;Cooking')).toThrow(
			/has no option "Cooking"/,
		);
	});
	it('checks dropdown values against the options', () => {
		expect(toCustomFieldValue(field('Tier__c'), 'gold')).toBe('Gold');
		expect(() => toCustomFieldValue(field('Tier__c'), 'Bronze')).toThrow(
			/Custom field "Tier" \(Tier__c\) has no option "Bronze"/,
		);
	});
	it('accepts any dropdown value when the options are not known', () => {
		expect(toCustomFieldValue({ FIELD_NAME: 'X__c', FIELD_TYPE: 'DROPDOWN' }, 'Anything')).toBe(
			'Anything',
		);
	});
	it('converts booleans', () => {
		expect(toCustomFieldValue(field('Vip__c'), 'true')).toBe(true);
		expect(toCustomFieldValue(field('Vip__c'), 'No')).toBe(false);
		expect(toCustomFieldValue(field('Vip__c'), false)).toBe(false);
		expect(() => toCustomFieldValue(field('Vip__c'), 'maybe')).toThrow(/expects true or false/);
	});
	it('converts numbers for numeric, currency and percent fields', () => {
		expect(toCustomFieldValue(field('Score__c'), '42')).toBe(42);
		expect(toCustomFieldValue(field('Budget__c'), ' 1500.50 ')).toBe(1500.5);
		expect(toCustomFieldValue(field('Share__c'), 12.5)).toBe(12.5);
		expect(() => toCustomFieldValue(field('Score__c'), '12 apples')).toThrow(/expects a number/);
	});
	it('formats dates (date-only keeps the day) and date-times in UTC', () => {
		expect(toCustomFieldValue(field('Renewal__c'), '2025-06-01T23:00:00-04:00')).toBe(
			'2025-06-01 00:00:00',
		);
		expect(toCustomFieldValue(field('Callback__c'), '2025-06-01T23:00:00-04:00')).toBe(
			'2025-06-02 03:00:00',
		);
		expect(
			toCustomFieldValue(field('Callback__c'), '2025-06-01T09:00:00', { zone: 'Europe/Berlin' }),
		).toBe('2025-06-01 07:00:00');
		expect(() => toCustomFieldValue(field('Renewal__c'), 'next week')).toThrow(
			/Renewal.*is not a valid date/,
		);
	});
	it('takes record IDs for lookups', () => {
		expect(toCustomFieldValue(field('Account__c'), '77')).toBe(77);
		expect(() => toCustomFieldValue(field('Account__c'), '77/Links')).toThrow(InputError);
	});
	it('keeps text as text and refuses objects', () => {
		expect(toCustomFieldValue(field('Hobby__c'), 'Chess')).toBe('Chess');
		expect(toCustomFieldValue(field('Hobby__c'), 7)).toBe('7');
		expect(() => toCustomFieldValue(field('Hobby__c'), { a: 1 })).toThrow(/expects text/);
	});
	it('turns empty values into null (clears the field)', () => {
		for (const name of ['Hobby__c', 'Interests__c', 'Vip__c', 'Score__c', 'Renewal__c']) {
			expect(toCustomFieldValue(field(name), '')).toBeNull();
			expect(toCustomFieldValue(field(name), null)).toBeNull();
		}
		expect(toCustomFieldValue(field('Interests__c'), [])).toBeNull();
	});
	it('refuses computed and non-editable fields', () => {
		expect(() => toCustomFieldValue(field('Number__c'), '5')).toThrow(/read-only/);
		expect(() => toCustomFieldValue(field('Locked__c'), 'x')).toThrow(/read-only/);
	});
	it('treats unknown field types as text', () => {
		expect(customFieldKind('URL')).toBe('text');
		expect(customFieldKind(undefined)).toBe('text');
		expect(customFieldKind('numeric')).toBe('number');
	});
});

describe('buildCustomFieldsBody', () => {
	it('builds CUSTOMFIELDS entries by API name', () => {
		expect(
			buildCustomFieldsBody(
				[
					{ fieldName: 'Interests', value: 'music;travel' },
					{ fieldName: 'Vip__c', value: 'yes' },
					{ fieldName: 'Hobby__c', value: '' },
				],
				METADATA,
			),
		).toEqual([
			{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Travel' },
			{ FIELD_NAME: 'Vip__c', FIELD_VALUE: true },
			{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: null },
		]);
	});
	it('rejects a field given twice (by name and by label)', () => {
		expect(() =>
			buildCustomFieldsBody(
				[
					{ fieldName: 'Hobby__c', value: 'a' },
					{ fieldName: 'Hobby', value: 'b' },
				],
				METADATA,
			),
		).toThrow(/Hobby__c is set more than once/);
	});
	it('rejects unknown fields', () => {
		expect(() =>
			buildCustomFieldsBody([{ fieldName: 'Ghost__c', value: 'a' }], METADATA, {
				objectLabel: 'Lead',
			}),
		).toThrow('Unknown custom field "Ghost__c" on Lead');
	});
});

describe('simplifyRecord', () => {
	const record = {
		CONTACT_ID: 5,
		FIRST_NAME: 'Ada',
		CUSTOMFIELDS: [
			{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Sports', CUSTOM_FIELD_ID: 'Interests__c' },
			{ FIELD_NAME: 'Vip__c', FIELD_VALUE: 'true' },
			{ FIELD_NAME: 'Score__c', FIELD_VALUE: '7' },
			{ FIELD_NAME: 'Hobby__c', FIELD_VALUE: 'Chess' },
			{ FIELD_NAME: 'Unknown__c', FIELD_VALUE: 'kept' },
		],
	};

	it('flattens CUSTOMFIELDS into customFields keyed by field name, typed by metadata', () => {
		expect(simplifyRecord(record, METADATA)).toEqual({
			CONTACT_ID: 5,
			FIRST_NAME: 'Ada',
			customFields: {
				Interests__c: ['Music', 'Sports'],
				Vip__c: true,
				Score__c: 7,
				Hobby__c: 'Chess',
				Unknown__c: 'kept',
			},
		});
	});
	it('keeps raw values without metadata and does not modify the input', () => {
		const copy = JSON.parse(JSON.stringify(record));
		expect(simplifyRecord(record).customFields).toEqual({
			Interests__c: 'Music;Sports',
			Vip__c: 'true',
			Score__c: '7',
			Hobby__c: 'Chess',
			Unknown__c: 'kept',
		});
		expect(record).toEqual(copy);
	});
	it('leaves records without CUSTOMFIELDS alone', () => {
		expect(simplifyRecord({ CONTACT_ID: 5 })).toEqual({ CONTACT_ID: 5 });
	});
	it('fromCustomFieldValue keeps values it cannot convert', () => {
		expect(fromCustomFieldValue(field('Score__c'), 'n/a')).toBe('n/a');
		expect(fromCustomFieldValue(field('Interests__c'), null)).toBeNull();
	});
});

describe('coerce helpers', () => {
	it.each([
		[true, true],
		['TRUE', true],
		['1', true],
		[1, true],
		['off', false],
		[0, false],
		['', undefined],
		[2, undefined],
		[{}, undefined],
	])('coerceBoolean(%p) = %p', (input, expected) => expect(coerceBoolean(input)).toBe(expected));
	it.each([
		[3, 3],
		['3.5', 3.5],
		[' -2 ', -2],
		['', undefined],
		['x', undefined],
		[Number.NaN, undefined],
		[null, undefined],
	])('coerceNumber(%p) = %p', (input, expected) => expect(coerceNumber(input)).toBe(expected));
	it('splitMultiselect handles lists, text and JSON arrays', () => {
		expect(splitMultiselect(['a', ' b ', ''])).toEqual(['a', 'b']);
		expect(splitMultiselect('a;;b ; c')).toEqual(['a', 'b', 'c']);
		expect(splitMultiselect('[not json')).toEqual(['[not json']);
		expect(splitMultiselect(null)).toEqual([]);
	});
});

describe('simplifyRecord: field names from the server are only names', () => {
	it('"__proto__" and "constructor" become plain keys; no prototype is changed', () => {
		const simplified = simplifyRecord({
			CONTACT_ID: 1,
			CUSTOMFIELDS: [
				{ FIELD_NAME: '__proto__', FIELD_VALUE: { polluted: true } },
				{ FIELD_NAME: 'constructor', FIELD_VALUE: 'x' },
			],
		});
		const customFields = simplified.customFields as Record<string, unknown>;
		expect(Object.getPrototypeOf(customFields)).toBeNull();
		expect(Object.keys(customFields)).toEqual(['__proto__', 'constructor']);
		expect(customFields.constructor).toBe('x');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect((customFields as { polluted?: unknown }).polluted).toBeUndefined();
	});
});
