/** A small multipart/form-data parser for file attachment uploads (one request body in memory). */
import { badRequest } from './errors';

export interface FormFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface FormData {
	fields: Record<string, string>;
	files: FormFile[];
}

export function parseMultipart(body: Buffer, contentType: string): FormData {
	const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!/^multipart\/form-data/i.test(contentType) || !boundaryMatch) {
		throw badRequest('The request must be multipart/form-data.');
	}
	const delimiter = Buffer.from(`--${boundaryMatch[1] ?? boundaryMatch[2]}`);
	const result: FormData = { fields: {}, files: [] };
	let start = body.indexOf(delimiter);
	if (start < 0) throw badRequest('Malformed multipart body: boundary not found.');
	while (true) {
		start += delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break; // closing delimiter
		start += 2; // CRLF after the delimiter
		const end = body.indexOf(delimiter, start);
		if (end < 0) throw badRequest('Malformed multipart body: unterminated part.');
		const part = body.subarray(start, end - 2); // drop the CRLF before the next delimiter
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) throw badRequest('Malformed multipart body: part without headers.');
		const headers = part.subarray(0, headerEnd).toString('utf8');
		const data = part.subarray(headerEnd + 4);
		const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
		const field = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		if (field === undefined) throw badRequest('Malformed multipart body: part without a name.');
		if (filename !== undefined) {
			const type =
				/content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
			result.files.push({ field, filename, contentType: type, data: Buffer.from(data) });
		} else {
			result.fields[field] = data.toString('utf8');
		}
		start = end;
	}
	return result;
}
