/**
 * Tags, links, file attachments and follows on every record type that has them, through the
 * node's real execute path: items returned, requests sent, and the sandbox's data afterwards.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	CUSTOM_OBJECT_RECORD,
	typesWith,
	type AttachedResource,
	type RecordType,
} from '../../../nodes/Insightly/objects';
import { binaryToBuffer } from '../../helpers/n8n';
import { byId, FRUIT, jsonOf, pathOf, seeded, sentRequests, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox();

const typesCarrying = (resource: AttachedResource) =>
	typesWith(resource).map((type) => [type.key, type] as const);

/** A record of this type: seeded when the seed has one, else made directly in the sandbox. */
function recordOf(type: RecordType): number {
	const existing = sandbox.records.list(pathOf(type))[0] as IDataObject | undefined;
	if (existing) return existing[type.idField] as number;
	const bodies: Record<string, IDataObject> = {
		product: { PRODUCT_NAME: 'P', DEFAULT_PRICE: 1, ACTIVE: true },
		quote: { QUOTATION_NAME: 'Q', OPPORTUNITY_ID: seeded(sandbox, 'Opportunities').OPPORTUNITY_ID },
	};
	return sandbox.records.create(pathOf(type), bodies[type.key] ?? {})[type.idField] as number;
}

function target(type: RecordType, id: number): IDataObject {
	return {
		recordType: type.key,
		recordId: byId(id),
		...(type.key === CUSTOM_OBJECT_RECORD ? { customObjectName: FRUIT } : {}),
	};
}

const lines = () =>
	sentRequests(sandbox).map(({ method, path, query, body }) => ({ method, path, query, body }));

describe.each(typesCarrying('tag'))('tags on %s', (_key, type) => {
	it('add, list and remove a tag', async () => {
		const id = recordOf(type);
		const base = `/${pathOf(type)}/${id}/Tags`;
		sandbox.clearLog();
		const added = await run({
			resource: 'tag',
			operation: 'add',
			...target(type, id),
			tagName: '  Hot Lead ',
		});
		expect(jsonOf(added)).toEqual([{ [type.idField]: id, TAG_NAME: 'Hot Lead', added: true }]);
		const listed = await run({
			resource: 'tag',
			operation: 'getAll',
			...target(type, id),
			returnAll: true,
		});
		expect(jsonOf(listed)).toContainEqual({ TAG_NAME: 'Hot Lead' });
		const removed = await run({
			resource: 'tag',
			operation: 'remove',
			...target(type, id),
			tagName: 'Hot Lead',
		});
		expect(jsonOf(removed)).toEqual([{ [type.idField]: id, TAG_NAME: 'Hot Lead', removed: true }]);
		expect(lines()).toEqual([
			{ method: 'POST', path: base, query: {}, body: { TAG_NAME: 'Hot Lead' } },
			{ method: 'GET', path: base, query: {}, body: undefined },
			{ method: 'DELETE', path: base, query: {}, body: { TAG_NAME: 'Hot Lead' } },
		]);
		const stored = sandbox.records
			.list(pathOf(type))
			.find((row: IDataObject) => row[type.idField] === id) as IDataObject;
		expect((stored.TAGS as IDataObject[]).map((tag) => tag.TAG_NAME)).not.toContain('Hot Lead');
	});
});

describe.each(typesCarrying('link'))('links on %s', (_key, type) => {
	it('add with a role, list and remove a link', async () => {
		const id = recordOf(type);
		const org = seeded(sandbox, 'Organisations', (row) => row.ORGANISATION_ID !== id)
			.ORGANISATION_ID as number;
		const base = `/${pathOf(type)}/${id}/Links`;
		sandbox.clearLog();
		const [added] = await run({
			resource: 'link',
			operation: 'add',
			...target(type, id),
			linkObjectName: 'Organisation',
			linkObjectId: String(org),
			linkFields: { role: 'Supplier', details: 'Since 2020' },
		});
		expect(added.json).toMatchObject({
			LINK_OBJECT_NAME: 'Organisation',
			LINK_OBJECT_ID: org,
			ROLE: 'Supplier',
			DETAILS: 'Since 2020',
		});
		const linkId = added.json.LINK_ID as number;
		const listed = await run({
			resource: 'link',
			operation: 'getAll',
			...target(type, id),
			returnAll: true,
		});
		expect(jsonOf(listed)).toContainEqual(
			expect.objectContaining({ LINK_ID: linkId, ROLE: 'Supplier' }),
		);
		const removed = await run({
			resource: 'link',
			operation: 'remove',
			...target(type, id),
			linkId: String(linkId),
		});
		expect(jsonOf(removed)).toEqual([{ [type.idField]: id, LINK_ID: linkId, removed: true }]);
		expect(lines()).toEqual([
			{
				method: 'POST',
				path: base,
				query: {},
				body: {
					LINK_OBJECT_NAME: 'Organisation',
					LINK_OBJECT_ID: org,
					ROLE: 'Supplier',
					DETAILS: 'Since 2020',
				},
			},
			{ method: 'GET', path: base, query: {}, body: undefined },
			{ method: 'DELETE', path: `${base}/${linkId}`, query: {}, body: undefined },
		]);
		expect(sandbox.state.links.has(linkId)).toBe(false);
	});
});

describe.each(typesCarrying('fileAttachment'))('file attachments on %s', (_key, type) => {
	it('upload from binary data, list, download to binary data, delete', async () => {
		const id = recordOf(type);
		const content = Buffer.from(`report for ${type.key}\n`);
		const items: INodeExecutionData[] = [
			{
				json: {},
				binary: {
					data: {
						data: content.toString('base64'),
						mimeType: 'text/plain',
						fileName: 'report.txt',
					},
				},
			},
		];
		const category = sandbox.state.categories.FileCategories.rows[0].CATEGORY_ID as number;
		sandbox.clearLog();
		const [uploaded] = await run(
			{
				resource: 'fileAttachment',
				operation: 'upload',
				...target(type, id),
				uploadOptions: { fileName: 'Q1 report.txt', fileCategoryId: category },
			},
			{ items },
		);
		expect(uploaded.json).toMatchObject({
			FILE_NAME: 'Q1 report.txt',
			CONTENT_TYPE: 'text/plain',
			FILE_SIZE: content.length,
			FILE_CATEGORY_ID: category,
		});
		const fileId = uploaded.json.FILE_ID as number;
		expect(sandbox.state.files.get(fileId)?.data.equals(content)).toBe(true);

		const listed = await run({
			resource: 'fileAttachment',
			operation: 'getAll',
			...target(type, id),
			returnAll: true,
		});
		expect(jsonOf(listed).map((json) => json.FILE_ID)).toContain(fileId);

		const [downloaded] = await run({
			resource: 'fileAttachment',
			operation: 'download',
			fileId: String(fileId),
			outputBinaryPropertyName: 'report',
		});
		expect(downloaded.json).toMatchObject({
			FILE_ID: fileId,
			FILE_NAME: 'Q1 report.txt',
			CONTENT_TYPE: 'text/plain',
			FILE_SIZE: content.length,
		});
		expect(downloaded.binary?.report).toMatchObject({
			fileName: 'Q1 report.txt',
			mimeType: 'text/plain',
		});
		expect((await binaryToBuffer(downloaded.binary!.report)).equals(content)).toBe(true);

		const deleted = await run({
			resource: 'fileAttachment',
			operation: 'delete',
			fileId: String(fileId),
		});
		expect(jsonOf(deleted)).toEqual([{ FILE_ID: fileId, deleted: true }]);
		expect(sandbox.state.files.has(fileId)).toBe(false);

		expect(lines()).toEqual([
			{
				method: 'POST',
				path: `/${pathOf(type)}/${id}/FileAttachments`,
				query: {},
				body: { multipart: true, bytes: expect.any(Number) },
			},
			{
				method: 'GET',
				path: `/${pathOf(type)}/${id}/FileAttachments`,
				query: { top: '500', skip: '0', count_total: 'true' },
				body: undefined,
			},
			// The metadata (the name: live downloads send no Content-Disposition), then the bytes.
			{
				method: 'GET',
				path: `/FileAttachments/${fileId}`,
				query: { format: 'JSON' },
				body: undefined,
			},
			{ method: 'GET', path: `/FileAttachments/${fileId}`, query: {}, body: undefined },
			{ method: 'DELETE', path: `/FileAttachments/${fileId}`, query: {}, body: undefined },
		]);
	});
});

describe.each(typesCarrying('follow'))('follow on %s', (_key, type) => {
	it('follow, get status, unfollow', async () => {
		const id = recordOf(type);
		const base = `/${pathOf(type)}/${id}/Follow`;
		sandbox.clearLog();
		expect(
			jsonOf(await run({ resource: 'follow', operation: 'follow', ...target(type, id) })),
		).toEqual([{ [type.idField]: id, FOLLOWING: true }]);
		expect(sandbox.state.follows.has(`${pathOf(type)}:${id}`)).toBe(true);
		expect(
			jsonOf(await run({ resource: 'follow', operation: 'get', ...target(type, id) })),
		).toEqual([expect.objectContaining({ [type.idField]: id, FOLLOWING: true })]);
		expect(
			jsonOf(await run({ resource: 'follow', operation: 'unfollow', ...target(type, id) })),
		).toEqual([{ [type.idField]: id, FOLLOWING: false }]);
		expect(sandbox.state.follows.has(`${pathOf(type)}:${id}`)).toBe(false);
		expect(lines().map(({ method, path }) => `${method} ${path}`)).toEqual([
			`POST ${base}`,
			`GET ${base}`,
			`DELETE ${base}`,
		]);
	});
});

describe('notes on a record', () => {
	it('creates a note on an organisation and lists it with Of Record', async () => {
		const org = seeded(sandbox, 'Organisations').ORGANISATION_ID as number;
		sandbox.clearLog();
		const [note] = await run({
			resource: 'note',
			operation: 'create',
			parentType: 'organisation',
			parentId: byId(org),
			TITLE: 'Met at the fair',
			additionalFields: { BODY: '<p>Keen</p>' },
		});
		const listed = await run({
			resource: 'note',
			operation: 'getAll',
			returnAll: true,
			filters: { parentRecord: `organisation:${org}` },
		});
		expect(jsonOf(listed).map((json) => json.NOTE_ID)).toContain(note.json.NOTE_ID);
		expect(lines().filter((line) => !line.path.startsWith('/CustomFields'))).toEqual([
			{
				method: 'POST',
				path: `/Organisations/${org}/Notes`,
				query: {},
				body: { TITLE: 'Met at the fair', BODY: '<p>Keen</p>' },
			},
			{
				method: 'GET',
				path: `/Organisations/${org}/Notes`,
				query: { top: '500', skip: '0', count_total: 'true' },
				body: undefined,
			},
		]);
	});
});
