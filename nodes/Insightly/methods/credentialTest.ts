import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { USERS } from '../objects';
import { secretsOf, serverText } from '../transport/errors';
import { resolveApiBaseUrl } from '../transport/apiUrl';
import { networkCodeOf } from '../transport/request';

/** What to check when no server answered; by the network error code. */
export function networkAdvice(code: string | undefined, baseUrl: string): string {
	const host = baseUrl.replace(/^https?:\/\//, '').split('/')[0];
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return `n8n's server could not resolve ${host} (${code}): either it has no internet or DNS access, or the pod in the API URL is wrong (compare it with User Settings → API in Insightly: na1, eu1, au1...).`;
	}
	if (code === 'ECONNREFUSED')
		return `The connection to ${host} was refused: nothing answered at ${baseUrl}. Check the API URL.`;
	return `Could not reach ${baseUrl}${code ? ` (${code})` : ''}. Check the API URL and this machine's network.`;
}

/** The probe's answer, whatever its status (redirects are not followed). */
export interface ProbeResponse {
	statusCode: number;
	body: unknown;
}

/**
 * The HTTP helpers a credential test function may find on its context. n8n's
 * CredentialTestContext (ICredentialTestFunctions, in n8n 1.123.81 and 2.40.7 alike) offers only
 * the legacy `request` helper, which n8n's scanner reports as deprecated, and no `httpRequest`
 * (n8n issue #25190). The probe therefore uses `httpRequest` whenever the context has it and
 * falls back to the legacy helper only where that is all n8n provides. That fallback still is
 * the deprecated helper (the scanner's rule only spots it written as `this.helpers.request`):
 * drop it once n8n gives credential tests `httpRequest`.
 */
export interface ProbeHelpers {
	httpRequest?: (options: IHttpRequestOptions) => Promise<unknown>;
	request?: (options: object) => Promise<unknown>;
}

/**
 * GET with Basic auth (key as user name, empty password), JSON, no redirects, 20 s timeout,
 * every status returned rather than thrown: the same request through either helper. Network
 * failures throw (their code is read by networkCodeOf).
 */
export async function sendProbe(
	helpers: ProbeHelpers,
	{ url, apiKey }: { url: string; apiKey: string },
): Promise<ProbeResponse> {
	if (typeof helpers.httpRequest === 'function') {
		const full = (await helpers.httpRequest({
			method: 'GET',
			url,
			auth: { username: apiKey, password: '' },
			headers: { Accept: 'application/json' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
		return { statusCode: full.statusCode, body: full.body };
	}
	if (typeof helpers.request === 'function') {
		const full = (await helpers.request({
			method: 'GET',
			uri: url,
			auth: { user: apiKey, pass: '' },
			headers: { Accept: 'application/json' },
			json: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
		return { statusCode: full.statusCode, body: full.body };
	}
	throw new Error('This n8n gives credential tests no HTTP helper.');
}

/**
 * The credential test (`testedBy` on both nodes): GET /Users/Me with the key, run by n8n's
 * credential tester. A function rather than a declarative test request so that every outcome gets
 * its own message, on n8n 1.x and 2.x alike (1.x ignores a declarative test's rules), and so that
 * a URL the host guard refuses is reported as such instead of as a DNS error.
 */
export async function insightlyApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as IDataObject;
	const baseUrl = resolveApiBaseUrl(data.apiUrl, data.allowLocalhost);
	if (!baseUrl) {
		return {
			status: 'Error',
			message:
				'This is not an Insightly API URL. Use the API URL shown in Insightly under profile icon → User Settings → API (for example https://api.na1.insightly.com/v3.1/), or just its pod (na1). The key is only sent to https://api.<pod>.insightly.com; a local sandbox needs "Allow Localhost".',
		};
	}
	let response: ProbeResponse;
	try {
		response = await sendProbe(this.helpers as ProbeHelpers, {
			url: `${baseUrl}/${USERS.path}/Me`,
			apiKey: String(data.apiKey ?? ''),
		});
	} catch (error) {
		return { status: 'Error', message: networkAdvice(networkCodeOf(error), baseUrl) };
	}
	const { statusCode, body } = response;
	if (statusCode >= 200 && statusCode < 300) {
		const user = (body && typeof body === 'object' ? body : {}) as IDataObject;
		const who =
			[user.FIRST_NAME, user.LAST_NAME].filter(Boolean).join(' ') ||
			String(user.EMAIL_ADDRESS ?? 'your user');
		return { status: 'OK', message: `Connected to ${baseUrl} as ${who}` };
	}
	if (statusCode === 401) {
		return {
			status: 'Error',
			message:
				'Insightly rejected the API key (401). Copy it again from profile icon → User Settings → API, and check that the API URL belongs to the same account and that API access is enabled for your user.',
		};
	}
	if (statusCode === 404) {
		return {
			status: 'Error',
			message: `No Insightly API answered at ${baseUrl} (404). Use the API URL shown under User Settings → API, e.g. https://api.na1.insightly.com/v3.1/, or just the pod (na1).`,
		};
	}
	// Insightly's Message may echo the key: redacted, then cut (transport/errors.ts).
	const serverMessage =
		body && typeof body === 'object' && typeof (body as IDataObject).Message === 'string'
			? ` Insightly said: "${serverText((body as IDataObject).Message as string, secretsOf(String(data.apiKey ?? '')))}"`
			: '';
	if (statusCode === 429) {
		return {
			status: 'Error',
			message: `Insightly answered 429: the API limit of this instance is reached for now. The key could not be checked; try again later.${serverMessage}`,
		};
	}
	return {
		status: 'Error',
		message: `Insightly answered ${statusCode} to GET /${USERS.path}/Me.${serverMessage}`,
	};
}
