/**
 * Lenient readers for values typed into n8n text inputs or produced by expressions: '12' is a
 * number, 'yes' is true. They return undefined instead of guessing, so callers can raise an
 * error that names the field.
 */

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** Booleans from n8n text inputs ('true', 'yes', '1'...). Returns undefined when it is not one. */
export function coerceBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
	if (typeof value !== 'string') return undefined;
	const word = value.trim().toLowerCase();
	if (TRUE_WORDS.includes(word)) return true;
	if (FALSE_WORDS.includes(word)) return false;
	return undefined;
}

/** Numbers from n8n text inputs; undefined when it is not a finite number. */
export function coerceNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = Number(value.trim());
	return Number.isFinite(parsed) ? parsed : undefined;
}
