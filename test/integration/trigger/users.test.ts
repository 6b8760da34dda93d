/**
 * Users: a record type whose lists document no `brief` parameter (GET /Users, /Users/Search).
 * The trigger watches them like any other type and never sends brief for them.
 */
import type { IDataObject } from 'n8n-workflow';

import { MINUTE, triggerRig, type TriggerRig } from './harness';

let rig: TriggerRig;
afterEach(async () => await rig?.stop());

const userParameters = (event: string) => ({
	resource: 'user',
	event,
	dailyRequestBudget: 1_000_000,
});

/** The stored user: the API cannot write users, so the test plays Insightly's admin screen. */
function storedUser(rig: TriggerRig, id: number) {
	const users = rig.sandbox.state.collection(rig.sandbox.state.type('Users')!);
	return users.get(id)!;
}

/** A user added to the instance (the sandbox stamps its creation time). */
function createUser(rig: TriggerRig, firstName: string): number {
	const id = rig.sandbox.records.create('/Users', {}).USER_ID as number;
	storedUser(rig, id).fields.FIRST_NAME = firstName;
	return id;
}

function renameUser(rig: TriggerRig, id: number, firstName: string): void {
	const user = storedUser(rig, id);
	user.fields.FIRST_NAME = firstName;
	user.updated = rig.sandbox.clock.now();
}

/** Every request the sandbox received as [path, brief], to show brief is never sent. */
const briefs = (rig: TriggerRig) =>
	rig.sandbox.log().map((entry) => [entry.path, entry.query.brief]);

it('New Record: a user created after activation is emitted once, and no request carries brief', async () => {
	rig = await triggerRig({ parameters: userParameters('newRecord') });
	const before = createUser(rig, 'Ada');
	rig.advance(5 * MINUTE);
	expect(await rig.poll()).toEqual([]); // seed: existing users are not new
	rig.advance(MINUTE);
	const id = createUser(rig, 'Grace');
	const emitted = await rig.poll();
	expect(emitted.map((user: IDataObject) => [user.USER_ID, user.FIRST_NAME])).toEqual([
		[id, 'Grace'],
	]);
	rig.advance(30_000); // inside the overlap: re-read, not re-emitted
	expect(await rig.poll()).toEqual([]);
	rig.advance(MINUTE);
	renameUser(rig, id, 'Grace B.');
	expect(await rig.poll()).toEqual([]); // an update is not a new record
	expect(before).not.toBe(id);
	expect(briefs(rig)).toEqual(Array(4).fill(['/v3.1/Users/Search', undefined]));
});

it('Deleted Record: lists users without brief and reports a removed one', async () => {
	rig = await triggerRig({ parameters: userParameters('deletedRecord') });
	const ids = ['Ada', 'Grace', 'Katherine'].map((name) => createUser(rig, name));
	expect(await rig.poll()).toEqual([]); // the first listing is the reference
	rig.advance(MINUTE);
	rig.sandbox.records.remove('/Users', ids[1]);
	expect(await rig.poll()).toEqual([{ USER_ID: ids[1], deleted: true }]);
	expect(await rig.fetchTestEvent()).toEqual([{ USER_ID: expect.any(Number), deleted: true }]);
	expect(briefs(rig)).toEqual(Array(3).fill(['/v3.1/Users', undefined]));
});

it('Updated Record: a user changed after activation is emitted', async () => {
	rig = await triggerRig({ parameters: userParameters('updatedRecord') });
	const id = createUser(rig, 'Ada');
	rig.advance(5 * MINUTE);
	expect(await rig.poll()).toEqual([]);
	rig.advance(MINUTE);
	renameUser(rig, id, 'Ada L.');
	expect((await rig.poll()).map((user: IDataObject) => [user.USER_ID, user.FIRST_NAME])).toEqual([
		[id, 'Ada L.'],
	]);
	expect(briefs(rig).every(([, brief]) => brief === undefined)).toBe(true);
});
