import {
	MAX_RECORD_URL,
	recordIdFromUrl,
	recordUrlPattern,
} from '../../../nodes/Insightly/utils/recordUrl';

const CONTACT = { webName: 'Contact', displayName: 'Contact' };
const idOf = (url: string) => recordIdFromUrl(url, CONTACT, 'Record', 0);

describe('recordIdFromUrl', () => {
	it('reads the ID of a record URL of the expected type, on any Insightly pod', () => {
		expect(idOf('https://crm.na1.insightly.com/details/Contact/123456')).toBe(123456);
		expect(idOf('https://crm.eu1.insightly.com/details/contact/42/')).toBe(42);
		expect(idOf('https://crm.na1.insightly.com/details/Contact/7?tab=notes#top')).toBe(7);
	});

	it('refuses the URL of another record type by name', () => {
		expect(() => idOf('https://crm.na1.insightly.com/details/Organisation/42')).toThrow(
			'this is the URL of Organisation 42, not of a Contact',
		);
	});

	it('takes the ID right after the type: a later /details/… in the query is not read', () => {
		expect(
			idOf('https://crm.na1.insightly.com/details/Contact/1?returnTo=/details/Contact/999'),
		).toBe(1);
	});

	it.each([
		['another host', 'https://evil.example/details/Contact/1'],
		['a look-alike host', 'https://crm.insightly.com.evil.example/details/Contact/1'],
		['plain http', 'http://crm.na1.insightly.com/details/Contact/1'],
		['a path before details', 'https://crm.na1.insightly.com/x/details/Contact/1'],
		['no ID', 'https://crm.na1.insightly.com/details/Contact/'],
		['an ID with letters', 'https://crm.na1.insightly.com/details/Contact/12ab'],
		['not a string', 42],
	])('refuses %s', (_name, url) => {
		expect(() => recordIdFromUrl(url, CONTACT, 'Record', 0)).toThrow(
			/not the URL of an Insightly record/,
		);
	});

	it('refuses input over the length cap before matching', () => {
		const long = `https://crm.na1.insightly.com/details/Contact/1?${'a'.repeat(MAX_RECORD_URL)}`;
		expect(() => idOf(long)).toThrow(`longer than ${MAX_RECORD_URL} characters`);
	});
});

describe('recordUrlPattern (the editor-side check of each type)', () => {
	it('is anchored and matches only its own type', () => {
		const contact = new RegExp(recordUrlPattern('Contact'));
		expect(contact.exec('https://crm.na1.insightly.com/details/Contact/5')?.[1]).toBe('5');
		expect(contact.test('https://crm.na1.insightly.com/details/Organisation/5')).toBe(false);
		expect(contact.test('see https://crm.na1.insightly.com/details/Contact/5')).toBe(false);
	});
});
