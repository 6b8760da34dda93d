import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { InsightlyApi } from '../../../credentials/InsightlyApi.credentials';
import { REFUSED_API_URL, resolveApiBaseUrl } from '../../../nodes/Insightly/transport/apiUrl';

const credential = new InsightlyApi();
const NODE_NAME = 'Credential Expression';

/** A one-node workflow, only for its expression engine (as n8n resolves credential expressions). */
function expressionWorkflow(): Workflow {
	const nodeType: INodeType = {
		description: {
			displayName: 'Noop',
			name: 'noop',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: NODE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = { id: '1', name: NODE_NAME, type: 'noop', typeVersion: 1, position: [0, 0], parameters: {} };
	return new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
}

const workflow = expressionWorkflow();

/** The credential's data as n8n hands it to expressions: defaults of every property filled in. */
function withDefaults(data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return NodeHelpers.getNodeParameters(credential.properties, data as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
}

function resolve(expression: unknown, data: ICredentialDataDecryptedObject): unknown {
	const creds = withDefaults(data);
	return workflow.expression.getParameterValue(
		expression as string,
		null,
		0,
		0,
		NODE_NAME,
		[],
		'internal',
		{ $credentials: creds },
		undefined,
		false,
		creds,
	);
}

const testBaseUrl = (data: ICredentialDataDecryptedObject) => resolve(credential.test.request.baseURL, data);

describe('InsightlyApi credential: the test request resolves the URL as the request layer does', () => {
	const accepted: Array<[string, boolean]> = [
		['https://api.na1.insightly.com/v3.1/', false],
		['https://api.na1.insightly.com/v3.1', false],
		['https://api.eu1.insightly.com/', false],
		['api.au1.insightly.com', false],
		['HTTPS://API.NA1.INSIGHTLY.COM:443/V3.1/', false],
		['  https://api.na1.insightly.com/v3.1/\n', false],
		['na1', false],
		['EU1', false],
		['http://127.0.0.1:4010', true],
		['http://localhost:4010/v3.1/', true],
		['http://[::1]:4010/', true],
	];
	it.each(accepted)('%j (allowLocalhost %s) resolves to resolveApiBaseUrl()', (apiUrl, allowLocalhost) => {
		const expected = resolveApiBaseUrl(apiUrl, allowLocalhost);
		expect(expected).not.toBe('');
		expect(testBaseUrl({ apiKey: 'k', apiUrl, allowLocalhost })).toBe(expected);
	});

	const refused: Array<[string, boolean | undefined]> = [
		['', false],
		['evil.com', false],
		['https://evil.com/v3.1/', false],
		['api.na1.insightly.com.evil.com', false],
		['https://api.na1.insightly.com.evil.com/v3.1/', false],
		['https://api.na1.insightly.com@evil.com/', false],
		['https://api.na1.insightly.com@evil.com/', true],
		['https://api.na1.insightly.com\\@evil.com/', false],
		['https://api.na1.insightly.com:8443/', false],
		['http://api.na1.insightly.com', false],
		['http://api.na1.insightly.com/v3.1/', true],
		['https://api.insightly.com/v3.1/', false],
		['127.0.0.1', false],
		['http://127.0.0.1:4010', false],
		['http://127.0.0.1:4010', undefined],
		['http://localhost:4010', false],
		['http://localhost:4010@evil.com', true],
		['http://localhost.evil.com', true],
	];
	it.each(refused)('%j (allowLocalhost %s) is refused: the test goes to the never-resolving placeholder', (apiUrl, allowLocalhost) => {
		const data: ICredentialDataDecryptedObject = { apiKey: 'k', apiUrl };
		if (allowLocalhost !== undefined) data.allowLocalhost = allowLocalhost;
		expect(resolveApiBaseUrl(apiUrl, data.allowLocalhost ?? false)).toBe('');
		expect(testBaseUrl(data)).toBe(REFUSED_API_URL);
	});

	it('the placeholder is under .invalid (RFC 2606), so it can never resolve, and is https', () => {
		expect(new URL(REFUSED_API_URL).hostname.endsWith('.invalid')).toBe(true);
		expect(new URL(REFUSED_API_URL).protocol).toBe('https:');
	});

	it('the user\'s text is passed as data, never spliced into the expression source', () => {
		const hostile = '"); return "https://evil.com"; ("';
		expect(testBaseUrl({ apiKey: 'k', apiUrl: hostile })).toBe(REFUSED_API_URL);
		expect(credential.test.request.baseURL).toContain('$credentials.apiUrl');
		// n8n splits templates at '{{' / '}}': the embedded function must not contain either.
		const inner = String(credential.test.request.baseURL).replace(/^=\{\{/, '').replace(/\}\}$/, '');
		expect(inner).not.toMatch(/\{\{|\}\}/);
	});

	it('tests with GET /Users/Me, without following redirects, and tells a wrong key from a wrong URL', () => {
		expect(credential.test.request).toMatchObject({ url: '/Users/Me', method: 'GET', disableFollowRedirect: true });
		const codes = (credential.test.rules ?? []).map((rule) => (rule.type === 'responseCode' ? rule.properties.value : undefined));
		expect(codes).toEqual(expect.arrayContaining([401, 404]));
		const messages = Object.fromEntries(
			(credential.test.rules ?? []).flatMap((rule) => (rule.type === 'responseCode' ? [[rule.properties.value, rule.properties.message]] : [])),
		);
		expect(messages[401]).toMatch(/API key/);
		expect(messages[401]).toMatch(/User Settings/);
		expect(messages[404]).toMatch(/API URL/);
		expect(messages[404]).not.toBe(messages[401]);
	});
});

describe('InsightlyApi credential: Basic auth with the key as user name and an empty password', () => {
	it('authenticate sends auth { username: key, password: "" }', () => {
		const auth = credential.authenticate;
		if (typeof auth === 'function') throw new Error('expected a generic authenticate block');
		expect(auth.type).toBe('generic');
		const data = { apiKey: 'the-key-0123', apiUrl: 'na1' };
		const block = auth.properties.auth as { username: string; password: string };
		expect(resolve(block.username, data)).toBe('the-key-0123');
		expect(block.password).toBe('');
		// Nothing else carries the key (no header, no query string).
		expect(Object.keys(auth.properties)).toEqual(['auth']);
	});

	it('the key is a password field and the opt-in for loopback is off by default', () => {
		const byName = Object.fromEntries(credential.properties.map((property) => [property.name, property]));
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.allowLocalhost).toMatchObject({ type: 'boolean', default: false });
		expect(byName.maxRequestsPerSecond).toMatchObject({ type: 'number', default: 10 });
		expect(withDefaults({ apiKey: 'k', apiUrl: 'na1' }).allowLocalhost).toBe(false);
	});
});
