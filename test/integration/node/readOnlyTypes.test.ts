/**
 * The record types the API only reads (and emails, which it can also delete): Get, Get Many and
 * Search through the node's real execute path against the sandbox's seeded records, Simplify
 * and Brief where they apply, and the requests sent.
 */
import { nodeProperties } from '../../../nodes/Insightly/actions';
import { RECORD_TYPES, supports, type RecordType } from '../../../nodes/Insightly/objects';
import { byId, jsonOf, pathOf, rows, sentRequests, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

const READ_ONLY = RECORD_TYPES.filter(
	(type) => !supports(type, 'create') && !supports(type, 'getCurrent'),
);

it('covers emails, milestones, price book entries, line items and teams', () => {
	expect(READ_ONLY.map((type) => type.key).sort()).toEqual(
		[
			'email',
			'milestone',
			'opportunityLineItem',
			'pricebookEntry',
			'quotationLineItem',
			'team',
		].sort(),
	);
});

describe.each(READ_ONLY.map((type) => [type.key, type] as const))(
	'%s',
	(_key, type: RecordType) => {
		it('gets one seeded record by id, and many with a limit', async () => {
			const all = rows(sandbox, pathOf(type));
			expect(all.length).toBeGreaterThan(1);
			const id = all[1][type.idField] as number;
			sandbox.clearLog();

			const [got] = await run({ resource: type.key, operation: 'get', recordId: byId(id) });
			expect(got.json[type.idField]).toBe(id);

			const many = await run({ resource: type.key, operation: 'getAll', limit: 2 });
			expect(jsonOf(many).map((json) => json[type.idField])).toEqual(
				all.slice(0, 2).map((row) => row[type.idField]),
			);
			expect(sentRequests(sandbox).map(({ method, path }) => `${method} ${path}`)).toEqual([
				`GET /${type.path}/${id}`,
				`GET /${type.path}`,
			]);
		});

		if (supports(type, 'search')) {
			it('searches by a field, exactly, with Brief', async () => {
				const target = rows(sandbox, pathOf(type))[0];
				const field = type.nameFields[0];
				sandbox.clearLog();
				const out = await run({
					resource: type.key,
					operation: 'search',
					searchField: field,
					searchValue: String(target[field]),
					returnAll: true,
					options: { brief: true },
				});
				const matching = rows(sandbox, pathOf(type)).filter(
					(row) => String(row[field]) === String(target[field]),
				);
				expect(jsonOf(out).map((json) => json[type.idField])).toEqual(
					matching.map((row) => row[type.idField]),
				);
				expect(sentRequests(sandbox)[0]).toMatchObject({
					path: `/${type.path}/Search`,
					query: { field_name: field, field_value: String(target[field]), brief: 'true' },
				});
			});
		} else {
			it('has no search, so Get Many offers no Filters (n8n drops a hidden one): a plain list', async () => {
				const filters = nodeProperties.filter(
					(property) =>
						property.name === 'filters' &&
						(property.displayOptions?.show?.resource as string[]).includes(type.key),
				);
				expect(filters).toEqual([]);
				sandbox.clearLog();
				await run({
					resource: type.key,
					operation: 'getAll',
					filters: { updatedAfter: '2025-01-01T00:00:00Z' },
				});
				expect(sentRequests(sandbox).map(({ path }) => path)).toEqual([`/${type.path}`]);
			});
		}

		it('is not offered operations the API lacks', async () => {
			const [out] = await run(
				{ resource: type.key, operation: 'create' },
				{ continueOnFail: true },
			);
			expect(String(out.json.error)).toMatch(/not supported for/);
		});
	},
);

describe('email', () => {
	it('delete removes the email', async () => {
		const id = rows(sandbox, 'Emails')[0].EMAIL_ID as number;
		const [out] = await run({ resource: 'email', operation: 'delete', recordId: byId(id) });
		expect(out.json).toEqual({ EMAIL_ID: id, deleted: true });
		expect(rows(sandbox, 'Emails').some((row) => row.EMAIL_ID === id)).toBe(false);
	});
});
