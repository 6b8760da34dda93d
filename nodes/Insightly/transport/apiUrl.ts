/**
 * Turns what a user pastes as "API URL" into the base URL of Insightly's v3.1 API.
 *
 * Accepted: the URL shown under User Settings → API (`https://api.na1.insightly.com/v3.1/`), the
 * same without scheme or path (`api.na1.insightly.com`), or the pod alone (`na1`). Loopback hosts
 * (`localhost`, `127.0.0.1`, `[::1]`, any port, http or https) only when `allowLocalhost` is true:
 * that opt-in exists for the local sandbox. Anything else returns '' so that the API key is never
 * sent to a host that is not Insightly's.
 *
 * Used by the request layer and by the credential test, so both resolve the URL and guard the host
 * in exactly one way.
 */
export function resolveApiBaseUrl(input: unknown, allowLocalhost: unknown): string {
	const text = String(input === undefined || input === null ? '' : input).trim();
	const pod = text.match(/^[a-z]{2,4}[0-9]{1,2}$/i);
	if (pod) return 'https://api.' + text.toLowerCase() + '.insightly.com/v3.1';
	const insightly = text.match(
		/^(?:https:\/\/)?api\.([a-z0-9-]+)\.insightly\.com(?::443)?(?:\/.*)?$/i,
	);
	if (insightly) return 'https://api.' + insightly[1].toLowerCase() + '.insightly.com/v3.1';
	const loopback = text.match(
		/^(https?:\/\/)?(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?(?:\/.*)?$/i,
	);
	if (loopback && allowLocalhost === true) {
		return (
			(loopback[1] || 'http://').toLowerCase() +
			loopback[2].toLowerCase() +
			(loopback[3] || '') +
			'/v3.1'
		);
	}
	return '';
}
