/**
 * `n8n execute --id` under GNU time: the same command the e2e library runs, plus what the
 * process cost. `/usr/bin/time -v` reports the peak resident set size (the kernel's maxrss of
 * the n8n process tree it waited for) and user + system CPU seconds, read once at exit, so no
 * sampling interval can miss a peak.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { E2eEnvironment } from '../../test/e2e/lib/environment';
import { extractRunJson, RunResult } from '../../test/e2e/lib/runResult';

const GNU_TIME = '/usr/bin/time';

export interface MeasuredRun {
	result: RunResult;
	/** n8n's stdout file, kept when the run's JSON could not be found in it (for diagnosis). */
	unparsedOutputFile?: string;
	wallMs: number;
	cpuSeconds: number;
	peakRssMb: number;
}

export function gnuTimeAvailable(): boolean {
	return existsSync(GNU_TIME);
}

function parseGnuTime(text: string): { cpuSeconds: number; peakRssMb: number } {
	const number = (label: string) =>
		Number(text.match(new RegExp(`${label}:\\s*([0-9.]+)`))?.[1] ?? NaN);
	return {
		cpuSeconds: number('User time \\(seconds\\)') + number('System time \\(seconds\\)'),
		peakRssMb: number('Maximum resident set size \\(kbytes\\)') / 1024,
	};
}

export async function executeMeasured(
	env: E2eEnvironment,
	workflowId: string,
	timeoutMs = 20 * 60_000,
): Promise<MeasuredRun> {
	const [bin, args] = env.cli.command(['execute', `--id=${workflowId}`, '--rawOutput']);
	const dir = mkdtempSync(join(tmpdir(), 'insightly-bench-time-'));
	const timeFile = join(dir, 'time.txt');
	const started = Date.now();
	// n8n's output goes to files, not pipes: n8n exits right after printing the run, and a pipe
	// that has not been drained by then loses the tail (a 100,000-item run is hundreds of MB).
	const outFile = join(dir, 'stdout.txt');
	const errFile = join(dir, 'stderr.txt');
	const out = openSync(outFile, 'w');
	const err = openSync(errFile, 'w');
	const code = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(GNU_TIME, ['-v', '-o', timeFile, bin, ...args], {
			env: env.cli.env(),
			stdio: ['ignore', out, err],
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n execute --id=${workflowId} timed out after ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (exitCode) => {
			clearTimeout(timer);
			resolve(exitCode);
		});
	}).finally(() => {
		closeSync(out);
		closeSync(err);
	});
	const stdout = readFileSync(outFile, 'utf8');
	const stderr = readFileSync(errFile, 'utf8');
	const wallMs = Date.now() - started;
	const usage = parseGnuTime(existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '');
	const raw = extractRunJson(stdout) ?? extractRunJson(stderr);
	// Kept when the run's JSON is not in it, for diagnosis.
	const unparsedOutputFile = raw ? undefined : outFile;
	if (raw) rmSync(dir, { recursive: true, force: true });
	return {
		result: new RunResult(raw, stdout, stderr, code, wallMs, env.userFolder),
		wallMs,
		unparsedOutputFile,
		...usage,
	};
}
