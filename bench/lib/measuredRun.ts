/**
 * `n8n execute --id` under GNU time: the same command the e2e library runs, plus what the
 * process cost. `/usr/bin/time -v` reports the peak resident set size (the kernel's maxrss of
 * the n8n process tree it waited for) and user + system CPU seconds, read once at exit, so no
 * sampling interval can miss a peak.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { E2eEnvironment } from '../../test/e2e/lib/environment';
import { extractRunJson, RunResult } from '../../test/e2e/lib/runResult';

const GNU_TIME = '/usr/bin/time';

export interface MeasuredRun {
	result: RunResult;
	/** n8n's full stdout, kept when the run's JSON could not be found in it (for diagnosis). */
	unparsedOutputFile?: string;
	wallMs: number;
	cpuSeconds: number;
	peakRssMb: number;
}

export function gnuTimeAvailable(): boolean {
	return existsSync(GNU_TIME);
}

function parseGnuTime(text: string): { cpuSeconds: number; peakRssMb: number } {
	const number = (label: string) => Number(text.match(new RegExp(`${label}:\\s*([0-9.]+)`))?.[1] ?? NaN);
	return {
		cpuSeconds: number('User time \\(seconds\\)') + number('System time \\(seconds\\)'),
		peakRssMb: number('Maximum resident set size \\(kbytes\\)') / 1024,
	};
}

export async function executeMeasured(env: E2eEnvironment, workflowId: string, timeoutMs = 20 * 60_000): Promise<MeasuredRun> {
	const [bin, args] = env.cli.command(['execute', `--id=${workflowId}`, '--rawOutput']);
	const dir = mkdtempSync(join(tmpdir(), 'insightly-bench-time-'));
	const timeFile = join(dir, 'time.txt');
	const started = Date.now();
	const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
		const child = spawn(GNU_TIME, ['-v', '-o', timeFile, bin, ...args], { env: env.cli.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n execute --id=${workflowId} timed out after ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (exitCode) => {
			clearTimeout(timer);
			resolve({ code: exitCode, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
		});
	});
	const wallMs = Date.now() - started;
	const usage = parseGnuTime(existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '');
	rmSync(dir, { recursive: true, force: true });
	const raw = extractRunJson(stdout) ?? extractRunJson(stderr);
	let unparsedOutputFile: string | undefined;
	if (!raw) {
		unparsedOutputFile = join(mkdtempSync(join(tmpdir(), 'insightly-bench-unparsed-')), 'stdout.txt');
		writeFileSync(unparsedOutputFile, `${stdout}\n--- stderr\n${stderr}`);
	}
	return { result: new RunResult(raw, stdout, stderr, code, wallMs, env.userFolder), wallMs, unparsedOutputFile, ...usage };
}
