/**
 * The README's table of resources and operations, from the node's own description, so the README
 * cannot drift from the node. `npm run generate` (scripts/generate.ts) writes it into README.md;
 * test/unit/readme.test.ts fails when README.md holds another table.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { nodeProperties } from '../nodes/Insightly/actions';

export function operationsTable(): string {
	const properties = nodeProperties;
	const resources = (properties.find((p) => p.name === 'resource')?.options ??
		[]) as INodePropertyOptions[];
	const operationLists = properties.filter((p): p is INodeProperties => p.name === 'operation');
	const rows = resources.map((resource) => {
		const list = operationLists.find((p) =>
			(p.displayOptions?.show?.resource as string[] | undefined)?.includes(String(resource.value)),
		);
		const operations = ((list?.options ?? []) as INodePropertyOptions[])
			.map((option) => option.name)
			.join(', ');
		return `| ${resource.name} | ${operations} |`;
	});
	return ['| Resource | Operations |', '|---|---|', ...rows].join('\n');
}
