import { clock } from './clock';

/**
 * A token bucket per credential, shared by every node and trigger of this process.
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
		return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
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

/** The bucket of one credential; re-created when its configured rate changes. */
export function bucketFor(credentialKey: string, ratePerSecond: number): TokenBucket {
	const existing = buckets.get(credentialKey);
	if (existing && existing.rate === ratePerSecond) return existing;
	// Burst of 1: requests are evenly spaced, which keeps any 1-second window at or under the
	// limit whatever window Insightly counts in.
	const bucket = new TokenBucket(ratePerSecond, 1);
	buckets.set(credentialKey, bucket);
	return bucket;
}
