/**
 * Medians and spreads: every figure of the benchmark is reported as the median of its runs with
 * the smallest and largest value seen, so one noisy run (the machine is shared) shows as spread.
 */
export interface Figure {
	median: number;
	min: number;
	max: number;
	runs: number[];
	unit: string;
}

export function median(values: number[]): number {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function figure(values: number[], unit: string): Figure {
	const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : v);
	return {
		median: round(median(values)),
		min: round(Math.min(...values)),
		max: round(Math.max(...values)),
		runs: values.map(round),
		unit,
	};
}

/** a / b, or null when b is 0 (no ratio to a zero count: the counts themselves are reported). */
export function ratio(a: number, b: number): number | null {
	return b === 0 ? null : a / b;
}

/** Collects named per-run samples, then turns each into a Figure. */
export class Samples {
	private readonly values = new Map<string, { unit: string; values: number[] }>();

	add(name: string, value: number, unit: string): void {
		const entry = this.values.get(name) ?? { unit, values: [] };
		entry.values.push(value);
		this.values.set(name, entry);
	}

	figures(): Record<string, Figure> {
		const out: Record<string, Figure> = {};
		for (const [name, { unit, values }] of this.values) out[name] = figure(values, unit);
		return out;
	}
}
