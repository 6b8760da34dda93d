/**
 * Where the live API's behaviour is unconfirmed (docs/live-api.md, "Unknowns and the choice we
 * make"), the sandbox can play each variant, so tests prove the node is right under all of them.
 * The defaults are what the public evidence shows, or the harder variant where there is none.
 */
export interface LiveBehaviour {
	/**
	 * `PUT /{type}` with CUSTOMFIELDS: `merge` keeps the fields not named, `replace` clears them.
	 * Unconfirmed (docs/live-api.md, "Custom fields"): `replace` is the variant that can lose data.
	 */
	customFieldsOnPut: 'merge' | 'replace';
	/**
	 * Opportunity states: stored and answered in title case (`Open`, `Won`), as every recorded live
	 * response shows. `strict` refuses any other casing on a state change; `lenient` accepts it.
	 */
	stateCasing: 'strict' | 'lenient';
	/**
	 * File downloads with a `Content-Disposition` header; a recorded live download sent none
	 * (docs/live-api.md, "File attachments"), so the default is without.
	 */
	contentDisposition: boolean;
	/**
	 * Products, price books and quotes answer 404, as amp-labs/connectors recorded on a live
	 * Professional plan (docs/live-api.md, "Plan-restricted objects"). Off by default: the other
	 * tests need those objects.
	 */
	planRestricted: boolean;
}

export function defaultBehaviour(): LiveBehaviour {
	return {
		customFieldsOnPut: 'merge',
		stateCasing: 'strict',
		contentDisposition: false,
		planRestricted: false,
	};
}

export const OPPORTUNITY_STATES = ['Open', 'Won', 'Lost', 'Abandoned', 'Suspended'];

/** The state in Insightly's casing, or undefined when `value` is not one under `casing`. */
export function canonicalState(
	value: unknown,
	casing: LiveBehaviour['stateCasing'],
): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (casing === 'strict') return OPPORTUNITY_STATES.includes(value) ? value : undefined;
	return OPPORTUNITY_STATES.find((state) => state.toLowerCase() === value.toLowerCase());
}
