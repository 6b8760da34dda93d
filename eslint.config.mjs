// Lints the shipped code (nodes/, credentials/) and package.json with the rules n8n's
// community-package scanner applies (@n8n/eslint-plugin-community-nodes, recommended) and the
// classic eslint-plugin-n8n-nodes-base rule sets (community, credentials, nodes); everything
// else written in TypeScript (sandbox/, test/, scripts/, bench/) with typescript-eslint's
// recommended rules. The shipped code gets those too.
import tseslint from 'typescript-eslint';
import jsonParser from 'jsonc-eslint-parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const SHIPPED = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'bench/tmp/**',
			'*.js',
			'*.mjs',
			'test/e2e/jest.config.js',
		],
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: SHIPPED },
	{
		files: ['package.json'],
		languageOptions: { parser: jsonParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The rule's own text: "Only applicable to nodes in the main repository" (a slug that
			// n8n's docs site resolves). A community credential links a full URL, which
			// @n8n/community-nodes/credential-documentation-url checks instead.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two want the string literal ['main']; the newer scanner rule
			// @n8n/community-nodes/node-connection-type-literal requires NodeConnectionTypes.Main
			// instead. The scanner's rule wins: it gates verification.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: { 'no-console': 'error' },
	},
];
