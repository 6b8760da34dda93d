import { readFileSync } from 'fs';
import { join } from 'path';

import { operationsTable } from '../../scripts/operations-table';

describe('README', () => {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

	test('lists every resource and operation of the node, exactly as the node offers them', () => {
		const section = readme.split('<!-- operations:start')[1]?.split('<!-- operations:end -->')[0] ?? '';
		const table = section.slice(section.indexOf('\n') + 1).trim();
		expect(table).toBe(operationsTable());
	});
});
