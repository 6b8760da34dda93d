/**
 * Network latency the sandbox plays on every API request: a round trip drawn uniformly from
 * `[minMs, maxMs]` per request (seeded, so a run repeats), of which `beforeCountShare` passes
 * before the request reaches the limits (the request on its way in: it moves when the
 * per-second limit counts it) and the rest before the answer leaves (the answer on its way out).
 * Localhost has no network to speak of; this gives the node's pacing the jitter a real one has.
 */
import { Prng } from './prng';

export interface LatencySettings {
	/** Round trip added to each API request, drawn uniformly in [min, max] ms. */
	latencyMs: [number, number] | false;
	/** Share of it spent before the limits count the request (0 to 1, default 0.5). */
	latencyBeforeCount: number;
}

export interface LatencyDraw {
	beforeCountMs: number;
	beforeAnswerMs: number;
}

export class NetworkLatency {
	private readonly prng: Prng;

	constructor(
		private settings: LatencySettings,
		seed: number,
	) {
		this.prng = new Prng(seed ^ 0x5eed1a7e);
		this.set(settings);
	}

	set(o: Partial<LatencySettings>): void {
		const next = { ...this.settings, ...o };
		if (next.latencyMs !== false) {
			const [min, max] = next.latencyMs;
			if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min))
				throw new Error('latencyMs must be [min, max] with 0 <= min <= max, or false');
		}
		if (!(next.latencyBeforeCount >= 0 && next.latencyBeforeCount <= 1))
			throw new Error('latencyBeforeCount must be between 0 and 1');
		this.settings = next;
	}

	get current(): LatencySettings {
		return { ...this.settings };
	}

	/** The two delays of one request (both 0 when latency is off). */
	draw(): LatencyDraw {
		if (this.settings.latencyMs === false) return { beforeCountMs: 0, beforeAnswerMs: 0 };
		const [min, max] = this.settings.latencyMs;
		const total = min + this.prng.next() * (max - min);
		const beforeCountMs = Math.round(total * this.settings.latencyBeforeCount);
		return { beforeCountMs, beforeAnswerMs: Math.round(total) - beforeCountMs };
	}
}
