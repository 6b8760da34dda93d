import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type INodeParameters,
} from 'n8n-workflow';

import { InsightlyApi } from '../../../credentials/InsightlyApi.credentials';
import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { InsightlyTrigger } from '../../../nodes/Insightly/InsightlyTrigger.node';

const credential = new InsightlyApi();
/** The credential's data as n8n hands it to the node: defaults of every property filled in. */
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

describe('InsightlyApi credential: the key is only for this package', () => {
	it('has no authenticate block: the request layer adds the header, after its host check', () => {
		// With a generic block n8n would add the key to any node's request to any host
		// (test/integration/transport/credentialIsolation.test.ts).
		expect((credential as { authenticate?: unknown }).authenticate).toBeUndefined();
		expect(credential.restrictToSupportedNodes).toBe(true);
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
