import { wordsFor } from '../../../nodes/Insightly/actions/operation';
import { getRecordType, RECORD_TYPES } from '../../../nodes/Insightly/objects';

describe('the action texts of the node panel', () => {
	it('take the article the word is said with', () => {
		expect(wordsFor(getRecordType('user')).a).toBe('a');
		expect(wordsFor(getRecordType('email')).a).toBe('an');
		expect(wordsFor(getRecordType('opportunity')).a).toBe('an');
		expect(wordsFor(getRecordType('organisation')).a).toBe('an');
		expect(wordsFor(getRecordType('event')).a).toBe('an');
		expect(wordsFor(getRecordType('contact')).a).toBe('a');
	});

	it('never write "an" before a "you" sound', () => {
		const wrong = RECORD_TYPES.map((type) => wordsFor(type)).filter(
			({ a, one }) => a === 'an' && /^u(s|ni)/.test(one),
		);
		expect(wrong).toEqual([]);
	});
});
