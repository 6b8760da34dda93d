/**
 * Virtual time for the in-process jobs: the request layer's clock (transport/clock.ts) reads
 * the sandbox's frozen clock, and its waits (throttle, backoff) move that clock instead of
 * sleeping. A simulated day of polls then takes seconds; the throttle still spaces requests
 * 100 ms apart in virtual time, so the per-request arithmetic is the real one.
 */
import { clock } from '../../nodes/Insightly/transport/clock';
import type { Sandbox } from '../../sandbox';

export function useVirtualTime(sandbox: Sandbox): () => void {
	const original = { ...clock };
	sandbox.clock.freeze();
	clock.now = () => sandbox.clock.now();
	clock.sleep = async (ms: number) => sandbox.clock.advance(ms);
	return () => {
		Object.assign(clock, original);
		sandbox.clock.unfreeze();
	};
}
