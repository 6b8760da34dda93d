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
});
