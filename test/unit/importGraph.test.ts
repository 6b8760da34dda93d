/**
 * The shipped code's import graph has no cycle: a module never depends, through any chain, on a
 * module that depends on it. (Cycles make load order matter and were how field tables and their
 * types once tangled.) Type-only imports count too: they still tie the modules together.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** The repository files a module imports by relative path. */
function importsOf(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	const specifiers = [...source.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']*)'/g)].map(
		(match) => match[1],
	);
	return specifiers.flatMap((specifier) => {
		const base = resolve(dirname(file), specifier);
		const candidate = [`${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path));
		return candidate ? [candidate] : [];
	});
}

function findCycles(graph: Map<string, string[]>): string[][] {
	const state = new Map<string, 'visiting' | 'done'>();
	const cycles: string[][] = [];
	const visit = (file: string, stack: string[]) => {
		if (state.get(file) === 'done') return;
		if (state.get(file) === 'visiting') {
			cycles.push([...stack.slice(stack.indexOf(file)), file].map((f) => relative(ROOT, f)));
			return;
		}
		state.set(file, 'visiting');
		for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
		state.set(file, 'done');
	};
	for (const file of graph.keys()) visit(file, []);
	return cycles;
}

describe('import graph of nodes/ and credentials/', () => {
	const files = [...sourceFiles(join(ROOT, 'nodes')), ...sourceFiles(join(ROOT, 'credentials'))];

	it('reads the imports it checks (the parser sees the router import its table)', () => {
		const router = join(ROOT, 'nodes/Insightly/actions/router.ts');
		expect(importsOf(router)).toContain(join(ROOT, 'nodes/Insightly/actions/index.ts'));
	});

	it('has no cycle', () => {
		expect(findCycles(new Map(files.map((file) => [file, importsOf(file)])))).toEqual([]);
	});

	it('finds a cycle when there is one (the check itself works)', () => {
		const a = join(ROOT, 'a.ts');
		const b = join(ROOT, 'b.ts');
		const c = join(ROOT, 'c.ts');
		expect(
			findCycles(
				new Map([
					[a, [b]],
					[b, [c]],
					[c, [a]],
				]),
			),
		).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
		expect(
			findCycles(
				new Map([
					[a, [b]],
					[b, [c]],
					[c, []],
				]),
			),
		).toEqual([]);
	});
});
