/**
 * The soak's fault mix as sandbox fault rules. The sandbox fires the first matching rule, each
 * with its own probability, so a rule further down the list only sees the requests the rules
 * above let through: each probability is conditioned on that, which makes every share an
 * overall share of all requests.
 */
import type { FaultRule } from '../../sandbox';

export interface FaultShare {
	label: string;
	share: number;
	rule: Omit<FaultRule, 'probability'>;
}

export const SOAK_FAULTS: FaultShare[] = [
	{
		label: '429 (per-second limit, Retry-After 1)',
		share: 0.1,
		rule: { status: 429, retryAfter: 1 },
	},
	{
		label: '500 after storing ("stored but answered 500")',
		share: 0.025,
		rule: { storeThenFail: true, status: 500 },
	},
	{ label: '503, nothing stored', share: 0.0125, rule: { status: 503 } },
	{ label: '500, nothing stored', share: 0.0125, rule: { status: 500 } },
	{
		label: 'connection reset before the request is applied',
		share: 0.01,
		rule: { reset: 'before' },
	},
	{ label: 'connection reset after the request is applied', share: 0.01, rule: { reset: 'after' } },
];

export function faultRules(shares: FaultShare[]): FaultRule[] {
	let untouched = 1;
	return shares.map(({ share, rule }) => {
		const probability = share / untouched;
		untouched -= share;
		return { ...rule, probability };
	});
}
