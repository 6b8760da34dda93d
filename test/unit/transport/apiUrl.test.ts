import { resolveApiBaseUrl } from '../../../nodes/Insightly/transport/apiUrl';

const NA1 = 'https://api.na1.insightly.com/v3.1';

describe('resolveApiBaseUrl: what Insightly shows, normalised', () => {
	it.each([
		['https://api.na1.insightly.com/v3.1/', NA1],
		['https://api.na1.insightly.com/v3.1', NA1],
		['https://api.na1.insightly.com/', NA1],
		['https://api.na1.insightly.com', NA1],
		['api.na1.insightly.com', NA1],
		['api.na1.insightly.com/v3.1/', NA1],
		['https://api.na1.insightly.com:443/v3.1/', NA1],
		['HTTPS://API.NA1.INSIGHTLY.COM/V3.1/', NA1],
		['  https://api.na1.insightly.com/v3.1/  ', NA1],
		['\thttps://api.na1.insightly.com/v3.1/\n', NA1],
		// An older version path is still the same account: the node speaks v3.1.
		['https://api.na1.insightly.com/v3.0/', NA1],
		['https://api.na1.insightly.com/v3.1/Help', NA1],
		['https://api.eu1.insightly.com/v3.1/', 'https://api.eu1.insightly.com/v3.1'],
		['https://api.au1.insightly.com/v3.1/', 'https://api.au1.insightly.com/v3.1'],
		['na1', NA1],
		['NA1', NA1],
		[' eu1 ', 'https://api.eu1.insightly.com/v3.1'],
		['na1\n', NA1],
		['au1', 'https://api.au1.insightly.com/v3.1'],
		['aps12', 'https://api.aps12.insightly.com/v3.1'],
	])('%j -> %s', (input, expected) => {
		expect(resolveApiBaseUrl(input, false)).toBe(expected);
		// The opt-in for loopback hosts changes nothing for Insightly's own hosts.
		expect(resolveApiBaseUrl(input, true)).toBe(expected);
	});
});

describe('resolveApiBaseUrl: the host guard refuses everything else', () => {
	it.each([
		// empty and odd values
		'',
		'   ',
		undefined,
		null,
		42,
		{ url: 'na1' },
		// other hosts
		'evil.com',
		'https://evil.com/v3.1/',
		'https://insightly.com/v3.1/',
		'https://api.insightly.com/v3.1/',
		'https://www.insightly.com/',
		'https://api.na1.insightly.com.evil.com/v3.1/',
		'https://api.na1.insightly.com.evil.com',
		'api.na1.insightly.com.',
		'https://api.na1.insightly.co/v3.1/',
		'https://api.na1.insightlyXcom/v3.1/',
		'https://api.na1.insightly.com-evil.com/',
		'https://evil.com/api.na1.insightly.com/',
		'https://evil.com?api.na1.insightly.com',
		'https://evil.com#api.na1.insightly.com',
		'https://xapi.na1.insightly.com/',
		'https://api.na1.evil.insightly.com.evil.com/',
		// plain http must never carry the key to the real API
		'http://api.na1.insightly.com/v3.1/',
		'http://api.na1.insightly.com',
		'ftp://api.na1.insightly.com/',
		'ws://api.na1.insightly.com/',
		'//api.na1.insightly.com/v3.1/',
		'https:/api.na1.insightly.com/',
		'https:\\\\api.na1.insightly.com\\v3.1',
		// userinfo tricks: the real host is the part after '@'
		'https://api.na1.insightly.com@evil.com/',
		'https://api.na1.insightly.com@evil.com',
		'https://api.na1.insightly.com:443@evil.com/',
		'https://api.na1.insightly.com:@evil.com/',
		'https://user:pass@api.na1.insightly.com/v3.1/',
		'https://api.na1.insightly.com%40evil.com/',
		// backslashes: WHATWG URL parsers treat '\' as '/' in https URLs
		'https://evil.com\\@api.na1.insightly.com/',
		'https://api.na1.insightly.com\\@evil.com/',
		'https://api.na1.insightly.com\\.evil.com/',
		// ports other than 443
		'https://api.na1.insightly.com:8443/v3.1/',
		'https://api.na1.insightly.com:80/',
		'https://api.na1.insightly.com:/',
		// whitespace and control characters inside
		'https://api.na1.insightly.com /v3.1/',
		'https://api.na1.insightly.com\t@evil.com/',
		'https://api.na1.insightly.com\n@evil.com/',
		'https://api.na1.insightly.com/v3.1/\n@evil.com',
		'https://api.na1.insightly.com\u0000.evil.com/',
		'na1 evil.com',
		'na1/evil.com',
		// unicode look-alikes (full-width dot, Cyrillic а, dotless ı, Kelvin sign)
		'https://api.na1.insightly\uFF0Ecom/',
		'https://\u0430pi.na1.insightly.com/',
		'https://api.na1.ins\u0131ghtly.com/',
		'https://api.na1.insightly.com\u3002evil.com/',
		'\u212Aa1',
		// pod-shaped strings that are not pods
		'na',
		'na123',
		'n1',
		'na1.evil.com',
		'na1@evil.com',
		// query or fragment right after the host
		'https://api.na1.insightly.com?x=1',
		'https://api.na1.insightly.com#x',
	])('refuses %j', (input) => {
		expect(resolveApiBaseUrl(input, false)).toBe('');
		expect(resolveApiBaseUrl(input, true)).toBe('');
	});

	// A wide net for anything that parses as a URL: whatever was accepted must, once parsed the
	// way n8n's HTTP client parses it, point at https://api.<pod>.insightly.com exactly.
	it('every accepted URL-like input resolves to https on an api.<pod>.insightly.com host', () => {
		const hosts = [
			'api.na1.insightly.com',
			'evil.com',
			'api.na1.insightly.com.evil.com',
			'127.0.0.1',
		];
		const glue = ['', '@', ':@', ':443@', '\\', '/', '.', '%2e', '#', '?', ' ', '\t', ';'];
		for (const first of hosts)
			for (const joint of glue)
				for (const second of hosts)
					for (const scheme of ['https://', 'http://', '']) {
						const input = `${scheme}${first}${joint}${second}`;
						const resolved = resolveApiBaseUrl(input, false);
						if (resolved === '') continue;
						const url = new URL(`${resolved}/Users/Me`);
						expect({ input, protocol: url.protocol, host: url.host }).toEqual({
							input,
							protocol: 'https:',
							host: expect.stringMatching(/^api\.[a-z0-9-]+\.insightly\.com$/),
						});
					}
	});
});

describe('resolveApiBaseUrl: loopback hosts need the explicit opt-in', () => {
	it.each([
		['http://localhost:8080', 'http://localhost:8080/v3.1'],
		['http://localhost:8080/v3.1/', 'http://localhost:8080/v3.1'],
		['http://127.0.0.1:3000/v3.1', 'http://127.0.0.1:3000/v3.1'],
		['https://127.0.0.1:3000/', 'https://127.0.0.1:3000/v3.1'],
		['http://[::1]:3000/v3.1/', 'http://[::1]:3000/v3.1'],
		['localhost:3000', 'http://localhost:3000/v3.1'],
		['127.0.0.1', 'http://127.0.0.1/v3.1'],
		['localhost', 'http://localhost/v3.1'],
		// Surrounding whitespace is trimmed, as for Insightly's own URL.
		['http://localhost:3000\n', 'http://localhost:3000/v3.1'],
		['HTTP://LOCALHOST:3000', 'http://localhost:3000/v3.1'],
	])('%s -> %s only with allowLocalhost === true', (input, expected) => {
		expect(resolveApiBaseUrl(input, true)).toBe(expected);
		expect(resolveApiBaseUrl(input, false)).toBe('');
		expect(resolveApiBaseUrl(input, undefined)).toBe('');
		// The opt-in is a boolean set by the user, not anything truthy.
		expect(resolveApiBaseUrl(input, 'true')).toBe('');
		expect(resolveApiBaseUrl(input, 1)).toBe('');
	});

	it.each([
		'http://localhost@evil.com/',
		'http://localhost:3000@evil.com/',
		'http://127.0.0.1:3000@evil.com',
		'http://localhost.evil.com/',
		'http://127.0.0.1.nip.io/',
		'http://localhost\\@evil.com/',
		'http://evil.com\\@localhost/',
		'http://[::1]@evil.com/',
		'http://evil.com#@localhost/',
		'http://0.0.0.0:3000/',
		'http://127.1:3000/',
		'http://[::ffff:127.0.0.1]:3000/',
		'http://localhost:3000 /v3.1',
		'file://localhost/etc/passwd',
		'ws://localhost:3000/',
	])('refuses %j even with the opt-in', (input) => {
		expect(resolveApiBaseUrl(input, true)).toBe('');
	});
});
