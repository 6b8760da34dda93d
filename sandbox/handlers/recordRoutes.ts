/**
 * Routes on record types, written once for every type (`{T}` is the collection segment). Which
 * of them a type has is decided by the swagger before a handler runs (router.ts).
 */
import { canonicalState, OPPORTUNITY_STATES } from '../behaviour';
import { formatInsightlyDate, parseClientDate, toSecond } from '../dates';
import { badRequest, notFound } from '../errors';
import { parseMultipart } from '../multipart';
import { SUB_COLLECTIONS, type RecordType } from '../registry';
import type { Row, StoredRecord } from '../state';
import { requestBodySchema, validateAgainst } from '../swagger';
import { boolParam, intParam, page, type Ctx, type Handler, type Reply } from './context';

const typeOf = (ctx: Ctx): RecordType => ctx.type!;
const idOf = (ctx: Ctx): number => intParam(ctx.match.params.id, 'id');
const created = (body: unknown): Reply => ({ status: 201, body });
const accepted: Reply = { status: 202 };

function listRecords(ctx: Ctx, rows: StoredRecord[], type = typeOf(ctx)): Reply {
	const brief = boolParam(ctx.query.brief, 'brief');
	return page(rows, ctx.query, (r) => ctx.records.render(type, r, brief));
}

/** Checks a body against the swagger schema of the current operation's body parameter. */
function checkBody(ctx: Ctx): Row {
	const schema = requestBodySchema(ctx.method, ctx.match.template);
	if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
		throw badRequest('The request body must be a JSON object.');
	}
	const errors = validateAgainst(schema, ctx.body, 'request');
	if (errors.length) throw badRequest(`Validation failed: ${errors.join('; ')}.`);
	return ctx.body as Row;
}

/**
 * The body of `PUT /{T}`. Where the swagger declares `brief` on the update (`PUT /Teams`),
 * `brief=true` is a top-level-only update: sub-collections in the body are ignored.
 */
function updateBody(ctx: Ctx): unknown {
	const declared = ctx.match.operation?.parameters?.some(
		(p) => p.in === 'query' && p.name === 'brief',
	);
	const body = ctx.body;
	if (!declared || !boolParam(ctx.query.brief, 'brief')) return body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
	const topLevel: Row = { ...body };
	for (const key of SUB_COLLECTIONS) delete topLevel[key];
	return topLevel;
}

function tagName(ctx: Ctx): string {
	const body = checkBody(ctx);
	if (typeof body.TAG_NAME !== 'string' || body.TAG_NAME.trim() === '')
		throw badRequest('TAG_NAME is required.');
	return body.TAG_NAME;
}

/** Updated-after filter of child lists (`/{id}/Notes`, `/{id}/FileAttachments`). */
function updatedAfter<T>(ctx: Ctx, rows: T[], updated: (row: T) => number): T[] {
	const after = ctx.query.updated_after_utc;
	if (after === undefined) return rows;
	const ms = parseClientDate(after);
	if (ms === undefined) throw badRequest(`Invalid updated_after_utc '${after}'.`);
	return rows.filter((r) => toSecond(updated(r)) > toSecond(ms));
}

function renderFile(ctx: Ctx, fileId: number): Row {
	const file = ctx.state.files.get(fileId)!;
	return {
		...file.meta,
		DATE_CREATED_UTC: formatInsightlyDate(file.created),
		DATE_UPDATED_UTC: formatInsightlyDate(file.updated),
	};
}

/** Moves a record into a pipeline (at `stageId` or its first stage). */
function setPipeline(
	ctx: Ctx,
	record: StoredRecord,
	pipelineId: number,
	stageId: number | undefined,
): void {
	const type = typeOf(ctx);
	const pipeline = ctx.state.pipelines.get(pipelineId);
	const fits =
		pipeline &&
		(type.path === 'Opportunities'
			? pipeline.FOR_OPPORTUNITIES
			: type.path === 'Projects'
				? pipeline.FOR_PROJECTS
				: true);
	if (!fits) throw notFound(`Pipeline ${pipelineId} not found for ${type.linkName}.`);
	const stages = ctx.state.pipelineStages.rows
		.filter((s) => s.PIPELINE_ID === pipelineId)
		.sort((a, b) => a.STAGE_ORDER - b.STAGE_ORDER);
	const stage = stageId === undefined ? stages[0] : stages.find((s) => s.STAGE_ID === stageId);
	if (!stage) throw notFound(`Pipeline Stage ${stageId} not found in pipeline ${pipelineId}.`);
	record.fields.PIPELINE_ID = pipelineId;
	record.fields.STAGE_ID = stage.STAGE_ID;
	ctx.records.touch(type, record);
}

export const recordRoutes: Record<string, Handler> = {
	'GET {T}': (ctx) => listRecords(ctx, [...ctx.state.collection(typeOf(ctx)).values()]),
	'GET {T}/Search': (ctx) => listRecords(ctx, ctx.records.search(typeOf(ctx), ctx.query)),
	'GET {T}/SearchByTag': (ctx) => {
		const tag = ctx.query.tagname;
		if (!tag) throw badRequest('tagName is required.');
		const rows = [...ctx.state.collection(typeOf(ctx)).values()].filter((r) =>
			r.tags?.includes(tag),
		);
		return listRecords(ctx, rows);
	},
	'GET {T}/{id}': (ctx) => ({
		status: 200,
		body: ctx.records.render(typeOf(ctx), ctx.records.get(typeOf(ctx), idOf(ctx))),
	}),
	'POST {T}': (ctx) =>
		created(ctx.records.render(typeOf(ctx), ctx.records.create(typeOf(ctx), ctx.body))),
	'PUT {T}': (ctx) => ({
		status: 200,
		body: ctx.records.render(typeOf(ctx), ctx.records.update(typeOf(ctx), updateBody(ctx))),
	}),
	'DELETE {T}/{id}': (ctx) => {
		ctx.records.remove(typeOf(ctx), idOf(ctx));
		return accepted;
	},

	// ---- tags
	'GET {T}/{id}/Tags': (ctx) => ({
		status: 200,
		body: ctx.records.tags(typeOf(ctx), idOf(ctx)).map((TAG_NAME) => ({ TAG_NAME })),
	}),
	'POST {T}/{id}/Tags': (ctx) => {
		const id = idOf(ctx);
		ctx.records.get(typeOf(ctx), id);
		const name = tagName(ctx);
		ctx.records.addTag(typeOf(ctx), id, name);
		return created({ TAG_NAME: name });
	},
	'PUT {T}/{id}/Tags': (ctx) => {
		// The swagger's body is one APITag; a list is accepted too. Either replaces the set.
		const id = idOf(ctx);
		ctx.records.get(typeOf(ctx), id);
		const items = Array.isArray(ctx.body) ? ctx.body : [ctx.body];
		const names = items.map((t: Row) => {
			if (typeof t?.TAG_NAME !== 'string' || t.TAG_NAME === '')
				throw badRequest('TAG_NAME is required.');
			return t.TAG_NAME as string;
		});
		ctx.records.replaceTags(typeOf(ctx), id, names);
		return {
			status: 200,
			body: ctx.records.tags(typeOf(ctx), id).map((TAG_NAME) => ({ TAG_NAME })),
		};
	},
	'DELETE {T}/{id}/Tags': (ctx) => {
		const id = idOf(ctx);
		ctx.records.get(typeOf(ctx), id);
		ctx.records.removeTag(typeOf(ctx), id, tagName(ctx));
		return accepted;
	},

	// ---- links
	'GET {T}/{id}/Links': (ctx) => {
		const id = idOf(ctx);
		ctx.records.get(typeOf(ctx), id);
		return { status: 200, body: ctx.records.links.render(typeOf(ctx), id) };
	},
	'POST {T}/{id}/Links': (ctx) => {
		const id = idOf(ctx);
		const link = ctx.records.links.add(typeOf(ctx), id, ctx.body);
		return created(ctx.records.links.view(link, typeOf(ctx).path, id));
	},
	'PUT {T}/{id}/Links': (ctx) => {
		const id = idOf(ctx);
		const link = ctx.records.links.update(typeOf(ctx), id, checkBody(ctx));
		return { status: 200, body: ctx.records.links.view(link, typeOf(ctx).path, id) };
	},
	'DELETE {T}/{id}/Links/{linkId}': (ctx) => {
		ctx.records.links.remove(typeOf(ctx), idOf(ctx), intParam(ctx.match.params.linkId, 'linkId'));
		return accepted;
	},

	// ---- notes (only created under a parent)
	'GET {T}/{id}/Notes': (ctx) => {
		const id = idOf(ctx);
		ctx.records.get(typeOf(ctx), id);
		const notes = ctx.state.type('Notes')!;
		const rows = ctx.records.links
			.linkedIds(typeOf(ctx), id, notes)
			.map((n) => ctx.records.get(notes, n));
		return listRecords(
			ctx,
			updatedAfter(ctx, rows, (r) => r.updated),
			notes,
		);
	},
	'POST {T}/{id}/Notes': (ctx) => {
		const parentType = typeOf(ctx);
		const parent = ctx.records.get(parentType, idOf(ctx));
		const notes = ctx.state.type('Notes')!;
		const note = ctx.records.create(notes, ctx.body);
		ctx.records.links.add(notes, note.id, {
			LINK_OBJECT_NAME: parentType.linkName,
			LINK_OBJECT_ID: parent.id,
		});
		return created(ctx.records.render(notes, note));
	},

	// ---- file attachments
	'GET {T}/{id}/FileAttachments': (ctx) => {
		const type = typeOf(ctx);
		const id = idOf(ctx);
		ctx.records.get(type, id);
		const ids = [...ctx.state.files.entries()]
			.filter(([, f]) => f.owner.type === type.path && f.owner.id === id)
			.map(([fileId]) => fileId);
		const rows = updatedAfter(ctx, ids, (fileId) => ctx.state.files.get(fileId)!.updated);
		return page(rows, ctx.query, (fileId) => renderFile(ctx, fileId));
	},
	'POST {T}/{id}/FileAttachments': (ctx) => {
		const type = typeOf(ctx);
		const record = ctx.records.get(type, idOf(ctx));
		const form = parseMultipart(ctx.rawBody, ctx.contentType);
		const file = form.files.find((f) => f.field === 'file');
		if (!file || form.files.length !== 1)
			throw badRequest('Exactly one file part named "file" is required.');
		const fileName = form.fields.file_name ?? file.filename;
		const contentType = form.fields.content_type ?? file.contentType;
		if (!fileName || fileName.length > 500)
			throw badRequest('file_name must be 1 to 500 characters.');
		if (contentType.length > 255) throw badRequest('content_type must be at most 255 characters.');
		let category: number | null = null;
		if (form.fields.file_category_id !== undefined) {
			category = intParam(form.fields.file_category_id, 'file_category_id');
			if (!ctx.state.categories.FileCategories.get(category))
				throw badRequest(`Invalid file_category_id ${category}.`);
		}
		const fileId = ctx.state.nextFileId++;
		const now = ctx.records.now();
		ctx.state.files.set(fileId, {
			meta: {
				FILE_ID: fileId,
				FILE_NAME: fileName,
				CONTENT_TYPE: contentType,
				FILE_SIZE: file.data.length,
				FILE_CATEGORY_ID: category,
				OWNER_USER_ID: ctx.state.meUserId,
				URL: `${ctx.apiUrl}/FileAttachments/${fileId}`,
			},
			owner: { type: type.path, id: record.id },
			created: now,
			updated: now,
			data: file.data,
		});
		ctx.records.touch(type, record);
		return created(renderFile(ctx, fileId));
	},

	// ---- follow
	'GET {T}/{id}/Follow': (ctx) => {
		ctx.records.get(typeOf(ctx), idOf(ctx));
		return {
			status: 200,
			body: { FOLLOWING: ctx.state.follows.has(`${typeOf(ctx).path}:${idOf(ctx)}`) },
		};
	},
	'POST {T}/{id}/Follow': (ctx) => {
		ctx.records.get(typeOf(ctx), idOf(ctx));
		ctx.state.follows.add(`${typeOf(ctx).path}:${idOf(ctx)}`);
		return created({ FOLLOWING: true });
	},
	'DELETE {T}/{id}/Follow': (ctx) => {
		ctx.records.get(typeOf(ctx), idOf(ctx));
		if (!ctx.state.follows.delete(`${typeOf(ctx).path}:${idOf(ctx)}`))
			throw notFound('Record is not followed.');
		return accepted;
	},

	// ---- pipelines, stages, opportunity state
	'PUT {T}/{id}/Pipeline': (ctx) => {
		const record = ctx.records.get(typeOf(ctx), idOf(ctx));
		const body = checkBody(ctx);
		if (typeof body.PIPELINE_ID !== 'number') throw badRequest('PIPELINE_ID is required.');
		setPipeline(ctx, record, body.PIPELINE_ID, body.PIPELINE_STAGE_CHANGE?.STAGE_ID ?? undefined);
		return {
			status: 200,
			body: [
				{
					PIPELINE_ID: record.fields.PIPELINE_ID,
					PIPELINE_STAGE_CHANGE: { STAGE_ID: record.fields.STAGE_ID },
				},
			],
		};
	},
	'DELETE {T}/{id}/Pipeline': (ctx) => {
		const record = ctx.records.get(typeOf(ctx), idOf(ctx));
		if (record.fields.PIPELINE_ID === undefined) throw notFound('Record has no pipeline.');
		delete record.fields.PIPELINE_ID;
		delete record.fields.STAGE_ID;
		ctx.records.touch(typeOf(ctx), record);
		return accepted;
	},
	'PUT {T}/{id}/PipelineStage': (ctx) => {
		const record = ctx.records.get(typeOf(ctx), idOf(ctx));
		const body = checkBody(ctx);
		if (typeof body.STAGE_ID !== 'number') throw badRequest('STAGE_ID is required.');
		if (record.fields.PIPELINE_ID === undefined)
			throw badRequest('The record is not in a pipeline; set one first.');
		setPipeline(ctx, record, record.fields.PIPELINE_ID, body.STAGE_ID);
		return { status: 200, body: [{ STAGE_ID: record.fields.STAGE_ID }] };
	},
	'PUT {T}/{id}/StateChange': (ctx) => {
		const type = typeOf(ctx);
		const record = ctx.records.get(type, idOf(ctx));
		const body = checkBody(ctx);
		const state = canonicalState(body.FOR_OPPORTUNITY_STATE, ctx.state.behaviour.stateCasing);
		if (!state) {
			throw badRequest(`FOR_OPPORTUNITY_STATE must be one of ${OPPORTUNITY_STATES.join(', ')}.`);
		}
		let reason: Row | undefined;
		if (body.STATE_REASON_ID != null) {
			reason = ctx.state.stateReasons.get(body.STATE_REASON_ID);
			if (!reason || reason.FOR_OPPORTUNITY_STATE.toLowerCase() !== state.toLowerCase()) {
				throw badRequest(`Invalid STATE_REASON_ID ${body.STATE_REASON_ID} for state ${state}.`);
			}
		} else if (typeof body.STATE_REASON === 'string') {
			reason = { STATE_REASON_ID: null, STATE_REASON: body.STATE_REASON };
		}
		record.fields.OPPORTUNITY_STATE = state;
		ctx.records.touch(type, record);
		return { status: 200, body: ctx.records.recordStateChange(record, reason ?? null) };
	},
	'GET {T}/{id}/StateHistory': (ctx) => {
		const record = ctx.records.get(typeOf(ctx), idOf(ctx));
		return { status: 200, body: ctx.state.stateHistory.get(record.id) ?? [] };
	},

	// ---- project milestones
	'GET {T}/{id}/Milestones': (ctx) => ({ status: 200, body: milestonesOf(ctx, idOf(ctx)) }),
	'POST {T}/{id}/Milestones': (ctx) => {
		const project = ctx.records.get(typeOf(ctx), idOf(ctx));
		const milestones = ctx.state.type('Milestones')!;
		const milestone = ctx.records.create(milestones, ctx.body, { PROJECT_ID: project.id });
		ctx.records.touch(typeOf(ctx), project);
		return created([ctx.records.render(milestones, milestone)]);
	},
	'PUT {T}/{id}/Milestones': (ctx) => {
		const project = ctx.records.get(typeOf(ctx), idOf(ctx));
		const milestones = ctx.state.type('Milestones')!;
		const id = (ctx.body as Row | undefined)?.MILESTONE_ID;
		const existing = typeof id === 'number' ? ctx.state.collection(milestones).get(id) : undefined;
		if (!existing || existing.fields.PROJECT_ID !== project.id)
			throw notFound(`Milestone ${id} not found in project.`);
		const milestone = ctx.records.update(milestones, ctx.body);
		ctx.records.touch(typeOf(ctx), project);
		return { status: 200, body: [ctx.records.render(milestones, milestone)] };
	},
	'DELETE {T}/{id}/Milestones/{milestoneId}': (ctx) => {
		const project = ctx.records.get(typeOf(ctx), idOf(ctx));
		const milestones = ctx.state.type('Milestones')!;
		const id = intParam(ctx.match.params.milestoneId, 'milestoneId');
		const existing = ctx.state.collection(milestones).get(id);
		if (!existing || existing.fields.PROJECT_ID !== project.id)
			throw notFound(`Milestone ${id} not found in project.`);
		ctx.records.remove(milestones, id);
		ctx.records.touch(typeOf(ctx), project);
		return accepted;
	},
};

function milestonesOf(ctx: Ctx, projectId: number): Row[] {
	ctx.records.get(typeOf(ctx), projectId);
	const milestones = ctx.state.type('Milestones')!;
	return [...ctx.state.collection(milestones).values()]
		.filter((m) => m.fields.PROJECT_ID === projectId)
		.map((m) => ctx.records.render(milestones, m));
}
