/**
 * A multipart/form-data body built by hand: n8n gives nodes no form-data library to import.
 * Everything written into a part header or a field is checked here, so nothing the user or the
 * input data controls can add a header or a part: the content type must be a bare
 * `type/subtype`, names are quoted, and no value may hold CR, LF or the boundary.
 */
import { isMimeType } from '../utils/files';

export interface MultipartPayload {
	fields: Record<string, string>;
	file: { field: string; data: Buffer; fileName: string; contentType: string };
}

function quoted(value: string): string {
	return value.replace(/["\r\n\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ''));
}

function checkValue(name: string, value: string, boundary: string): string {
	if (/[\r\n]/.test(value) || value.includes(boundary))
		throw new Error(`The multipart field ${name} holds a line break: refused`);
	return value;
}

export function encodeMultipart(
	payload: MultipartPayload,
	boundary: string,
): { body: Buffer; contentType: string } {
	const { file } = payload;
	if (!isMimeType(file.contentType))
		throw new Error(`"${quoted(file.contentType)}" is not a MIME type (type/subtype)`);
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(payload.fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${checkValue(name, value, boundary)}\r\n`,
				'utf8',
			),
		);
	}
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
