/**
 * `npm run generate`: rewrites every file derived from the spec or the node's description.
 * - nodes/Insightly/schema/fields.generated.ts from spec/insightly-v3.1.swagger.json
 *   (scripts/generate-fields.ts);
 * - the operations table of README.md, between its `operations:start` / `operations:end` markers
 *   (scripts/operations-table.ts).
 * Both come out formatted by Prettier, so `npm run format:check` accepts them as written, and
 * test/unit/descriptions/fields.test.ts and test/unit/readme.test.ts fail when either is stale.
 */
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { resolve } from 'path';

import { generateFieldsSource, loadSwagger, OUTPUT_PATH } from './generate-fields';
import { operationsTable } from './operations-table';

export const README_PATH = resolve(__dirname, '../README.md');

const TABLE_START = '<!-- operations:start';
const TABLE_END = '<!-- operations:end -->';

/**
 * Formats `source` as Prettier formats the file at `filepath` (the repository's .prettierrc.js).
 * Prettier runs as its own process: its API loads plugins with a dynamic `import()`, which jest's
 * CommonJS runtime refuses, and the tests call this too.
 */
export function formatLike(filepath: string, source: string): string {
	const prettier = require.resolve('prettier/bin/prettier.cjs');
	return execFileSync(process.execPath, [prettier, '--stdin-filepath', filepath], {
		input: source,
		encoding: 'utf8',
	});
}

/** fields.generated.ts as it should be committed. */
export function fieldsFile(swaggerPath?: string): string {
	return formatLike(OUTPUT_PATH, generateFieldsSource(loadSwagger(swaggerPath)));
}

/** `readme` with its operations table replaced by the node's current one. */
export function readmeWithOperations(readme: string): string {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	if (start < 0 || end < start) {
		throw new Error(`README.md has no "${TABLE_START} ... ${TABLE_END}" block`);
	}
	const startLineEnd = readme.indexOf('\n', start) + 1;
	const updated = `${readme.slice(0, startLineEnd)}${operationsTable()}\n${readme.slice(end)}`;
	return formatLike(README_PATH, updated);
}

function writeIfChanged(path: string, content: string): void {
	const before = readFileSync(path, 'utf8');
	if (before === content) {
		process.stdout.write(`unchanged ${path}\n`);
		return;
	}
	writeFileSync(path, content);
	process.stdout.write(`wrote     ${path}\n`);
}

if (require.main === module) {
	writeIfChanged(OUTPUT_PATH, fieldsFile());
	writeIfChanged(README_PATH, readmeWithOperations(readFileSync(README_PATH, 'utf8')));
}
