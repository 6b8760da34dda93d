/**
 * Basic authentication of the webhook: the user name and password Insightly's "Add New Webhook"
 * action sends (`Authorization: Basic base64(user:password)`), checked against the node's
 * Insightly Webhook Auth credential.
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

export interface BasicCredentials {
	user: string;
	password: string;
}

export type AuthVerdict = 'ok' | 'missing' | 'wrong';

/** User and password of an `Authorization: Basic ...` header; undefined if it is not one. */
export function parseBasicAuth(header: unknown): BasicCredentials | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	const match = /^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value);
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Compares in time that depends only on the lengths, not on where the texts differ. */
export function sameText(a: string, b: string): boolean {
	const length = Math.max(a.length, b.length);
	let difference = a.length ^ b.length;
	for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	return difference === 0;
}

/** Whether the request's Authorization header carries exactly the expected user and password. */
export function checkBasicAuth(header: unknown, expected: BasicCredentials): AuthVerdict {
	const given = parseBasicAuth(header);
	if (!given) return 'missing';
	// Both comparisons always run, so the time does not tell which one failed.
	const userOk = sameText(given.user, expected.user);
	const passwordOk = sameText(given.password, expected.password);
	return userOk && passwordOk ? 'ok' : 'wrong';
}

/** What is wrong with the credential's values, or undefined when they can work. */
export function credentialProblem(data: IDataObject): string | undefined {
	const user = typeof data.user === 'string' ? data.user : '';
	const password = typeof data.password === 'string' ? data.password : '';
	if (user === '') return 'The user name is empty.';
	if (user.includes(':'))
		return 'The user name contains a colon, which Basic authentication cannot carry.';
	if (password === '') return 'The password is empty.';
	return undefined;
}

/**
 * The credential test (`testedBy` on the Insightly Webhook Trigger). Nothing is sent anywhere:
 * Insightly is the one that sends these values, so the test checks that they can work.
 */
export async function insightlyWebhookAuthTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = credentialProblem((credential.data ?? {}) as IDataObject);
	if (problem) return { status: 'Error', message: problem };
	return {
		status: 'OK',
		message:
			'Usable. Nothing to connect to: enter the same user name and password in the webhook action of your Insightly workflow.',
	};
}
