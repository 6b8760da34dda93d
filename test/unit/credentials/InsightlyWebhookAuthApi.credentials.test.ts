import { InsightlyWebhookAuthApi } from '../../../credentials/InsightlyWebhookAuthApi.credentials';

const credential = new InsightlyWebhookAuthApi();

describe('InsightlyWebhookAuthApi credential', () => {
	it('is a user and a password (masked), nothing more', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(byName)).toEqual(['notice', 'user', 'password']);
		expect(byName.user).toMatchObject({ type: 'string', required: true });
		expect(byName.password).toMatchObject({
			type: 'string',
			required: true,
			typeOptions: { password: true },
		});
	});

	it('sends nothing anywhere: no authenticate block, no test request, only for this package', () => {
		expect((credential as { authenticate?: unknown }).authenticate).toBeUndefined();
		expect((credential as { test?: unknown }).test).toBeUndefined();
		expect(credential.restrictToSupportedNodes).toBe(true);
		expect(credential.documentationUrl).toMatch(/#insightly-webhook-trigger$/);
	});
});
