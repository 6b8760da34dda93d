/**
 * End-to-end suite: real n8n processes, so one test file at a time and long timeouts.
 * Run through scripts/e2e/run.sh (which installs n8n, packs the package and picks the version).
 */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	maxWorkers: 1,
	verbose: true,
	testTimeout: 300000,
	slowTestThreshold: 60,
};
