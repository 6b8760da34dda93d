import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { executeNode } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox({ seed: { records: 20 }, beforeEach: 'clearLog' });

const credentials = () => ({
	insightlyApi: { apiKey: sandbox.apiKey, apiUrl: sandbox.apiUrl, allowLocalhost: true },
});
const apiRequests = () => sandbox.log().filter((entry) => entry.path.startsWith('/v3.1/'));

async function createContact(jsonFields: string, extra: object = {}) {
	return await executeNode(new Insightly(), {
		parameters: {
			resource: 'contact',
			operation: 'create',
			FIRST_NAME: 'Grace',
			jsonFields,
			...extra,
		},
		credentials: credentials(),
	});
}

describe('Fields (JSON)', () => {
	test('standard and custom fields from JSON are converted and sent like the other parameters', async () => {
		const customField = sandbox.state.customFields.find(
			(field: { FIELD_FOR: string; FIELD_TYPE: string }) =>
				field.FIELD_FOR === 'CONTACT' && field.FIELD_TYPE === 'TEXT',
		);
		if (!customField) throw new Error('the seed has a TEXT custom field on contacts');
		const [out] = await createContact(
			JSON.stringify({
				TITLE: 'Rear Admiral',
				DATE_OF_BIRTH: '1906-12-09',
				CUSTOMFIELDS: { [customField.FIELD_NAME]: 'COBOL' },
			}),
		);
		const post = apiRequests().find((entry) => entry.method === 'POST');
		expect(post?.body).toEqual({
			FIRST_NAME: 'Grace',
			TITLE: 'Rear Admiral',
			DATE_OF_BIRTH: '1906-12-09 00:00:00',
			CUSTOMFIELDS: [{ FIELD_NAME: customField.FIELD_NAME, FIELD_VALUE: 'COBOL' }],
		});
		expect(out[0].json.TITLE).toBe('Rear Admiral');
	});

	test.each([
		['invalid JSON', '{"TITLE": ', /Fields \(JSON\) is not valid JSON/],
		['a JSON array', '[1, 2]', /must be a JSON object/],
		['an unknown field', '{"NOT_A_FIELD": 1}', /Unknown field "NOT_A_FIELD"/],
		['a field also given as a parameter', '{"FIRST_NAME": "Ada"}', /FIRST_NAME is given both/],
	])('%s stops the item before any request', async (_case, json, message) => {
		await expect(createContact(json)).rejects.toThrow(message);
		expect(apiRequests()).toHaveLength(0);
	});
});
