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
