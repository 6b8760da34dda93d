// Runs the analysis of n8n's community-package scanner (@n8n/scan-community-package, installed
// outside the tree by scripts/scan/install.sh) on an extracted package and on the source.
//
//   node scripts/scan/analyze.mjs <scanner folder> <extracted package> <source folder>
//
// Its CLI only reads packages published to the npm registry, so this calls its exported
// `analyzePackage` the way its `analyzePackageByName` does after the download:
// - the source with the scanner's SOURCE_FILE_PATTERNS (package.json, nodes/, credentials/);
// - the packed package with analyzePackage's default patterns (every .js, .ts and .json file),
//   which is stricter than the scanner's own tarball leg (.js and package.json): a .d.ts or a
//   second package.json in the tarball fails here, as it does in `scan-community-package`
//   versions that lint the whole tarball.
// Inline eslint-disable comments count for nothing in either (allowInlineConfig: false).
// Exit code 0 when both pass, 1 otherwise (the findings are printed).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [scannerDir, packageDir, sourceDir] = process.argv.slice(2).map((arg) => resolve(arg));
if (!scannerDir || !packageDir || !sourceDir) {
	process.stderr.write('usage: analyze.mjs <scanner folder> <extracted package> <source folder>\n');
	process.exit(2);
}
const entry = join(scannerDir, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');
if (!existsSync(entry)) {
	process.stderr.write(`${entry} is missing: run scripts/scan/install.sh\n`);
	process.exit(2);
}
for (const dir of [packageDir, sourceDir]) {
	if (!existsSync(join(dir, 'package.json'))) {
		process.stderr.write(`${dir} holds no package.json\n`);
		process.exit(2);
	}
}

const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(entry).href);
if (typeof analyzePackage !== 'function' || !Array.isArray(SOURCE_FILE_PATTERNS)) {
	process.stderr.write(`${entry} does not export analyzePackage and SOURCE_FILE_PATTERNS\n`);
	process.exit(2);
}

const legs = [
	{ label: 'packed package', dir: packageDir, patterns: undefined },
	{ label: 'source', dir: sourceDir, patterns: SOURCE_FILE_PATTERNS },
];
let failed = false;
for (const { label, dir, patterns } of legs) {
	const result = await analyzePackage(dir, patterns);
	// "No files found" would be a pass that checked nothing: refuse it.
	const checkedNothing = result.passed && result.message === 'No files found to analyze';
	if (result.passed && !checkedNothing) {
		process.stdout.write(`scan: ${label} passed (${dir})\n`);
		continue;
	}
	failed = true;
	process.stdout.write(
		`scan: ${label} FAILED (${dir}): ${checkedNothing ? 'no files to analyze' : result.message}\n`,
	);
	if (result.details) process.stdout.write(`${result.details}\n`);
}
process.exit(failed ? 1 : 0);
