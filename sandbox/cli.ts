/**
 * `npm run sandbox -- [options]`: starts the sandbox and prints what to paste into the
 * credential. Options:
 *   --port N             (default 8787; 0 = any free port)
 *   --key KEY            API key (default sandbox-key-0001)
 *   --plan NAME          free | legacy | plus | professional | enterprise
 *   --daily-limit N|off  daily quota (default: the plan's)
 *   --per-second N|off   burst limit (default 10)
 *   --records N          seed size (default 300; 0 = configuration only)
 *   --seed N             PRNG seed (default 42)
 *   --fault-rate P       answer this share of API requests with 503 (e.g. 0.05)
 *   --reset-rate P       destroy the connection of this share of requests after applying them
 *   --latency MS         add this delay to every API request
 */
import { PLAN_DAILY_LIMITS, startSandbox, type Plan } from './index';

function args(argv: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!m) throw new Error(`Unexpected argument ${argv[i]}`);
		out[m[1]] = m[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
	}
	return out;
}

const limit = (v: string | undefined) =>
	v === undefined ? undefined : v === 'off' ? false : Number(v);

async function main(): Promise<void> {
	const a = args(process.argv.slice(2));
	if (a.help) {
		console.log('See the header of sandbox/cli.ts or sandbox/README.md for options.');
		return;
	}
	const plan = (a.plan ?? 'professional') as Plan;
	if (!(plan in PLAN_DAILY_LIMITS)) throw new Error(`Unknown plan ${plan}`);
	const started = Date.now();
	const sandbox = await startSandbox({
		port: a.port === undefined ? 8787 : Number(a.port),
		apiKey: a.key,
		plan,
		dailyLimit: limit(a['daily-limit']),
		perSecondLimit: limit(a['per-second']),
		seed: {
			records: a.records === undefined ? undefined : Number(a.records),
			seed: a.seed === undefined ? undefined : Number(a.seed),
		},
	});
	if (a['fault-rate']) sandbox.faults.add({ probability: Number(a['fault-rate']), status: 503 });
	if (a['reset-rate']) sandbox.faults.add({ probability: Number(a['reset-rate']), reset: 'after' });
	if (a.latency) sandbox.faults.add({ latencyMs: Number(a.latency) });
	console.log(
		`Insightly sandbox ready in ${Date.now() - started} ms (${sandbox.state.recordCount()} records, plan ${plan})`,
	);
	console.log(`  API URL: ${sandbox.apiUrl}`);
	console.log(`  API key: ${sandbox.apiKey}`);
	console.log(`  Admin:   ${sandbox.adminUrl}  (see sandbox/README.md)`);
	const stop = () => sandbox.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
