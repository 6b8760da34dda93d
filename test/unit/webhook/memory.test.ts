import {
	MAX_REMEMBERED,
	memoryOf,
	seenBefore,
	versionKey,
} from '../../../nodes/Insightly/webhook/memory';

const MINUTE = 60_000;

describe('the duplicate memory', () => {
	it('remembers a version for the window, then forgets it', () => {
		const memory = memoryOf({});
		const key = versionKey(12, '1489116850787');
		expect(seenBefore(memory, key, 0, 10 * MINUTE)).toBe(false);
		expect(seenBefore(memory, key, 10 * MINUTE - 1, 10 * MINUTE)).toBe(true);
		// The window counts from the first delivery, not the last.
		expect(seenBefore(memory, key, 10 * MINUTE, 10 * MINUTE)).toBe(false);
	});

	it('tells versions and records apart', () => {
		const memory = memoryOf({});
		expect(seenBefore(memory, versionKey(1, 'a'), 0, MINUTE)).toBe(false);
		expect(seenBefore(memory, versionKey(1, 'b'), 0, MINUTE)).toBe(false);
		expect(seenBefore(memory, versionKey(2, 'a'), 0, MINUTE)).toBe(false);
		expect(Object.keys(memory)).toHaveLength(3);
	});

	it(`keeps at most ${MAX_REMEMBERED} versions, forgetting the oldest first`, () => {
		const memory = memoryOf({});
		for (let i = 0; i < MAX_REMEMBERED + 50; i++)
			seenBefore(memory, versionKey(i + 1, 'v'), i, 1e9);
		expect(Object.keys(memory)).toHaveLength(MAX_REMEMBERED);
		expect(seenBefore(memory, versionKey(1, 'v'), MAX_REMEMBERED + 50, 1e9)).toBe(false);
		expect(seenBefore(memory, versionKey(MAX_REMEMBERED + 50, 'v'), MAX_REMEMBERED + 51, 1e9)).toBe(
			true,
		);
	});

	it('drops entries that cannot be right (not numbers, from the far future)', () => {
		const staticData = { seen: { 'x@1': 'bad', 'y@1': 5e12, 'z@1': 10 } };
		const memory = memoryOf(staticData);
		seenBefore(memory, 'new@1', 20, MINUTE);
		expect(Object.keys(memory).sort()).toEqual(['new@1', 'z@1']);
	});

	it('lives in static data under one key, made when missing or broken', () => {
		const staticData: Record<string, unknown> = { seen: [1, 2] };
		const memory = memoryOf(staticData as never);
		seenBefore(memory, 'a@1', 0, MINUTE);
		expect(staticData.seen).toEqual({ 'a@1': 0 });
	});
});
