/** A plain-text table of figures: name, median, spread (min-max), unit. */
import type { Figure } from './stats';

const show = (v: number) =>
	Number.isInteger(v)
		? String(v)
		: Math.abs(v) >= 100
			? v.toFixed(0)
			: Math.abs(v) >= 1
				? v.toFixed(2)
				: v.toFixed(3);

export function renderTable(title: string, figures: Record<string, Figure>): string {
	const rows = Object.entries(figures).map(([name, f]) => [
		name,
		show(f.median),
		f.runs.length > 1 ? `${show(f.min)}–${show(f.max)}` : '',
		f.unit,
		String(f.runs.length),
	]);
	const header = ['figure', 'median', 'spread', 'unit', 'runs'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
			.join('  ');
	return [
		`\n== ${title}`,
		line(header),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...rows.map(line),
	].join('\n');
}
