import { clock } from './clock';

/**
 * A token bucket per credential, shared by every node and trigger running in the same n8n process:
 * one pace for all of them.
 *
 * `acquire()` reserves a slot and waits until it is due, so concurrent callers queue in order
 * instead of all waking at once. n8n gives community nodes no shared store across processes
 * (queue-mode workers each have their own bucket); the request layer's 429 handling covers that.
 */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly burst: number,
	) {
		this.tokens = burst;
		this.updatedAt = clock.now();
	}

	/** Milliseconds the caller must wait before sending; the slot is reserved on return. */
	reserve(): number {
		const now = clock.now();
		const elapsed = Math.max(0, now - this.updatedAt);
		this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
		this.updatedAt = now;
		this.tokens -= 1;
		// (The epsilon keeps float noise such as 110.00000000000001 from adding a millisecond.)
		return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond - 1e-9);
	}

	async acquire(): Promise<void> {
		const wait = this.reserve();
		if (wait > 0) await clock.sleep(wait);
	}

	get rate(): number {
		return this.ratePerSecond;
	}
}

const buckets = new Map<string, TokenBucket>();

/**
 * Requests leave at most `rate` per 1.1 seconds. Insightly counts arrivals, and requests sent
 * exactly 1/rate apart arrive with network and event-loop jitter: measured against the sandbox,
 * spacing of 100 ms put 11 arrivals into one second, drew 429s (about 8% of a bulk create) and
 * their 1-second waits. A tenth of headroom removes them and nets more throughput.
 */
const JITTER_HEADROOM = 1.1;

/** The bucket of one credential; re-created when its configured rate changes. */
export function bucketFor(credentialKey: string, ratePerSecond: number): TokenBucket {
	const existing = buckets.get(credentialKey);
	const pacedRate = ratePerSecond / JITTER_HEADROOM;
	if (existing && existing.rate === pacedRate) return existing;
	// Burst of 1: requests are evenly spaced, which keeps any 1-second window under the limit
	// whatever window Insightly counts in.
	const bucket = new TokenBucket(pacedRate, 1);
	buckets.set(credentialKey, bucket);
	return bucket;
}
