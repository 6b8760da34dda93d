import {
	decodeIdSet,
	encodeIdSet,
	mergeIds,
	normaliseIds,
	rankOf,
} from '../../../nodes/Insightly/trigger/idSet';

describe('trigger/idSet', () => {
	it('encodes sorted base-36 deltas, a run of consecutive ids as one delta and its length', () => {
		expect(encodeIdSet([107, 100, 101, 102, 101])).toBe('2s+2,5');
		expect(encodeIdSet([1, 3, 5])).toBe('1,2,2');
		expect(encodeIdSet([])).toBe('');
		expect(decodeIdSet('2s+2,5')).toEqual([100, 101, 102, 107]);
		expect(decodeIdSet('')).toEqual([]);
	});

	it('reads sets written before runs existed', () => {
		expect(decodeIdSet('2s,1,1,5')).toEqual([100, 101, 102, 107]);
	});

	it('round-trips large and sparse sets compactly; 100,000 dense ids take a few characters', () => {
		const ids = Array.from({ length: 10000 }, (_, i) => 1_000_000_000 + i * 3 + (i % 7));
		const encoded = encodeIdSet(ids);
		expect(decodeIdSet(encoded)).toEqual(normaliseIds(ids));
		expect(encoded.length).toBeLessThan(ids.length * 2.5);
		const dense = Array.from({ length: 100_000 }, (_, i) => 1_000_001 + i);
		expect(encodeIdSet(dense)).toBe(`${(1_000_001).toString(36)}+${(99_999).toString(36)}`);
		// a deletion every 100 ids: two short tokens per gap
		const holed = dense.filter((id) => id % 100 !== 0);
		expect(encodeIdSet(holed).length).toBeLessThan(6_000);
		expect(decodeIdSet(encodeIdSet(holed))).toEqual(holed);
		expect(decodeIdSet(encodeIdSet([0, Number.MAX_SAFE_INTEGER]))).toEqual([
			0,
			Number.MAX_SAFE_INTEGER,
		]);
	});

	it('refuses ids that are not whole numbers, and corrupt stored sets', () => {
		expect(() => encodeIdSet([1, 2.5])).toThrow('Record id 2.5 is not a whole number');
		expect(() => encodeIdSet([Number.NaN])).toThrow();
		expect(() => encodeIdSet([-1])).toThrow();
		expect(() => decodeIdSet('1,,2')).toThrow('Stored id set is corrupt');
		expect(() => decodeIdSet('1,-2')).toThrow();
		expect(() => decodeIdSet('1,0')).toThrow(); // the same id twice
		expect(() => decodeIdSet('1+')).toThrow();
		expect(() => decodeIdSet('1+!')).toThrow();
	});

	it('finds ranks and merges sets in one pass', () => {
		expect(rankOf([2, 4, 8], 8)).toBe(2);
		expect(rankOf([2, 4, 8], 5)).toBe(-1);
		expect(mergeIds([1, 2, 3, 5], [4, 9, 2], new Set([3, 9]))).toEqual([1, 2, 4, 5]);
		expect(mergeIds([], [3, 1], new Set())).toEqual([1, 3]);
	});
});
