import { canonicalJson, fnv1a32, recordHash } from '../../../nodes/Insightly/trigger/hash';

describe('trigger/hash', () => {
	it('computes FNV-1a 32-bit reference values', () => {
		// Reference vectors of the FNV-1a 32-bit function.
		expect(fnv1a32('')).toBe('811c9dc5');
		expect(fnv1a32('a')).toBe('e40c292c');
		expect(fnv1a32('foobar')).toBe('bf9cf968');
	});

	it('writes canonical JSON with sorted keys at every level and arrays in order', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe(
			'{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
		);
		expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
		expect(canonicalJson(undefined)).toBe('null');
	});

	it('hashes records independently of key order, and sees any change of content', () => {
		const record = { CONTACT_ID: 1, FIRST_NAME: 'Ada', TAGS: [{ TAG_NAME: 'VIP' }] };
		expect(recordHash(record)).toBe(
			recordHash({ TAGS: [{ TAG_NAME: 'VIP' }], FIRST_NAME: 'Ada', CONTACT_ID: 1 }),
		);
		expect(recordHash(record)).not.toBe(recordHash({ ...record, FIRST_NAME: 'Ada ' }));
		expect(recordHash(record)).not.toBe(recordHash({ ...record, TAGS: [] }));
		expect(recordHash(record)).toMatch(/^[0-9a-f]{8}$/);
	});

	it('ignores the fields Insightly changes without an edit (activity dates, DATE_UPDATED_UTC)', () => {
		const record = {
			CONTACT_ID: 1,
			FIRST_NAME: 'Ada',
			DATE_UPDATED_UTC: '2025-03-10 09:00:00',
			LAST_ACTIVITY_DATE_UTC: '2025-03-01 10:00:00',
			NEXT_ACTIVITY_DATE_UTC: null,
		};
		expect(
			recordHash({
				...record,
				DATE_UPDATED_UTC: '2025-03-10 09:00:01',
				LAST_ACTIVITY_DATE_UTC: '2025-03-10 09:00:00',
				NEXT_ACTIVITY_DATE_UTC: '2025-03-12 10:00:00',
			}),
		).toBe(recordHash(record));
		const withoutActivity: Partial<typeof record> = { ...record };
		delete withoutActivity.LAST_ACTIVITY_DATE_UTC;
		expect(recordHash(withoutActivity)).toBe(recordHash(record));
		// a real edit is still seen, whatever moved with it
		expect(recordHash({ ...record, FIRST_NAME: 'Ada L.', LAST_ACTIVITY_DATE_UTC: null })).not.toBe(
			recordHash(record),
		);
	});

	it('is insensitive to the order of arrays (TAGS, LINKS, CUSTOMFIELDS, nested), not to their content', () => {
		const record = {
			CONTACT_ID: 1,
			TAGS: [{ TAG_NAME: 'VIP' }, { TAG_NAME: 'Partner' }],
			LINKS: [
				{ LINK_ID: 7, OBJECT_NAME: 'Contact', LINK_OBJECT_ID: 2 },
				{ LINK_ID: 8, OBJECT_NAME: 'Contact', LINK_OBJECT_ID: 3 },
			],
			CUSTOMFIELDS: [
				{ FIELD_NAME: 'Colour__c', FIELD_VALUE: ['red', 'blue'] },
				{ FIELD_NAME: 'Size__c', FIELD_VALUE: 3 },
			],
		};
		const reordered = {
			CUSTOMFIELDS: [
				{ FIELD_VALUE: 3, FIELD_NAME: 'Size__c' },
				{ FIELD_NAME: 'Colour__c', FIELD_VALUE: ['blue', 'red'] },
			],
			LINKS: [...record.LINKS].reverse(),
			TAGS: [...record.TAGS].reverse(),
			CONTACT_ID: 1,
		};
		expect(recordHash(reordered)).toBe(recordHash(record));
		expect(recordHash({ ...record, TAGS: [{ TAG_NAME: 'VIP' }] })).not.toBe(recordHash(record));
		expect(
			recordHash({ ...record, TAGS: [...record.TAGS, { TAG_NAME: 'VIP' }] }), // a duplicate counts
		).not.toBe(recordHash(record));
		expect(
			recordHash({
				...record,
				CUSTOMFIELDS: [record.CUSTOMFIELDS[0], { FIELD_NAME: 'Size__c', FIELD_VALUE: 4 }],
			}),
		).not.toBe(recordHash(record));
	});
});
