/** A multipart/form-data body built by hand: n8n gives nodes no form-data library to import. */
export interface MultipartPayload {
	fields: Record<string, string>;
	file: { field: string; data: Buffer; fileName: string; contentType: string };
}

function quoted(value: string): string {
	return value.replace(/["\r\n\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ''));
}

export function encodeMultipart(
	payload: MultipartPayload,
	boundary: string,
): { body: Buffer; contentType: string } {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(payload.fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	const { file } = payload;
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.fileName)}"\r\n` +
				`Content-Type: ${file.contentType}\r\n\r\n`,
			'utf8',
		),
	);
	parts.push(file.data);
	parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
