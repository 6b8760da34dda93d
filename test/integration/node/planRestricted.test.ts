/**
 * On a plan without products and quotes Insightly answers 404 for the whole collection (recorded
 * on a live Professional plan: docs/live-api.md, "Plan-restricted objects"). The node says the
 * plan may not include the object, instead of "check the ID".
 */
import { useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

it.each([
	['product', 'Product'],
	['quote', 'Quotation'],
	['pricebook', 'Pricebook'],
])('%s: Get Many on a plan without it', async (resource, object) => {
	sandbox.state.behaviour.planRestricted = true;
	const [out] = await run({ resource, operation: 'getAll' }, { continueOnFail: true });
	expect(String(out.json.error)).toMatch(
		new RegExp(
			`Insightly has no ${object} here \\(404\\): this plan or instance may not include ${object}`,
		),
	);
	expect(String(out.json.description)).toMatch(/Enterprise plan/);
});
