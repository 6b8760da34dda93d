/**
 * The sandbox's virtual clock. It drives DATE_*_UTC and the daily quota window, so tests can move
 * time (to cross midnight UTC, to age records) without waiting. It runs with real time unless
 * frozen. The per-second limiter deliberately does not use it.
 */
import { parseTimeOption } from './dates';

export class VirtualClock {
	private offsetMs = 0;
	private frozenAt: number | undefined;

	constructor(start?: string | number) {
		if (start !== undefined) this.set(start);
	}

	now(): number {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}

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
