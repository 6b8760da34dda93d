/**
 * Scripted and random faults, matched by method and path: error statuses, "stored but answered
 * 500", latency, and connection resets before or after the request is applied.
 */
import { Prng } from './prng';

export interface FaultRule {
	method?: string;
	/** Exact path (any case, with or without `/v3.1`), a glob with `*`, or a RegExp. */
	path?: string | RegExp;
	/** Fire this many times, then retire. Default: forever. */
	times?: number;
	/** Chance of firing on each matching request. Default: always. */
	probability?: number;
	status?: number;
	/** Apply the request, then answer `status` (default 500) instead of the real answer. */
	storeThenFail?: boolean;
	/** Destroy the socket before applying the request, or after applying it. */
	reset?: 'before' | 'after';
	latencyMs?: number;
	retryAfter?: number;
	body?: unknown;
}

interface ActiveRule {
	rule: FaultRule;
	left: number;
	matcher: (path: string) => boolean;
}

function pathMatcher(pattern: string | RegExp | undefined): (path: string) => boolean {
	const strip = (p: string) => p.replace(/^\/v3\.1(?=\/|$)/i, '') || '/';
	if (pattern === undefined) return () => true;
	if (pattern instanceof RegExp) return (p) => pattern.test(p) || pattern.test(strip(p));
	const wanted = strip(pattern.startsWith('/') ? pattern : `/${pattern}`).toLowerCase();
	if (!wanted.includes('*')) return (p) => strip(p).toLowerCase() === wanted;
	const glob = new RegExp(
		`^${wanted
			.split('*')
			.map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
			.join('.*')}$`,
	);
	return (p) => glob.test(strip(p).toLowerCase());
}

/** A short label for the request log: which fault fired. */
export function describeFault(rule: FaultRule): string {
	const parts: string[] = [];
	if (rule.latencyMs) parts.push(`latency ${rule.latencyMs}ms`);
	if (rule.reset) parts.push(`reset ${rule.reset}`);
	if (rule.storeThenFail) parts.push(`stored then ${rule.status ?? 500}`);
	else if (rule.status) parts.push(`status ${rule.status}`);
	return parts.join(', ') || 'no-op';
}

export class Faults {
	private rules: ActiveRule[] = [];
	private prng: Prng;

	constructor(seed = 1) {
		this.prng = new Prng(seed);
	}

	add(rule: FaultRule): void {
		this.rules.push({ rule, left: rule.times ?? Infinity, matcher: pathMatcher(rule.path) });
	}

	clear(): void {
		this.rules = [];
	}

	list(): FaultRule[] {
		return this.rules.map((r) => ({ ...r.rule, times: r.left === Infinity ? undefined : r.left }));
	}

	/** The first rule that matches and fires for this request (a scripted `times` is used up). */
	take(method: string, path: string): FaultRule | undefined {
		for (const active of this.rules) {
			if (active.rule.method && active.rule.method.toUpperCase() !== method.toUpperCase()) continue;
			if (!active.matcher(path)) continue;
			if (active.rule.probability !== undefined && this.prng.next() >= active.rule.probability)
				continue;
			active.left--;
			if (active.left <= 0) this.rules = this.rules.filter((r) => r !== active);
			return active.rule;
		}
		return undefined;
	}
}
