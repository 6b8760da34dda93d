/**
 * The registry (nodes/Insightly/objects.ts) against Insightly's spec: every fact an entry states
 * is a path or parameter the spec documents, and every verb the spec documents for a type's own
 * paths is either in the entry or deliberately left out (listed below). Plus: no module outside
 * the registry names a record type.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';

import {
	ATTACHED_RESOURCES,
	NOTE_PARENTS,
	RECORD_TYPES,
	supports,
	typesWith,
	type AttachedResource,
	type RecordOperation,
	type RecordType,
} from '../../nodes/Insightly/objects';
import { OPERATIONS_BY_RESOURCE } from '../../nodes/Insightly/actions';
import { loadSwagger } from './swagger';

const paths = loadSwagger().paths;

/** The spec's path template of a type (custom object records share `/{objectName}`). */
function base(type: RecordType): string {
	return type.custom ? '/{objectName}' : `/${type.path}`;
}
function documented(method: string, path: string): boolean {
	return paths[path]?.[method.toLowerCase() as 'get'] !== undefined;
}
function queryParameters(method: string, path: string): string[] {
	const operation = paths[path]?.[method.toLowerCase() as 'get'];
	return (operation?.parameters ?? [])
		.filter((parameter) => parameter.in === 'query')
		.map((parameter) => parameter.name);
}
/** The spec's name of the id segment of a type's record paths. */
function recordPath(type: RecordType, sub = ''): string | undefined {
	const candidates = Object.keys(paths).filter((path) =>
		new RegExp(`^${base(type).replace(/[{}]/g, '\\$&')}/\\{[^}/]+\\}${sub}$`).test(path),
	);
	return candidates[0];
}

/** What each registry operation means in the spec. */
const OPERATION_PATHS: Record<RecordOperation, (type: RecordType) => [string, string | undefined]> =
	{
		create: (type) => ['POST', base(type)],
		update: (type) => ['PUT', base(type)],
		upsert: (type) => ['POST', base(type)],
		delete: (type) => ['DELETE', recordPath(type)],
		get: (type) => ['GET', recordPath(type)],
		getAll: (type) => ['GET', base(type)],
		search: (type) => ['GET', `${base(type)}/Search`],
		getCurrent: (type) => ['GET', `${base(type)}/Me`],
		setPipeline: (type) => ['PUT', recordPath(type, '/Pipeline')],
		setPipelineStage: (type) => ['PUT', recordPath(type, '/PipelineStage')],
		changeState: (type) => ['PUT', recordPath(type, '/StateChange')],
	};

const ATTACHED_PATHS: Record<AttachedResource, (type: RecordType) => [string, string | undefined]> =
	{
		tag: (type) => ['POST', recordPath(type, '/Tags')],
		link: (type) => ['POST', recordPath(type, '/Links')],
		// Upload and list: a type whose files can only be listed (emails) does not offer them.
		fileAttachment: (type) => ['POST', recordPath(type, '/FileAttachments')],
		follow: (type) => ['POST', recordPath(type, '/Follow')],
	};

/** Documented operations a type deliberately does not offer, with the reason (see objects.ts). */
const LEFT_OUT: Record<string, RecordOperation[]> = {
	// Team membership decides who sees records: an administrator's act, read only here.
	team: ['create', 'update', 'delete', 'upsert'],
};

describe.each(RECORD_TYPES.map((type) => [type.key, type] as const))(
	'registry: %s',
	(_key, type) => {
		it('every operation it lists is documented', () => {
			for (const operation of type.operations) {
				if (operation === 'create' && type.createdThroughParent) {
					for (const parent of NOTE_PARENTS)
						expect(documented('POST', recordPath(parent, `/${type.path}`) ?? '')).toBe(true);
					continue;
				}
				const [method, path] = OPERATION_PATHS[operation](type);
				expect(`${operation}: ${method} ${path}: ${documented(method, path ?? '')}`).toBe(
					`${operation}: ${method} ${path}: true`,
				);
			}
		});

		it('lists every operation the spec documents on its own paths', () => {
			const offered = (Object.keys(OPERATION_PATHS) as RecordOperation[]).filter((operation) => {
				const [method, path] = OPERATION_PATHS[operation](type);
				return path !== undefined && documented(method, path);
			});
			// Create or Update needs a collection to create in; notes are created on a parent record.
			const expected = offered.filter(
				(operation) =>
					!(LEFT_OUT[type.key] ?? []).includes(operation) &&
					!(operation === 'upsert' && (type.createdThroughParent || !supports(type, 'update'))) &&
					!(operation === 'create' && type.createdThroughParent),
			);
			const listed = type.operations.filter(
				(operation) => !(operation === 'create' && type.createdThroughParent),
			);
			expect([...listed].sort()).toEqual(expected.sort());
		});

		it('has exactly the attached resources the spec documents', () => {
			const documentedResources = ATTACHED_RESOURCES.filter((resource) => {
				const [method, path] = ATTACHED_PATHS[resource](type);
				return path !== undefined && documented(method, path);
			});
			expect([...type.attached].sort()).toEqual([...documentedResources].sort());
		});

		it('states search by tag, brief, notes, categories and the trigger as the spec has them', () => {
			expect(type.searchByTag).toBe(documented('GET', `${base(type)}/SearchByTag`));
			expect(type.brief).toBe(queryParameters('GET', base(type)).includes('brief'));
			expect(type.noteParent).toBe(documented('POST', recordPath(type, '/Notes') ?? ''));
			if (type.createdThroughParent) expect(documented('POST', base(type))).toBe(false);
			if (type.categoryPath) expect(documented('GET', `/${type.categoryPath}`)).toBe(true);
			// The trigger asks /Search for what changed since its cursor.
			expect(type.trigger).toBe(
				queryParameters('GET', `${base(type)}/Search`).includes('updated_after_utc'),
			);
		});

		it('is dispatched exactly for its operations', () => {
			expect([...(OPERATIONS_BY_RESOURCE.get(type.key)?.keys() ?? [])].sort()).toEqual(
				[...type.operations].sort(),
			);
		});
	},
);

describe('attached resources', () => {
	it('contacts carry every attached resource (the Record Type default of each)', () => {
		for (const resource of ATTACHED_RESOURCES)
			expect(typesWith(resource).map((type) => type.key)).toContain('contact');
	});
});

describe('no record-type special case outside the registry', () => {
	const root = resolve(__dirname, '../..');
	const files = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
		});
	// 'event' is left out: it is also the trigger's Event parameter.
	const names = new Set(
		RECORD_TYPES.flatMap((type) => [type.key, type.path]).filter(
			(name) => name && name !== 'event',
		),
	);
	/** A string literal of code (prose has spaces) naming a type: 'user', '/Users', `/Users/${id}`. */
	const namesType = (literal: string) => {
		if (/\s/.test(literal)) return false;
		const first = literal.replace(/^\//, '').split(/[/?]/)[0];
		return names.has(first);
	};
	const literals = (line: string) =>
		[...line.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)].map(
			(match) => match[1] ?? match[2] ?? match[3],
		);

	it('the check sees a special case', () => {
		expect(literals("if (type.key === 'user') path = `/Users/${id}`;").filter(namesType)).toEqual([
			'user',
			'/Users/${id}',
		]);
		expect(literals("description: 'Find users, e.g. /Users/Search'").filter(namesType)).toEqual([]);
	});

	it('names no record type key or path in code outside objects.ts', () => {
		const offending = [...files(join(root, 'nodes')), ...files(join(root, 'credentials'))]
			.filter((file) => !/objects\.ts$|fields\.generated\.ts$/.test(file))
			.flatMap((file) =>
				readFileSync(file, 'utf8')
					.split('\n')
					.map((line, index) => ({ line: line.trim(), at: `${relative(root, file)}:${index + 1}` }))
					.filter(
						({ line }) =>
							!/^(\*|\/\/|\/\*\*)/.test(line) &&
							// n8n wants literal parameter defaults; placeholders are examples for people;
							// a parameter may be called 'user'.
							!/^(default|placeholder|name): /.test(line) &&
							literals(line).some(namesType),
					)
					.map(({ line, at }) => `${at}: ${line}`),
			);
		expect(offending).toEqual([]);
	});
});
