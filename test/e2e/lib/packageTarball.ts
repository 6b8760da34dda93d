/**
 * The package as users get it: `npm run build` then `npm pack`, and the tarball installed into
 * n8n's community nodes folder the way n8n's own installer does it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-insightly';

/** Builds and packs the repository; returns the tarball path. */
export function buildAndPack(options: { skipBuild?: boolean } = {}): string {
	if (!options.skipBuild) {
		execFileSync('npm', ['run', 'build'], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	}
	const outDir = mkdtempSync(join(tmpdir(), 'insightly-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename }] = JSON.parse(out) as Array<{ filename: string }>;
	return join(outDir, filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes`, the folder n8n scans for community
 * packages (`nodes/node_modules/n8n-nodes-*`). Like n8n's installer, it does not install the
 * `n8n-workflow` peer: the package must use the host n8n's copy (n8n puts its own
 * node_modules on NODE_PATH), which is exactly what a user's install exercises.
 */
export function installIntoUserFolder(tarball: string, userFolder: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	execFileSync(
		'npm',
		[
			'install',
			'--legacy-peer-deps', // no n8n-workflow from the registry
			'--ignore-scripts=true',
			'--install-strategy=shallow',
			'--bin-links=false',
			'--package-lock=false',
			'--audit=false',
			'--fund=false',
			'--loglevel=error',
			tarball,
		],
		{ cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] },
	);
}
