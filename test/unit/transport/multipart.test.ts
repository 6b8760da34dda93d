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
