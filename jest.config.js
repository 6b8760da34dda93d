/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// The credential embeds the source text of resolveApiBaseUrl in its test expression:
	// coverage instrumentation would rewrite that text.
	coveragePathIgnorePatterns: ['/node_modules/', '/nodes/Insightly/transport/apiUrl.ts'],
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 60000,
};
