import { readFileSync } from 'fs';

import { README_PATH, readmeWithOperations } from '../../scripts/generate';

describe('README', () => {
	test('lists every resource and operation of the node, exactly as the node offers them (run `npm run generate`)', () => {
		const readme = readFileSync(README_PATH, 'utf8');
		expect(readme).toContain('<!-- operations:start');
		expect(readmeWithOperations(readme)).toBe(readme);
	});
});
