import {
	decodeIdSet,
	detectDeletions,
	encodeIdSet,
	missingIds,
	normaliseIds,
} from '../../../nodes/Insightly/trigger/idSet';

describe('trigger/idSet', () => {
	it('encodes sorted base-36 deltas', () => {
		expect(encodeIdSet([107, 100, 101, 102, 101])).toBe('2s,1,1,5');
		expect(encodeIdSet([])).toBe('');
		expect(decodeIdSet('2s,1,1,5')).toEqual([100, 101, 102, 107]);
		expect(decodeIdSet('')).toEqual([]);
	});

	it('round-trips large and sparse sets compactly', () => {
		const ids = Array.from({ length: 10000 }, (_, i) => 1_000_000_000 + i * 3 + (i % 7));
		const encoded = encodeIdSet(ids);
		expect(decodeIdSet(encoded)).toEqual(normaliseIds(ids));
		expect(encoded.length).toBeLessThan(ids.length * 2.5);
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
	});

	it('finds missing ids in one pass', () => {
		expect(missingIds([1, 2, 3, 5, 8], [2, 3, 4, 8, 9])).toEqual([1, 5]);
		expect(missingIds([1, 2], [])).toEqual([1, 2]);
		expect(missingIds([], [1])).toEqual([]);
	});

	it('reports absences from a single-page listing at once', () => {
		expect(detectDeletions([1, 2, 3], [], [1, 3, 4], true)).toEqual({ deleted: [2], pending: [] });
	});

	it('confirms absences from a multi-page listing at the next poll, and forgets ids that come back', () => {
		const first = detectDeletions([1, 2, 3, 4], [], [1, 3], false);
		expect(first).toEqual({ deleted: [], pending: [2, 4] });
		// 4 was only hidden by a page shift; 2 is really gone; 3 goes missing now
		const second = detectDeletions([1, 3], first.pending, [1, 4], false);
		expect(second).toEqual({ deleted: [2], pending: [3] });
		const third = detectDeletions([1, 4], second.pending, [1, 4], true);
		expect(third).toEqual({ deleted: [3], pending: [] });
	});
});
