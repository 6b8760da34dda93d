import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
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
	let response: { statusCode: number; body: unknown };
	try {
		// n8n's CredentialTestContext offers only helpers.request (ICredentialTestFunctions has no
		// httpRequest), so the deprecated helper is the one available here.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = (await this.helpers.request({
			method: 'GET',
			uri: `${baseUrl}/${USERS.path}/Me`,
			auth: { user: String(data.apiKey ?? ''), pass: '' },
			headers: { Accept: 'application/json' },
			json: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
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
