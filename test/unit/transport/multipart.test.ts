import { encodeMultipart } from '../../../nodes/Insightly/transport/multipart';

describe('encodeMultipart', () => {
	it('writes fields, then the file with its name and type, and a closing boundary', () => {
		const data = Buffer.from([0, 1, 2, 255]);
		const { body, contentType } = encodeMultipart(
			{
				fields: { NOTE_ID: '12' },
				file: { field: 'file', data, fileName: 'a.bin', contentType: 'application/octet-stream' },
			},
			'XyZ',
		);
		expect(contentType).toBe('multipart/form-data; boundary=XyZ');
		const expected = Buffer.concat([
			Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="NOTE_ID"\r\n\r\n12\r\n'),
			Buffer.from(
				'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n',
			),
			data,
			Buffer.from('\r\n--XyZ--\r\n'),
		]);
		expect(body.equals(expected)).toBe(true);
	});

	it('a file name cannot break out of its header (quotes, CR/LF)', () => {
		const { body } = encodeMultipart(
			{
				fields: {},
				file: {
					field: 'file',
					data: Buffer.from('x'),
					fileName: 'evil"\r\nX-Injected: 1.txt',
					contentType: 'text/plain',
				},
			},
			'B',
		);
		const text = body.toString('utf8');
		expect(text).toContain('filename="evil%22X-Injected: 1.txt"');
		expect(text.split('\r\n').some((line) => line.startsWith('X-Injected'))).toBe(false);
	});
});

describe('encodeMultipart: nothing from the data can add a header or a part', () => {
	const file = { field: 'file', data: Buffer.from('x'), fileName: 'a.txt' };

	it.each([
		['CRLF and an injected header', 'text/plain\r\nX-Injected: 1'],
		['a parameter', 'text/plain; charset=utf-8'],
		['no subtype', 'text'],
		['spaces', 'text/ plain'],
	])('refuses a content type with %s', (_name, contentType) => {
		expect(() =>
			encodeMultipart({ fields: {}, file: { ...file, contentType } }, 'BOUNDARY'),
		).toThrow(/not a MIME type/);
	});

	it('refuses a field value holding a line break or the boundary', () => {
		const encode = (value: string) =>
			encodeMultipart(
				{ fields: { file_name: value }, file: { ...file, contentType: 'text/plain' } },
				'BOUNDARY',
			);
		expect(() => encode('a\r\n--BOUNDARY\r\nContent-Disposition: form-data; name="x"')).toThrow(
			/line break/,
		);
		expect(() => encode('--BOUNDARY')).toThrow(/line break/);
		expect(() => encode('report.txt')).not.toThrow();
	});
});
