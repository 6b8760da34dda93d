/**
 * The parameters n8n fills in for the node and for its tool variant (`insightlyTool`), through
 * n8n's own getNodeParameters: `@tool` and `@version` decide which Limit, Options and tool
 * description a node gets.
 */
import { NodeHelpers, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

import { OPERATIONS_BY_RESOURCE } from '../../../nodes/Insightly/actions';
import { Insightly } from '../../../nodes/Insightly/Insightly.node';

const plain = new Insightly().description;
/** The description n8n builds for the tool: the node's name + "Tool". */
const tool: INodeTypeDescription = { ...plain, name: `${plain.name}Tool` };

function filled(
	description: INodeTypeDescription,
	parameters: INodeParameters,
	typeVersion = 2,
): INodeParameters {
	return (
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			{ typeVersion },
			description,
		) ?? {}
	);
}

describe('Limit', () => {
	it.each(['getAll', 'search'])('%s: 10 as a tool, 50 in a workflow', (operation) => {
		expect(filled(tool, { resource: 'contact', operation }).limit).toBe(10);
		expect(filled(plain, { resource: 'contact', operation }).limit).toBe(50);
	});
	it('a Limit that was set is kept as a tool', () => {
		expect(filled(tool, { resource: 'contact', operation: 'getAll', limit: 50 }).limit).toBe(50);
	});
});

describe('tool description', () => {
	it('is automatic by default, and only on the tool', () => {
		expect(filled(tool, { resource: 'contact', operation: 'get' }).descriptionType).toBe('auto');
		const workflowNode = filled(plain, { resource: 'contact', operation: 'get' });
		expect(workflowNode.descriptionType).toBeUndefined();
		expect(workflowNode.toolDescription).toBeUndefined();
	});

	it('set manually, it starts from the text of the chosen resource and operation', () => {
		for (const [resource, byValue] of OPERATIONS_BY_RESOURCE) {
			for (const operation of byValue.values()) {
				const parameters = filled(tool, {
					descriptionType: 'manual',
					resource,
					operation: operation.value,
				});
				const option = operation.option(resource);
				expect(parameters.toolDescription).toBe(
					operation.toolDescription?.(resource) ?? `${option.description ?? option.name}.`,
				);
			}
		}
		expect(
			filled(tool, { descriptionType: 'manual', resource: 'contact', operation: 'search' })
				.toolDescription,
		).toMatch(/exactly equals a value.*no partial/);
	});

	it('with the resource or operation left to the model, it says what the tool covers', () => {
		const fromModel = "={{ $fromAI('resource') }}";
		expect(
			filled(tool, { descriptionType: 'manual', resource: fromModel, operation: 'get' })
				.toolDescription,
		).toMatch(/Set the Resource and Operation of this tool in the node/);
		expect(
			filled(tool, { descriptionType: 'manual', resource: 'contact', operation: fromModel })
				.toolDescription,
		).toMatch(/^Works on Insightly contact records: .*Search/);
	});
});

describe('Options by version', () => {
	const options = (typeVersion: number) =>
		plain.properties
			.filter((property) => property.name === 'options')
			.flatMap((property) => (property.options ?? []) as Array<{ name: string }>)
			.filter((option) =>
				NodeHelpers.displayParameter(
					{ resource: 'contact', operation: 'get' },
					option as never,
					{ typeVersion },
					plain,
				),
			)
			.map((option) => option.name);
	it('version 1 keeps Simplify; version 2 has Output', () => {
		expect(options(1)).toContain('simplify');
		expect(options(1)).not.toContain('output');
		expect(options(2)).toContain('output');
		expect(options(2)).not.toContain('simplify');
	});
	it('new nodes are version 2', () => {
		expect(plain.version).toEqual([1, 2]);
		expect(plain.defaultVersion).toBe(2);
	});
});
