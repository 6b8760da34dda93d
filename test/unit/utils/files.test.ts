import { fileNameOf } from '../../../nodes/Insightly/actions/fileAttachment/download.operation';
import { isMimeType, safeFileName } from '../../../nodes/Insightly/utils/files';

describe('safeFileName', () => {
	it.each([
		['report.pdf', 'report.pdf'],
		['../../etc/passwd', 'passwd'],
		['C:\\Users\\me\\notes.txt', 'notes.txt'],
		['evil\r\nX-Injected: 1.txt', 'evilX-Injected: 1.txt'],
		['"quoted".txt', 'quoted.txt'],
		['..', 'fallback'],
		['', 'fallback'],
		[undefined, 'fallback'],
	])('%j -> %j', (name, expected) => {
		expect(safeFileName(name, 'fallback')).toBe(expected);
	});

	it('a download name from filename* loses its CR/LF and path', () => {
		const header = "attachment; filename*=UTF-8''..%2F..%2Fa%0D%0Ab.txt";
		expect(fileNameOf(header)).toBe('../../a\r\nb.txt');
		expect(safeFileName(fileNameOf(header), 'file-1')).toBe('ab.txt');
	});
});

describe('isMimeType', () => {
	it('takes a bare type/subtype only', () => {
		expect(isMimeType('application/vnd.ms-excel')).toBe(true);
		expect(isMimeType('image/svg+xml')).toBe(true);
		expect(isMimeType('text/plain\r\nX: 1')).toBe(false);
		expect(isMimeType('text/plain; charset=utf-8')).toBe(false);
	});
});
