/**
 * Deleted Record, the pure part: what pages of an id listing prove about the ids known at the
 * previous poll, and which page to read next. No I/O; `deletions.ts` reads the pages.
 *
 * Insightly lists a type's records in ascending id order and gives new records ids above every
 * existing one (docs/live-api.md, Pagination). So, with `known` the ids live at the previous poll
 * (sorted) and `high` the greatest id ever taken in (every live id up to `high` is in `known`):
 * - the live ids up to `high` fill the first positions of the list, the new ones (above `high`)
 *   follow them;
 * - an id of `known` seen at position p tells how many known ids before it are gone:
 *   its rank in `known` minus p. Between two such anchors, the difference of the two counts is
 *   the number of deletions in between, so the pages with a deletion are found by bisection,
 *   about log2(pages) reads each, and the pages between anchors that agree are never read.
 *
 * Only what one response shows is reported: a known id is deleted when a single page lists its
 * neighbours on both sides without it (or the page starts the list, or the list ends, or a new
 * id follows). Counts and anchors taken from different requests only choose the next page: a
 * record deleted or created while the poll reads can make them wrong, which costs requests or
 * leaves a deletion to the next poll, never a live record reported as deleted.
 */

/** One page of the listing, as read. */
export interface PageView {
	/** Position of its first id in the list (the request's `skip`). */
	skip: number;
	/** Its ids, in the order listed. */
	ids: number[];
	/** Nothing follows the page: it was short, or it reached the X-Total-Count of its response. */
	end: boolean;
}

/** A known id seen at a position of the list: rank in `known`, position in the list. */
interface Anchor {
	rank: number;
	position: number;
}

const UNKNOWN = 0;
const LIVE = 1;
const DELETED = 2;

export class DeletionScan {
	/** Per rank of `known`: not seen, seen live, or proven deleted by one page. */
	private readonly status: Uint8Array;
	/** Position where each seen known id was last seen, by rank. */
	private readonly anchors = new Map<number, number>();
	/** Ids above `high` seen (created since the previous poll). */
	readonly fresh = new Set<number>();
	/** Ids up to `high` that are live but were not known (a restored record, a missed id). */
	readonly adopted = new Set<number>();
	/** The list was not in ascending order on some page. */
	disordered = false;
	/** A page contradicted another (a live id seen as deleted): stop guessing, trust pages only. */
	conflicting = false;
	/** Position of the first id above `high` (or of the list's end), when a page showed it. */
	private boundary?: number;

	constructor(
		readonly known: number[],
		readonly high: number,
	) {
		this.status = new Uint8Array(known.length);
	}

	/** Index of `id` in `known`, or -1. */
	private rank(id: number): number {
		const known = this.known;
		let lo = 0;
		let hi = known.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (known[mid] === id) return mid;
			if (known[mid] < id) lo = mid + 1;
			else hi = mid - 1;
		}
		return -1;
	}

	/** Known ids of ranks strictly between `from` and `to` are absent from one page: deleted. */
	private markDeleted(from: number, to: number): void {
		for (let rank = from + 1; rank < to; rank++) {
			if (this.status[rank] === LIVE) this.conflicting = true;
			else this.status[rank] = DELETED;
		}
	}

	/** Takes in what one page shows. */
	observe(page: PageView): void {
		// Rank of the previous known id on this page; -1 before the list's first id.
		let previous: number | undefined = page.skip === 0 ? -1 : undefined;
		let last = -Infinity;
		let freshSeen = false;
		page.ids.forEach((id, index) => {
			if (id <= last) this.disordered = true;
			last = id;
			const position = page.skip + index;
			if (id > this.high) {
				this.fresh.add(id);
				if (!freshSeen) {
					freshSeen = true;
					// Every known id after the previous one on this page is gone.
					if (previous !== undefined) {
						this.markDeleted(previous, this.known.length);
						this.boundary = position;
					}
				}
				return;
			}
			// A known (or older) id after a new one: the order is not what the scan relies on.
			if (freshSeen) this.disordered = true;
			const rank = this.rank(id);
			if (rank < 0) {
				this.adopted.add(id);
				return;
			}
			if (this.status[rank] === DELETED) this.conflicting = true;
			this.status[rank] = LIVE;
			this.anchors.set(rank, position);
			if (previous !== undefined) this.markDeleted(previous, rank);
			previous = rank;
		});
		if (page.end && !freshSeen && previous !== undefined) {
			this.markDeleted(previous, this.known.length);
			this.boundary = page.skip + page.ids.length;
		}
	}

	/** Whether a page has shown where the known ids end (the first new id, or the list's end). */
	get boundaryKnown(): boolean {
		return this.boundary !== undefined;
	}

	/** Known ids still live by the latest count: those up to `high` occupy positions 0…this-1. */
	get liveKnown(): number | undefined {
		return this.boundary;
	}

	/** Deletions the counts announce that no page has shown yet (0 when unknown). */
	missing(): number {
		if (this.boundary === undefined) return 0;
		let proven = 0;
		for (const value of this.status) if (value === DELETED) proven++;
		return Math.max(0, this.known.length - this.boundary - proven);
	}

	/** Ids proven deleted, ascending. */
	deleted(): number[] {
		const out: number[] = [];
		this.status.forEach((value, rank) => {
			if (value === DELETED) out.push(this.known[rank]);
		});
		return out;
	}

	/** Anchors in rank order, framed by the list's start and its boundary. */
	private frame(): Anchor[] {
		const inner = [...this.anchors.entries()]
			.map(([rank, position]) => ({ rank, position }))
			.sort((a, b) => a.rank - b.rank);
		return [
			{ rank: -1, position: -1 },
			...inner,
			{ rank: this.known.length, position: this.boundary as number },
		];
	}

	/**
	 * The `skip` of the page to read next, or undefined when the counts say every deletion has
	 * been found (or the pages disagree, and guessing would only spend requests).
	 */
	nextSkip(pageSize: number): number | undefined {
		if (this.boundary === undefined || this.disordered || this.conflicting) return undefined;
		if (this.adopted.size) return undefined;
		const anchors = this.frame();
		for (let i = 1; i < anchors.length; i++) {
			const a = anchors[i - 1];
			const b = anchors[i];
			const between = b.position - a.position - 1;
			// More positions than known ids between two anchors: read at different times.
			if (between < 0 || between > b.rank - a.rank - 1) return undefined;
			const gone = b.rank - a.rank - 1 - between;
			if (gone === 0) continue;
			let proven = 0;
			let unseen = 0;
			for (let rank = a.rank + 1; rank < b.rank; rank++) {
				if (this.status[rank] === DELETED) proven++;
				else if (this.status[rank] === UNKNOWN) unseen++;
			}
			if (proven >= gone || unseen === 0) continue;
			// The page from anchor a (the list's start for the first gap) to anchor b.
			const start = Math.max(0, a.position);
			if (b.position - start < pageSize) return start;
			// Many deletions per page of the gap: reading it in order is cheaper than bisecting.
			const pages = Math.ceil(between / pageSize);
			const missing = gone - proven;
			if (missing * Math.log2(pages) >= pages) return start;
			return Math.max(start, a.position + 1 + Math.floor(between / 2) - Math.floor(pageSize / 2));
		}
		return undefined;
	}
}
