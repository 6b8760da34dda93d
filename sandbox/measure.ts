/**
 * `npx tsx sandbox/measure.ts`: start time with the default seed, list requests per second served
 * locally (keep-alive, limits off), and heap used with 100,000 seeded records. Not part of jest.
 */
import * as http from 'http';
import { startSandbox } from './index';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function get(agent: http.Agent, url: string, auth: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent, headers: { Authorization: auth } }, (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode!));
			})
			.on('error', reject);
	});
}

async function throughput(path: string, seconds: number, concurrency: number): Promise<number> {
	const sandbox = await startSandbox({ perSecondLimit: false, dailyLimit: false });
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const auth = `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}`;
	const until = Date.now() + seconds * 1000;
	let done = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (Date.now() < until) {
				if ((await get(agent, sandbox.apiUrl + path, auth)) !== 200)
					throw new Error(`status != 200 for ${path}`);
				done++;
			}
		}),
	);
	agent.destroy();
	await sandbox.stop();
	return done / seconds;
}

async function main(): Promise<void> {
	let started = Date.now();
	const sandbox = await startSandbox();
	console.log(
		`start with default seed: ${Date.now() - started} ms (${sandbox.state.recordCount()} records)`,
	);
	await sandbox.stop();

	for (const path of [
		'/Contacts?top=100&brief=true',
		'/Contacts?top=100',
		'/Contacts?top=500',
		'/Contacts/Search?field_name=FIRST_NAME&field_value=Ada&top=100',
	]) {
		console.log(`GET ${path}: ${(await throughput(path, 3, 8)).toFixed(0)} requests/s`);
	}

	global.gc?.();
	const before = process.memoryUsage().heapUsed;
	started = Date.now();
	const big = await startSandbox({ seed: { records: 100_000 } });
	global.gc?.();
	const contacts = big.state.collection(big.state.type('Contacts')!).size;
	console.log(
		`100,000 records (${contacts} contacts): seeded in ${Date.now() - started} ms, heap used +${mb(process.memoryUsage().heapUsed - before)} (total ${mb(process.memoryUsage().heapUsed)})`,
	);
	await big.stop();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
