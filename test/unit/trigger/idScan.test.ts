import { DeletionScan } from '../../../nodes/Insightly/trigger/idScan';

/** The live list as pages of `size` at `skip` would show it. */
const pageOf = (list: number[], skip: number, size: number) => ({
	skip,
	ids: list.slice(skip, skip + size),
	end: skip + size >= list.length,
});

/** Runs the scan to its end against `list`, as deletions.ts does; returns pages read. */
function search(scan: DeletionScan, list: number[], size: number, limit = 100): number {
	let reads = 0;
	for (let skip = scan.nextSkip(size); skip !== undefined; skip = scan.nextSkip(size)) {
		scan.observe(pageOf(list, skip, size));
		if (++reads > limit) throw new Error('no end');
	}
	return reads;
}

describe('trigger/idScan', () => {
	const known = Array.from({ length: 100 }, (_, i) => 1000 + i * 2);

	it('a page proves deletions between neighbours it lists, at the start of the list and after the last known id', () => {
		const scan = new DeletionScan(known, known[99]);
		scan.observe({ skip: 0, ids: [1002, 1004, 1008, 5000], end: true });
		// 1000 (before the first id of the list), 1006 (between), everything after 1008
		expect(scan.deleted()).toEqual([1000, 1006, ...known.slice(5)]);
		expect([...scan.fresh]).toEqual([5000]);
	});

	it('a page in the middle proves nothing about ids before its first or after its last', () => {
		const scan = new DeletionScan(known, known[99]);
		scan.observe({ skip: 10, ids: [1024, 1028], end: false });
		expect(scan.deleted()).toEqual([1026]);
		expect(scan.boundaryKnown).toBe(false);
		expect(scan.nextSkip(10)).toBeUndefined(); // no end seen: nothing to bisect against
	});

	it('finds scattered deletions by bisection, reading far fewer pages than the list has', () => {
		const big = Array.from({ length: 50_000 }, (_, i) => 7 + i * 3);
		const gone = new Set([big[17], big[20_000], big[20_001], big[49_999]]);
		const list = big.filter((id) => !gone.has(id)).concat([200_000, 200_001]);
		const scan = new DeletionScan(big, big[big.length - 1]);
		scan.observe(pageOf(list, big.length - 100, 500));
		const reads = search(scan, list, 500);
		expect(scan.deleted()).toEqual([...gone].sort((a, b) => a - b));
		expect(scan.missing()).toBe(0);
		expect(reads).toBeLessThanOrEqual(4 * 8);
	});

	it('many deletions: reads the pages in order instead, never more than the list has', () => {
		const big = Array.from({ length: 5000 }, (_, i) => i + 1);
		const gone = new Set(big.filter((id) => id % 50 === 0));
		const list = big.filter((id) => !gone.has(id));
		const scan = new DeletionScan(big, 5000);
		scan.observe(pageOf(list, list.length - 500, 500)); // the last page, as read from the end
		const reads = search(scan, list, 500);
		expect(scan.deleted()).toEqual([...gone]);
		expect(reads).toBeLessThanOrEqual(10);
	});

	it('an id it did not know, a page out of order, or a live id seen deleted stop the search', () => {
		const adopted = new DeletionScan([1, 2, 3], 3);
		adopted.observe({ skip: 0, ids: [1, 2, 3, 4], end: true });
		expect(adopted.deleted()).toEqual([]);
		const unknown = new DeletionScan([1, 3, 5, 7], 7);
		unknown.observe({ skip: 0, ids: [1, 2, 3, 7], end: true });
		expect([...unknown.adopted]).toEqual([2]);
		expect(unknown.deleted()).toEqual([5]); // still proven by the page
		expect(unknown.nextSkip(2)).toBeUndefined();
		const disordered = new DeletionScan([1, 3, 5], 5);
		disordered.observe({ skip: 0, ids: [1, 9, 3], end: true });
		expect(disordered.disordered).toBe(true);
		const conflict = new DeletionScan([1, 3, 5], 5);
		conflict.observe({ skip: 0, ids: [1, 5], end: true });
		conflict.observe({ skip: 1, ids: [3], end: false });
		expect(conflict.conflicting).toBe(true);
		expect(conflict.deleted()).toEqual([]); // seen live wins
	});
});
