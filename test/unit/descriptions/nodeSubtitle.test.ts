import { nodeSubtitle, OPERATIONS_BY_RESOURCE } from '../../../nodes/Insightly/actions';

/** The table inside the subtitle expression. */
const table = JSON.parse(
	/^=\{\{ \((\{.*\})\)\[\$parameter\["resource"\] \+ "\." \+ \$parameter\["operation"\]\] \}\}$/.exec(
		nodeSubtitle,
	)?.[1] ?? '{}',
) as Record<string, string>;

describe('the canvas subtitle', () => {
	it('names the operation and the resource, not their values', () => {
		expect(table['opportunity.changeState']).toBe('Change State: Opportunity');
		expect(table['contact.getAll']).toBe('Get Many: Contact');
		expect(table['follow.get']).toBe('Get Status: Follow');
		expect(table['apiCall.request']).toBe('Make an API Call: Custom API Call');
	});

	it('covers every resource and operation the node offers', () => {
		const pairs = [...OPERATIONS_BY_RESOURCE].flatMap(([resource, byValue]) =>
			[...byValue.keys()].map((value) => `${resource}.${value}`),
		);
		expect(Object.keys(table).sort()).toEqual(pairs.sort());
	});
});
