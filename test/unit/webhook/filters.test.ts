import {
	conditionHolds,
	failedCondition,
	fieldValue,
} from '../../../nodes/Insightly/webhook/filters';

const record = {
	CITY: 'London',
	OWNER_USER_ID: 1001,
	EMPTY: '',
	NOTHING: null,
	LIST: ['Music', 'Sports'],
	OBJ: { A: 1 },
	CUSTOMFIELDS: [{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Gold' }],
	customFields: { Interests__c: 'Music;Sports' },
};

describe('field filters', () => {
	it('find standard fields, custom fields raw or simplified, and names in another case', () => {
		expect(fieldValue(record, 'CITY')).toBe('London');
		expect(fieldValue(record, ' city ')).toBe('London');
		expect(fieldValue(record, 'Tier__c')).toBe('Gold');
		expect(fieldValue(record, 'Interests__c')).toBe('Music;Sports');
		expect(fieldValue(record, 'MISSING')).toBeUndefined();
	});

	it.each([
		['CITY', 'LONDON', true],
		['CITY', ' london ', true],
		['CITY', 'Lon', false],
		['OWNER_USER_ID', '1001', true],
		['EMPTY', '', true],
		['NOTHING', '', true],
		['MISSING', '', true],
		['MISSING', 'x', false],
		['CITY', '', false],
		['LIST', 'sports', true],
		['LIST', 'Travel', false],
		['Interests__c', 'music', true],
		['Interests__c', 'Music;Sports', true],
		['OBJ', '[object Object]', false],
	])('%s = %p: %p', (field, value, holds) => {
		expect(conditionHolds(record, { field, value })).toBe(holds);
	});

	it('all conditions must hold; a condition without a field is skipped', () => {
		const ok = { field: 'CITY', value: 'London' };
		const bad = { field: 'Tier__c', value: 'Silver' };
		expect(failedCondition(record, [ok, { field: ' ', value: 'x' }])).toBeUndefined();
		expect(failedCondition(record, [ok, bad])).toBe(bad);
		expect(failedCondition(record, [])).toBeUndefined();
	});
});
