import {
	classifySighting,
	pruneMemory,
	type SeenMemory,
} from '../../../nodes/Insightly/trigger/memory';

describe('trigger/memory', () => {
	const memory: SeenMemory = { '1': [100, 'aaaa'], '2': [105, 'bbbb'] };

	it('classifies sightings', () => {
		expect(classifySighting(memory, '3', 100, 'aaaa')).toBe('first');
		expect(classifySighting(memory, '1', 100, 'aaaa')).toBe('repeat');
		expect(classifySighting(memory, '1', 100, 'cccc')).toBe('changed'); // same second, other content
		expect(classifySighting(memory, '1', 101, 'aaaa')).toBe('changed');
		expect(classifySighting(memory, '2', 104, 'zzzz')).toBe('repeat'); // stale read
	});

	it('takes an unknown fingerprint (saved by version 1) at the same second for a re-read', () => {
		const legacy: SeenMemory = { '1': [100, ''] };
		expect(classifySighting(legacy, '1', 100, 'cccc')).toBe('repeat');
		expect(classifySighting(legacy, '1', 101, 'cccc')).toBe('changed');
	});

	it("takes an earlier timestamp for an edit, not a stale read, when the version remembered is dated beyond Insightly's clock", () => {
		const future: SeenMemory = { '1': [4_070_908_800, 'aaaa'] }; // 2099
		expect(classifySighting(future, '1', 200, 'bbbb', 300)).toBe('changed');
		expect(classifySighting(future, '1', 200, 'aaaa', 300)).toBe('repeat');
		expect(classifySighting(future, '1', 200, 'bbbb')).toBe('repeat'); // no clock: stale read
	});

	it('is not fooled by inherited property names', () => {
		expect(classifySighting(memory, 'constructor', 1, 'x')).toBe('first');
		expect(classifySighting(memory, '__proto__', 1, 'x')).toBe('first');
	});

	it('prunes entries at or below the floor without touching its input', () => {
		const result = pruneMemory(memory, 100, 10);
		expect(result).toEqual({ memory: { '2': [105, 'bbbb'] }, floor: 100 });
		expect(memory['1']).toEqual([100, 'aaaa']);
	});

	it('caps the size by dropping the oldest seconds and raises the floor to match', () => {
		const big: SeenMemory = {};
		for (let i = 0; i < 10; i++) big[String(i)] = [200 + Math.floor(i / 2), `h${i}`]; // two per second 200..204
		const result = pruneMemory(big, 150, 5);
		// keeping 5 would split second 202: the whole second goes, leaving 203 and 204
		expect(Object.keys(result.memory).sort()).toEqual(['6', '7', '8', '9']);
		expect(result.floor).toBe(202);
		expect(pruneMemory(big, 150, 6).floor).toBe(201);
		expect(Object.keys(pruneMemory(big, 150, 6).memory)).toHaveLength(6);
		expect(pruneMemory(big, 150, 10)).toEqual({ memory: big, floor: 150 });
	});
});
