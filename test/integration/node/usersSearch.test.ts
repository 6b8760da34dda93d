/**
 * Users' search may take only one filter (registry: oneSearchFilter): Field Equals goes to
 * Insightly, Updated After is applied by the node, and the limit after both.
 */
import { jsonOf, rows, sentRequests, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

it('sends the field filter only, and keeps the users updated after the date', async () => {
	const users = rows(sandbox, 'Users');
	const target = users[0];
	sandbox.clearLog();
	const out = await run({
		resource: 'user',
		operation: 'getAll',
		limit: 5,
		filters: {
			fieldName: 'EMAIL_ADDRESS',
			fieldValue: String(target.EMAIL_ADDRESS),
			updatedAfter: '2000-01-01T00:00:00Z',
		},
	});
	expect(jsonOf(out).map((user) => user.USER_ID)).toEqual([target.USER_ID]);
	const [request] = sentRequests(sandbox);
	expect(request.path).toBe('/Users/Search');
	expect(request.query).toMatchObject({ field_name: 'EMAIL_ADDRESS' });
	expect(request.query.updated_after_utc).toBeUndefined();

	const none = await run({
		resource: 'user',
		operation: 'getAll',
		filters: {
			fieldName: 'EMAIL_ADDRESS',
			fieldValue: String(target.EMAIL_ADDRESS),
			updatedAfter: '2999-01-01T00:00:00Z',
		},
	});
	expect(jsonOf(none)).toEqual([]);
});

it('other types still send both filters to Insightly', async () => {
	sandbox.clearLog();
	await run({
		resource: 'contact',
		operation: 'getAll',
		filters: { fieldName: 'FIRST_NAME', fieldValue: 'Ada', updatedAfter: '2000-01-01T00:00:00Z' },
	});
	expect(sentRequests(sandbox)[0].query).toMatchObject({
		field_name: 'FIRST_NAME',
		updated_after_utc: '2000-01-01T00:00:00Z',
	});
});
