import {
	checkBasicAuth,
	credentialProblem,
	insightlyWebhookAuthTest,
	parseBasicAuth,
	sameText,
} from '../../../nodes/Insightly/webhook/auth';
import type { ICredentialTestFunctions } from 'n8n-workflow';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const expected = { user: 'insightly', password: 'p:ss wörd' };

describe('parseBasicAuth', () => {
	it('reads user and password; the password may hold colons and any characters', () => {
		expect(parseBasicAuth(basic('insightly:p:ss wörd'))).toEqual(expected);
		expect(parseBasicAuth(`basic   ${Buffer.from('a:').toString('base64')}`)).toEqual({
			user: 'a',
			password: '',
		});
		expect(parseBasicAuth([basic('a:b')])).toEqual({ user: 'a', password: 'b' });
	});

	it.each([[undefined], [''], ['Bearer x'], ['Basic'], ['Basic !!!'], [basic('nocolon')], [42]])(
		'%p is no Basic header',
		(header) => {
			expect(parseBasicAuth(header)).toBeUndefined();
		},
	);
});

describe('checkBasicAuth', () => {
	it.each([
		[basic('insightly:p:ss wörd'), 'ok'],
		[basic('insightly:p:ss word'), 'wrong'],
		[basic('Insightly:p:ss wörd'), 'wrong'],
		[basic('insightly:p:ss wörd '), 'wrong'],
		[basic('insightly:'), 'wrong'],
		[basic(':p:ss wörd'), 'wrong'],
		[undefined, 'missing'],
		['Token abc', 'missing'],
	])('%p → %s', (header, verdict) => {
		expect(checkBasicAuth(header, expected)).toBe(verdict);
	});

	it('sameText compares whole texts', () => {
		expect(sameText('abc', 'abc')).toBe(true);
		expect(sameText('abc', 'abd')).toBe(false);
		expect(sameText('abc', 'abcd')).toBe(false);
		expect(sameText('', '')).toBe(true);
		expect(sameText('a\u0000', 'a')).toBe(false);
	});
});

describe('the credential test (local: nothing is sent)', () => {
	const run = async (data: Record<string, unknown>) =>
		await insightlyWebhookAuthTest.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'x',
			type: 'insightlyWebhookAuthApi',
			data: data as never,
		});

	it('accepts a user and a password', async () => {
		expect(await run({ user: 'insightly', password: 'secret' })).toMatchObject({ status: 'OK' });
	});

	it.each([
		[{ user: '', password: 'x' }, 'The user name is empty.'],
		[
			{ user: 'a:b', password: 'x' },
			'The user name contains a colon, which Basic authentication cannot carry.',
		],
		[{ user: 'a', password: '' }, 'The password is empty.'],
		[{}, 'The user name is empty.'],
	])('%p: %s', async (data, message) => {
		expect(credentialProblem(data)).toBe(message);
		expect(await run(data)).toEqual({ status: 'Error', message });
	});
});
