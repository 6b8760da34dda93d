import {
	CREATED_TOLERANCE_MS,
	convertDates,
	dateMillis,
	eventOf,
	normaliseCustomFields,
	readEntity,
	recordIdOf,
} from '../../../nodes/Insightly/webhook/record';

describe('dateMillis / convertDates: Insightly dates to ISO 8601 UTC', () => {
	it.each([
		// Insightly's own example (knowledge article 1420): the instant is the milliseconds.
		['/Date(1489116850787-0800)/', '2017-03-10T03:34:10.787Z'],
		['/Date(1489132800000-0800)/', '2017-03-10T08:00:00.000Z'],
		['/Date(1489116850787+0530)/', '2017-03-10T03:34:10.787Z'],
		['/Date(1489116850787)/', '2017-03-10T03:34:10.787Z'],
		['/Date(0)/', '1970-01-01T00:00:00.000Z'],
		['/Date(-86400000+0000)/', '1969-12-31T00:00:00.000Z'],
		[' /Date(1489116850787-0800)/ ', '2017-03-10T03:34:10.787Z'],
		// The API's form (Fetch Full Record), UTC without a zone.
		['2025-04-22 19:34:12', '2025-04-22T19:34:12.000Z'],
	])('%s → %s', (input, iso) => {
		expect(convertDates(input)).toBe(iso);
		expect(dateMillis(input)).toBe(Date.parse(iso));
	});

	it.each([
		['Date(1489116850787)'],
		['/Date(abc)/'],
		['/Date(1489116850787-08)/'],
		['\\/Date(1489116850787)\\/ and more'],
		['2025-04-22'],
		['2025-04-22 19:34'],
		['12'],
		[''],
	])('leaves %p alone', (input) => {
		expect(convertDates(input)).toBe(input);
	});

	it('a date far outside what Date holds stays as it came', () => {
		expect(convertDates('/Date(999999999999999)/')).toBe('/Date(999999999999999)/');
	});

	it('converts at any depth and copies instead of changing the input', () => {
		const input = {
			A: '/Date(0)/',
			LINKS: [{ DATE: '/Date(1000)/', N: 1 }],
			NESTED: { X: { Y: '2025-01-01 00:00:00' } },
			NULL: null,
			FLAG: true,
		};
		expect(convertDates(input)).toEqual({
			A: '1970-01-01T00:00:00.000Z',
			LINKS: [{ DATE: '1970-01-01T00:00:01.000Z', N: 1 }],
			NESTED: { X: { Y: '2025-01-01T00:00:00.000Z' } },
			NULL: null,
			FLAG: true,
		});
		expect(input.A).toBe('/Date(0)/');
	});

	it('dateMillis reads ISO 8601 with a zone too, and nothing else', () => {
		expect(dateMillis('2025-03-10T12:00:00Z')).toBe(Date.parse('2025-03-10T12:00:00Z'));
		expect(dateMillis('2025-03-10T12:00:00+01:00')).toBe(Date.parse('2025-03-10T11:00:00Z'));
		expect(dateMillis('2025-03-10T12:00:00')).toBeUndefined();
		expect(dateMillis(1489116850787)).toBeUndefined();
		expect(dateMillis(null)).toBeUndefined();
	});
});

describe('readEntity', () => {
	it('takes the entity of a parsed body, of JSON text, or of the raw bytes', () => {
		const entity = { CONTACT_ID: 1 };
		expect(readEntity({ entity })).toEqual({ entity });
		expect(readEntity(JSON.stringify({ entity }))).toEqual({ entity });
		expect(readEntity(`\uFEFF${JSON.stringify({ entity })}`)).toEqual({ entity });
		expect(readEntity({}, Buffer.from(JSON.stringify({ entity })))).toEqual({ entity });
		expect(readEntity(undefined, JSON.stringify({ entity }))).toEqual({ entity });
	});

	it('keeps other top-level keys out of the record', () => {
		expect(readEntity({ entity: { A: 1 }, event: 'x' })).toEqual({ entity: { A: 1 } });
	});

	it.each([
		[undefined, undefined, 'The body is empty.'],
		['', '', 'The body is empty.'],
		[{}, undefined, 'The body has no "entity" object (Insightly sends {"entity": {...}}).'],
		['{', undefined, 'The body is not JSON.'],
		[{}, Buffer.from('nope'), 'The body is not JSON.'],
		[[{ entity: {} }], undefined, 'The body is not a JSON object with an "entity".'],
		[
			{ entity: null },
			undefined,
			'The body has no "entity" object (Insightly sends {"entity": {...}}).',
		],
		[
			{ entity: [1] },
			undefined,
			'The body has no "entity" object (Insightly sends {"entity": {...}}).',
		],
		[
			{ Entity: {} },
			undefined,
			'The body has no "entity" object (Insightly sends {"entity": {...}}).',
		],
		[42, undefined, 'The body is not a JSON object with an "entity".'],
	])('%p (raw %p) is refused', (body, raw, problem) => {
		expect(readEntity(body, raw)).toEqual({ problem });
	});
});

describe('recordIdOf', () => {
	it.each([
		[{ ID: 12 }, 12],
		[{ ID: '12' }, 12],
		[{ ID: ' 12 ' }, 12],
		[{ ID: 0 }, undefined],
		[{ ID: -1 }, undefined],
		[{ ID: 1.5 }, undefined],
		[{ ID: '1e3' }, undefined],
		[{ ID: '12/../1' }, undefined],
		[{ ID: 2 ** 60 }, undefined],
		[{}, undefined],
	])('%p → %p', (entity, id) => {
		expect(recordIdOf(entity, 'ID')).toBe(id);
	});
});

describe('eventOf: created when DATE_UPDATED_UTC is less than a second after DATE_CREATED_UTC', () => {
	const at = (ms: number) => `/Date(${ms}-0800)/`;
	const t = 1489116850787;
	it.each([
		[{ DATE_CREATED_UTC: at(t), DATE_UPDATED_UTC: at(t) }, 'created'],
		[{ DATE_CREATED_UTC: at(t), DATE_UPDATED_UTC: at(t + CREATED_TOLERANCE_MS - 1) }, 'created'],
		[{ DATE_CREATED_UTC: at(t), DATE_UPDATED_UTC: at(t + CREATED_TOLERANCE_MS) }, 'updated'],
		[{ DATE_CREATED_UTC: at(t), DATE_UPDATED_UTC: at(t + 86_400_000) }, 'updated'],
		// A clock skew between the two fields still reads as one save.
		[{ DATE_CREATED_UTC: at(t), DATE_UPDATED_UTC: at(t - 5) }, 'created'],
		[{ DATE_CREATED_UTC: at(t) }, 'created'],
		[{ DATE_CREATED_UTC: at(t), DATE_UPDATED_UTC: null }, 'created'],
		[{ DATE_UPDATED_UTC: at(t) }, 'updated'],
		[{}, 'updated'],
		[
			{ DATE_CREATED_UTC: '2025-01-01 00:00:00', DATE_UPDATED_UTC: '2025-01-01 00:00:00' },
			'created',
		],
		[
			{ DATE_CREATED_UTC: '2025-01-01 00:00:00', DATE_UPDATED_UTC: '2025-01-01 00:00:01' },
			'updated',
		],
	])('%p → %s', (entity, event) => {
		expect(eventOf(entity)).toBe(event);
	});
});

describe('normaliseCustomFields', () => {
	it('names CUSTOM_FIELD_ID entries FIELD_NAME and leaves the rest', () => {
		const record = {
			A: 1,
			CUSTOMFIELDS: [
				{ CUSTOM_FIELD_ID: 'Old__c', FIELD_VALUE: 1 },
				{ FIELD_NAME: 'New__c', FIELD_VALUE: 2 },
				null,
			],
		};
		expect(normaliseCustomFields(record)).toEqual({
			A: 1,
			CUSTOMFIELDS: [
				{ FIELD_NAME: 'Old__c', FIELD_VALUE: 1 },
				{ FIELD_NAME: 'New__c', FIELD_VALUE: 2 },
				null,
			],
		});
		expect(normaliseCustomFields({ A: 1 })).toEqual({ A: 1 });
	});
});
