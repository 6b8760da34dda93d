/**
 * Queue-mode end-to-end suite: n8n main + workers on Redis and Postgres, real processes, so one
 * test file at a time and long timeouts. Run through scripts/e2e/queue.sh (`npm run test:e2e:queue`),
 * which installs the servers and n8n and packs the package.
 */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	maxWorkers: 1,
	verbose: true,
	testTimeout: 420000,
	slowTestThreshold: 120,
};
