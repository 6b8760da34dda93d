import { webUrlOf } from '../../../nodes/Insightly/methods/listSearch';
import { getRecordType } from '../../../nodes/Insightly/objects';

describe("the record picker's link to Insightly's web app", () => {
	it('is the pod of the API URL and the type web-app name', () => {
		expect(webUrlOf('https://api.na1.insightly.com/v3.1', getRecordType('contact'), '42')).toBe(
			'https://crm.na1.insightly.com/details/Contact/42',
		);
		expect(webUrlOf('https://api.eu1.insightly.com/v3.1', getRecordType('quote'), '7')).toBe(
			'https://crm.eu1.insightly.com/details/Quotation/7',
		);
	});

	it('is left out for the sandbox and for types without a web page', () => {
		expect(webUrlOf('http://127.0.0.1:8787/v3.1', getRecordType('contact'), '42')).toBeUndefined();
		expect(
			webUrlOf('https://api.na1.insightly.com/v3.1', getRecordType('user'), '1'),
		).toBeUndefined();
	});
});
