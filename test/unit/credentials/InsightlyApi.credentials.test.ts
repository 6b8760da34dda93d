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
import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { InsightlyTrigger } from '../../../nodes/Insightly/InsightlyTrigger.node';

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
	const node: INode = {
		id: '1',
		name: NODE_NAME,
		type: 'noop',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
}

const workflow = expressionWorkflow();

/** The credential's data as n8n hands it to expressions: defaults of every property filled in. */
function withDefaults(data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return NodeHelpers.getNodeParameters(
		credential.properties,
		data as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;
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
		const byName = Object.fromEntries(
			credential.properties.map((property) => [property.name, property]),
		);
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.allowLocalhost).toMatchObject({ type: 'boolean', default: false });
		expect(byName.maxRequestsPerSecond).toMatchObject({ type: 'number', default: 10 });
		expect(withDefaults({ apiKey: 'k', apiUrl: 'na1' }).allowLocalhost).toBe(false);
	});
});

describe('InsightlyApi credential: tested by the nodes', () => {
	it.each([
		['Insightly', new Insightly()],
		['Insightly Trigger', new InsightlyTrigger()],
	])('%s names the credential test function it implements', (_name, node) => {
		const entry = node.description.credentials?.find((c) => c.name === 'insightlyApi');
		expect(entry).toMatchObject({ required: true, testedBy: 'insightlyApiTest' });
		expect(typeof node.methods?.credentialTest?.insightlyApiTest).toBe('function');
	});

	it("has no declarative test: n8n would prefer it over the nodes' function (and 1.x ignores its rules)", () => {
		expect((credential as { test?: unknown }).test).toBeUndefined();
	});
});
