/**
 * Record URLs of Insightly's web app (https://crm.na1.insightly.com/details/Contact/123456) for
 * the "By URL" mode of the record pickers. One anchored pattern per record type, built from the
 * registry's web-app name, on Insightly's own hosts only; every part is a bounded character
 * class between fixed separators, so matching takes linear time whatever the input.
 */
import { InputError } from './validation';

/** Longer input is refused before any pattern runs. */
export const MAX_RECORD_URL = 2_048;

const HOST = 'https://(?:[A-Za-z0-9-]+\\.)*insightly\\.com';
const TAIL = '(?:[/?#].*)?';

/** The pattern of one type's record URLs; group 1 is the ID. */
export function recordUrlPattern(webName: string): string {
	return `^${HOST}/details/${webName}/([0-9]{1,15})${TAIL}$`;
}

/** Any record URL: group 1 is the web-app name of its type, group 2 the ID. */
const ANY_RECORD_URL = new RegExp(`^${HOST}/details/([A-Za-z]{1,40})/([0-9]{1,15})${TAIL}$`);

/**
 * The ID in a record URL of the expected type. A URL of another type is refused by name (a
 * contact's URL given to Organisation → Delete must never delete organisation 42).
 */
export function recordIdFromUrl(
	value: unknown,
	expected: { webName: string; displayName: string },
	fieldLabel: string,
	itemIndex?: number,
): number {
	const url = typeof value === 'string' ? value.trim() : '';
	const fail = (why: string): never => {
		throw new InputError(`${fieldLabel}: ${why}`, {
			field: fieldLabel,
			itemIndex,
			description: `Paste the address of the ${expected.displayName.toLowerCase()} from Insightly, like https://crm.na1.insightly.com/details/${expected.webName}/123456, or choose the record By ID.`,
		});
	};
	if (url.length > MAX_RECORD_URL)
		return fail(`the URL is longer than ${MAX_RECORD_URL} characters`);
	const match = ANY_RECORD_URL.exec(url);
	if (!match)
		return fail('not the URL of an Insightly record (https://…insightly.com/details/<Type>/<ID>)');
	if (match[1].toLowerCase() !== expected.webName.toLowerCase())
		return fail(`this is the URL of ${match[1]} ${match[2]}, not of a ${expected.displayName}`);
	return Number(match[2]);
}
