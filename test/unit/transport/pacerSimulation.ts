/**
 * A discrete-event simulation of n8n processes pacing one Insightly credential against one
 * per-second limit, on virtual time. Each process is a real AdaptivePacer (its own registry, as
 * in its own n8n process) running items one after another, as the node does: wait for its slot,
 * cross the network (seeded random latency, a share of it before Insightly counts the request),
 * meet the sandbox's own `Limits` (sliding or fixed second), and on a per-second 429 tell the
 * pacer and retry after the 1 s Retry-After the sandbox sends. No real time passes.
 */
import { clock } from '../../../nodes/Insightly/transport/clock';
import { AdaptivePacer, pacerSettings } from '../../../nodes/Insightly/transport/throttle';
import { Limits, type PerSecondWindow } from '../../../sandbox/limits';
import { Prng } from '../../../sandbox/prng';

export interface SimulationOptions {
	processes: number;
	/** Requests each process makes (successful ones; retries come on top). */
	requestsEach: number;
	window: PerSecondWindow;
	/** Round trip in ms, uniform in [min, max]. */
	latencyMs: [number, number];
	/** Share of the round trip before the limit counts the request. */
	beforeCount: number;
	/** CPU time of one item in n8n between an answer and the next request. */
	itemMs?: number;
	/** Process i starts at i x stagger ms. */
	staggerMs?: number;
	seed?: number;
}

export interface ProcessFigures {
	succeeded: number;
	rejected: number;
	/** Successful requests per second over the second half of the process's run. */
	lateRate: number;
	decreases: number;
}

export interface SimulationResult {
	processes: ProcessFigures[];
	/** All arrivals Insightly accepted per second, first to last. */
	acceptedPerSecond: number;
	/** Accepted per second while every process was running (from the last start to the first end). */
	acceptedPerSecondShared: number;
	rejected: number;
	/** Rejected / all arrivals. */
	rejectedShare: number;
	/** Jain's fairness index of the processes' late rates (1 = equal shares). */
	fairness: number;
}

class VirtualScheduler {
	now = 0;
	private seq = 0;
	private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];

	sleep(ms: number): Promise<void> {
		return new Promise((resolve) =>
			this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, resolve }),
		);
	}

	/** Fires timers in time order until none is left, letting each woken task run to its next sleep. */
	async run(): Promise<void> {
		while (this.timers.length) {
			let next = 0;
			for (let i = 1; i < this.timers.length; i++) {
				const a = this.timers[i];
				const b = this.timers[next];
				if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) next = i;
			}
			const [timer] = this.timers.splice(next, 1);
			this.now = timer.at;
			timer.resolve();
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
}

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
	const scheduler = new VirtualScheduler();
	const restore = [
		jest.spyOn(clock, 'now').mockImplementation(() => scheduler.now),
		jest.spyOn(clock, 'sleep').mockImplementation((ms: number) => scheduler.sleep(ms)),
	];
	try {
		const prng = new Prng(options.seed ?? 7);
		const limits = new Limits(1_000_000, false, 10, 'utcDay', options.window);
		const [min, max] = options.latencyMs;
		const accepted: number[] = [];
		let rejected = 0;
		const starts: number[] = [];
		const ends: number[] = [];

		const runProcess = async (index: number): Promise<ProcessFigures> => {
			await scheduler.sleep(index * (options.staggerMs ?? 0));
			starts.push(scheduler.now);
			const pacer = new AdaptivePacer(pacerSettings(10));
			const doneAt: number[] = [];
			let refused = 0;
			for (let i = 0; i < options.requestsEach; i++) {
				for (;;) {
					const ticket = await pacer.acquire();
					const roundTrip = min + prng.next() * (max - min);
					await scheduler.sleep(roundTrip * options.beforeCount);
					const verdict = limits.admit(0, scheduler.now);
					if (verdict === 'ok') accepted.push(scheduler.now);
					await scheduler.sleep(roundTrip * (1 - options.beforeCount));
					pacer.answered(ticket);
					if (verdict === 'ok') break;
					refused++;
					rejected++;
					pacer.backOff(ticket);
					await scheduler.sleep(1000);
				}
				doneAt.push(scheduler.now);
				if (options.itemMs) await scheduler.sleep(options.itemMs);
			}
			ends.push(scheduler.now);
			const half = Math.floor(doneAt.length / 2);
			const span = (doneAt[doneAt.length - 1] - doneAt[half]) / 1000;
			return {
				succeeded: doneAt.length,
				rejected: refused,
				lateRate: span > 0 ? (doneAt.length - 1 - half) / span : NaN,
				decreases: pacer.decreaseCount,
			};
		};

		const runs = Array.from({ length: options.processes }, (_, i) => runProcess(i));
		await scheduler.run();
		const processes = await Promise.all(runs);
		const rate = (times: number[]) =>
			times.length > 1 ? (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000) : NaN;
		const sharedFrom = Math.max(...starts);
		const sharedTo = Math.min(...ends);
		const rates = processes.map((p) => p.lateRate);
		const sum = rates.reduce((a, b) => a + b, 0);
		return {
			processes,
			acceptedPerSecond: rate(accepted),
			acceptedPerSecondShared: rate(accepted.filter((t) => t >= sharedFrom && t <= sharedTo)),
			rejected,
			rejectedShare: rejected / (accepted.length + rejected),
			fairness: (sum * sum) / (rates.length * rates.reduce((a, b) => a + b * b, 0)),
		};
	} finally {
		for (const spy of restore) spy.mockRestore();
	}
}
