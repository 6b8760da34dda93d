/**
 * The sandbox's virtual clock. It drives DATE_*_UTC and the daily quota window, so tests can move
 * time (to cross midnight UTC, to age records) without waiting. It runs with real time unless
 * frozen. The per-second limiter deliberately does not use it.
 *
 * A skew makes it Insightly's own clock, off from the world's: with `skewMs` = +5 min the server
 * stamps records (and would answer) 5 minutes ahead of the reference time that the start time
 * names and that a client such as n8n reads from its own clock (`reference()`).
 */
import { parseTimeOption } from './dates';

export class VirtualClock {
	private offsetMs = 0;
	private frozenAt: number | undefined;

	/**
	 * @param start the reference time to start at (the server reads `start + skewMs`); default now
	 * @param skewMs how far the server's clock runs ahead of the reference (negative: behind)
	 */
	constructor(
		start?: string | number,
		readonly skewMs = 0,
	) {
		if (start !== undefined) this.set(parseTimeOption(start) + skewMs);
		else if (skewMs) this.offsetMs = skewMs;
	}

	/** The server's time, skew included. */
	now(): number {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}

	/** The reference time (a client's correct clock): the server's time without its skew. */
	reference(): number {
		return this.now() - this.skewMs;
	}

	/** Sets the server's time (skew included): `now()` returns `time` afterwards. */
	set(time: string | number): void {
		const ms = parseTimeOption(time);
		if (this.frozenAt !== undefined) this.frozenAt = ms;
		else this.offsetMs = ms - Date.now();
	}

	advance(ms: number): void {
		if (this.frozenAt !== undefined) this.frozenAt += ms;
		else this.offsetMs += ms;
	}

	freeze(time?: string | number): void {
		this.frozenAt = time === undefined ? this.now() : parseTimeOption(time);
	}

	unfreeze(): void {
		if (this.frozenAt === undefined) return;
		this.offsetMs = this.frozenAt - Date.now();
		this.frozenAt = undefined;
	}

	isFrozen(): boolean {
		return this.frozenAt !== undefined;
	}
}
