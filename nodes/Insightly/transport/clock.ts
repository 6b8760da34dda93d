import { sleep } from 'n8n-workflow';

/**
 * The single source of time, waiting and jitter for shipped code. Tests replace its members
 * (`jest.spyOn(clock, 'now')`) to follow the sandbox's virtual clock or to make waits instant.
 */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
	random: (): number => Math.random(),
};
