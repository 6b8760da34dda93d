import { RECORD_TYPES } from '../../../nodes/Insightly/objects';
import { idListQuery } from '../../../nodes/Insightly/trigger/deletions';

describe('trigger/deletions idListQuery', () => {
	it.each(RECORD_TYPES.filter((type) => type.trigger).map((type) => [type.key, type]))(
		'%s: brief only where the type takes it',
		(_key, type) => {
			expect(idListQuery(type)).toEqual(type.brief ? { brief: true } : {});
		},
	);

	it('sends no brief for users (GET /Users documents none)', () => {
		const user = RECORD_TYPES.find((type) => type.key === 'user');
		expect(user).toMatchObject({ brief: false, trigger: true });
		expect(idListQuery(user!)).toEqual({});
	});
});
