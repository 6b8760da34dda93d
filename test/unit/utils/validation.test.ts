import {
	InputError,
	isEmptyValue,
	parseCustomObjectName,
	parseApiPath,
	parseJson,
	parseRecordId,
	requireNonEmpty,
} from '../../../nodes/Insightly/utils/validation';

function errorOf(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('expected an InputError');
}

describe('parseRecordId', () => {
	it.each([
		['12', 12],
		[' 12 ', 12],
		[12, 12],
		['9007199254740991', Number.MAX_SAFE_INTEGER],
	])('accepts %p', (input, expected) => {
		expect(parseRecordId(input, 'Contact ID')).toBe(expected);
	});

	it.each(['0', '-1', '1.5', '1e3', '+4', '0x10', 'abc', '12abc', '9007199254740993', ' '])(
		'rejects %p',
		(input) => {
			expect(() => parseRecordId(input, 'Contact ID')).toThrow(InputError);
		},
	);

	it.each([0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, {}])(
		'rejects non-string %p',
		(input) => {
			expect(() => parseRecordId(input, 'Contact ID')).toThrow(
				/Contact ID must be a positive whole number/,
			);
		},
	);

	it.each(['12/Tags', '12?top=1', '12#x', '..', '../Users', '12\\3', '12%2F3'])(
		'rejects path-like %p with a path-specific message',
		(input) => {
			const error = errorOf(() => parseRecordId(input, 'Contact ID', 4));
			expect(error.message).toMatch(/Contact ID must be a plain number, not a path or URL/);
			expect(error.message).toContain(`(got "${input}")`);
			expect(error.itemIndex).toBe(4);
			expect(error.field).toBe('Contact ID');
		},
	);

	it('says when the ID is empty', () => {
		expect(errorOf(() => parseRecordId('', 'Task ID')).message).toMatch(/Task ID is empty/);
	});
});

describe('parseCustomObjectName', () => {
	it('accepts API names ending in __c', () => {
		expect(parseCustomObjectName(' Fruit__c ', 'Custom Object')).toBe('Fruit__c');
		expect(parseCustomObjectName('My_Object_2__c', 'Custom Object')).toBe('My_Object_2__c');
	});
	it.each(['Fruit', 'Fruit__c/1', '../Fruit__c', '__c', 'Contacts', 3])('rejects %p', (input) => {
		expect(() => parseCustomObjectName(input, 'Custom Object')).toThrow(
			/Custom Object must be a custom object API name/,
		);
	});
});

describe('parseJson', () => {
	it('parses JSON text and passes parsed values through', () => {
		expect(parseJson('{"a":[1,2]}', 'Body')).toEqual({ a: [1, 2] });
		const value = { a: 1 };
		expect(parseJson(value, 'Body')).toBe(value);
	});
	it('names the field and the parse problem', () => {
		const error = errorOf(() => parseJson('{"a":', 'Body JSON', 2));
		expect(error.message).toMatch(/^Body JSON is not valid JSON: /);
		expect(error.itemIndex).toBe(2);
	});
	it.each(['', '   ', undefined, null])('rejects empty %p', (input) => {
		expect(() => parseJson(input, 'Body JSON')).toThrow(/Body JSON is empty/);
	});
});

describe('requireNonEmpty / isEmptyValue', () => {
	it.each([undefined, null, '', '  ', []])('%p is empty', (value) => {
		expect(isEmptyValue(value)).toBe(true);
		expect(() => requireNonEmpty(value, 'Match Value', 1)).toThrow(
			'Match Value is required but empty',
		);
	});
	it.each([0, false, 'x', ['a'], {}])('%p is a value', (value) => {
		expect(isEmptyValue(value)).toBe(false);
		expect(requireNonEmpty(value, 'Match Value')).toBe(value);
	});
});

describe('parseApiPath (Custom API Call)', () => {
	it('accepts API paths, with or without the leading slash or /v3.1', () => {
		expect(parseApiPath('/Contacts/Search', 'Path')).toBe('/Contacts/Search');
		expect(parseApiPath('Opportunities/12/StateHistory', 'Path')).toBe(
			'/Opportunities/12/StateHistory',
		);
		expect(parseApiPath('/v3.1/Users/Me', 'Path')).toBe('/Users/Me');
	});
});
