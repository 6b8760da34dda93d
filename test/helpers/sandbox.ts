// One Insightly sandbox per test file, with the jest hooks every sandbox-backed file needs:
// started before the file's first test, stopped after its last, and reset (or its request log
// cleared) before each test. See test/helpers/README.md.
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export interface UseSandboxOptions extends SandboxOptions {
	/**
	 * Before each test: `'reset'` (the default) wipes and reseeds the sandbox from the start
	 * options (records, clock, limits, faults, request log); `'clearLog'` keeps what earlier tests
	 * left and only empties the request log; `false` does neither.
	 */
	beforeEach?: 'reset' | 'clearLog' | false;
	/** Freeze the sandbox's virtual clock before each test (after the reset). */
	freezeClock?: boolean;
}

/**
 * Registers `beforeAll` (start), `afterAll` (stop) and `beforeEach` (see the options) in the
 * calling scope, and returns the sandbox. Call it at the top of a test file, or of a `describe`
 * for a sandbox of its own.
 *
 * The per-second limit is off unless `perSecondLimit` is given (throttling is tested elsewhere);
 * the other options are `startSandbox`'s, and a plain `reset()` goes back to them.
 *
 * The value returned forwards every property to the running sandbox, so a helper can be given
 * it while the file is collected (`const call = client(sb)`); reading one of its properties
 * before `beforeAll` has run throws.
 */
export function useSandbox(options: UseSandboxOptions = {}): Sandbox {
	const { beforeEach: each = 'reset', freezeClock = false, ...sandboxOptions } = options;
	let running: Sandbox | undefined;

	beforeAll(async () => {
		running = await startSandbox({ perSecondLimit: false, ...sandboxOptions });
	});
	afterAll(async () => {
		await running?.stop();
		running = undefined;
	});
	if (each || freezeClock) {
		beforeEach(() => {
			const sandbox = current();
			if (each === 'reset') sandbox.reset();
			else if (each === 'clearLog') sandbox.clearLog();
			if (freezeClock) sandbox.clock.freeze();
		});
	}

	function current(): Sandbox {
		if (!running) {
			throw new Error(
				'useSandbox: the sandbox is not running; use it inside a test or hook of the file that called useSandbox()',
			);
		}
		return running;
	}

	return {
		get apiUrl() {
			return current().apiUrl;
		},
		get baseUrl() {
			return current().baseUrl;
		},
		get adminUrl() {
			return current().adminUrl;
		},
		get apiKey() {
			return current().apiKey;
		},
		get port() {
			return current().port;
		},
		get state() {
			return current().state;
		},
		reset: (resetOptions) => current().reset(resetOptions),
		stop: async () => await current().stop(),
		get clock() {
			return current().clock;
		},
		log: () => current().log(),
		clearLog: () => current().clearLog(),
		get faults() {
			return current().faults;
		},
		get limits() {
			return current().limits;
		},
		get records() {
			return current().records;
		},
	};
}
