/**
 * Instance configuration and metadata routes: users/me, instance, pipelines, categories, lead
 * sources and statuses, state reasons, relationships, tags, follows, custom fields and objects,
 * file attachment download. Keys are `METHOD /Template` as in the swagger.
 */
import { formatInsightlyDate } from '../dates';
import { ApiError, badRequest, notFound } from '../errors';
import type { LookupTable, Row } from '../state';
import { requestBodySchema, validateAgainst } from '../swagger';
import { intParam, page, type Ctx, type Handler, type Reply } from './context';

function checkBody(ctx: Ctx): Row {
	if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
		throw badRequest('The request body must be a JSON object.');
	}
	const errors = validateAgainst(
		requestBodySchema(ctx.method, ctx.match.template),
		ctx.body,
		'request',
	);
	if (errors.length) throw badRequest(`Validation failed: ${errors.join('; ')}.`);
	return ctx.body as Row;
}

function byId(table: LookupTable, id: number, what: string): Row {
	const row = table.get(id);
	if (!row) throw notFound(`${what} not found.`);
	return row;
}

/** GET list / GET one / POST / PUT / DELETE for a configuration list such as TaskCategories. */
function tableRoutes(
	path: string,
	table: (ctx: Ctx) => LookupTable,
	what: string,
	required: string[],
	defaults: Row,
	deleteRow: (ctx: Ctx, row: Row) => void,
	deleteTemplate: string,
): Record<string, Handler> {
	const create = (ctx: Ctx): Reply => {
		const body = checkBody(ctx);
		for (const key of required)
			if (body[key] == null || body[key] === '') throw badRequest(`${key} is required.`);
		// The server assigns the id; one sent in the body is dropped.
		const fields = { ...body };
		delete fields[table(ctx).idField];
		return { status: 201, body: table(ctx).add({ ...defaults, ...fields }) };
	};
	const update = (ctx: Ctx): Reply => {
		const body = checkBody(ctx);
		const row = byId(
			table(ctx),
			intParam(String(body[table(ctx).idField]), table(ctx).idField),
			what,
		);
		Object.assign(row, body);
		return { status: 200, body: row };
	};
	const remove = (ctx: Ctx): Reply => {
		const id = intParam(ctx.match.params.id ?? ctx.query.id, 'id');
		deleteRow(ctx, byId(table(ctx), id, what));
		return { status: 202 };
	};
	return {
		[`GET /${path}`]: (ctx) => page(table(ctx).rows, ctx.query),
		[`GET /${path}/{id}`]: (ctx) => ({
			status: 200,
			body: byId(table(ctx), intParam(ctx.match.params.id, 'id'), what),
		}),
		[`POST /${path}`]: create,
		[`PUT /${path}`]: update,
		[`DELETE ${deleteTemplate}`]: remove,
	};
}

/** Categories are deactivated, not deleted; a category in use or already inactive is a 409. */
function deactivateCategory(recordType: string | undefined) {
	return (ctx: Ctx, row: Row) => {
		if (!row.ACTIVE) throw new ApiError(409, 'Category is already deactivated.');
		const type = recordType ? ctx.state.type(recordType) : undefined;
		if (
			type &&
			[...ctx.state.collection(type).values()].some((r) => r.fields.CATEGORY_ID === row.CATEGORY_ID)
		) {
			throw new ApiError(409, 'Category cannot be deactivated because it is in use.');
		}
		row.ACTIVE = false;
	};
}

/** Lead sources / statuses can be deleted unless in use or the last one. */
function deleteLeadOption(field: string, table: (ctx: Ctx) => LookupTable) {
	return (ctx: Ctx, row: Row) => {
		const t = table(ctx);
		const id = row[t.idField];
		const leads = ctx.state.collection(ctx.state.type('Leads')!);
		if (t.rows.length === 1 || [...leads.values()].some((r) => r.fields[field] === id)) {
			throw new ApiError(409, 'It is in use or the only one in the instance.');
		}
		t.rows.splice(t.rows.indexOf(row), 1);
	};
}

const categoryRoutes = (path: string, recordType?: string) =>
	tableRoutes(
		path,
		(ctx) => ctx.state.categories[path],
		'Category',
		['CATEGORY_NAME', 'BACKGROUND_COLOR'],
		{ ACTIVE: true },
		deactivateCategory(recordType),
		`/${path}/{id}`,
	);

/** `GET /CustomFields/{objectName}` accepts singular or plural names; an unknown name lists all. */
function customFieldsOf(ctx: Ctx, objectName: string) {
	const lower = objectName.toLowerCase();
	const type = ctx.state.type(objectName) ?? ctx.state.typeByLinkName(objectName);
	const fieldFor =
		type?.fieldFor ??
		ctx.state.customFields.find((f) => f.FIELD_FOR.toLowerCase() === lower)?.FIELD_FOR;
	return fieldFor
		? ctx.state.customFields.filter((f) => f.FIELD_FOR === fieldFor)
		: ctx.state.customFields;
}

const TAG_RECORD_TYPES = [
	'contacts',
	'leads',
	'opportunities',
	'organisations',
	'projects',
	'emails',
];

export const lookupRoutes: Record<string, Handler> = {
	'GET /Instance': (ctx) => ({ status: 200, body: ctx.state.instance }),
	'GET {T}/Me': (ctx) => {
		const users = ctx.state.type('Users')!;
		return {
			status: 200,
			body: ctx.records.render(users, ctx.records.get(users, ctx.state.meUserId)),
		};
	},
	'GET /Pipelines': (ctx) => page(ctx.state.pipelines.rows, ctx.query),
	'GET /Pipelines/{id}': (ctx) => ({
		status: 200,
		body: byId(ctx.state.pipelines, intParam(ctx.match.params.id, 'id'), 'Pipeline'),
	}),
	'GET /PipelineStages': (ctx) => page(ctx.state.pipelineStages.rows, ctx.query),
	'GET /PipelineStages/{id}': (ctx) => ({
		status: 200,
		body: byId(ctx.state.pipelineStages, intParam(ctx.match.params.id, 'id'), 'Pipeline Stage'),
	}),
	...categoryRoutes('OpportunityCategories', 'Opportunities'),
	...categoryRoutes('ProjectCategories', 'Projects'),
	...categoryRoutes('TaskCategories', 'Tasks'),
	...categoryRoutes('FileCategories'),
	...tableRoutes(
		'LeadSources',
		(ctx) => ctx.state.leadSources,
		'Lead Source',
		['LEAD_SOURCE'],
		{ DEFAULT_VALUE: false, FIELD_ORDER: 99 },
		deleteLeadOption('LEAD_SOURCE_ID', (ctx) => ctx.state.leadSources),
		'/LeadSources',
	),
	...tableRoutes(
		'LeadStatuses',
		(ctx) => ctx.state.leadStatuses,
		'Lead Status',
		['LEAD_STATUS'],
		{ DEFAULT_STATUS: false, STATUS_TYPE: 1, FIELD_ORDER: 99 },
		deleteLeadOption('LEAD_STATUS_ID', (ctx) => ctx.state.leadStatuses),
		'/LeadStatuses',
	),
	'GET /OpportunityStateReasons': (ctx) => ({ status: 200, body: ctx.state.stateReasons.rows }),
	'GET /Relationships': (ctx) => page(ctx.state.relationships.rows, ctx.query),
	'GET /Tags': (ctx) => {
		const recordType = (ctx.query.record_type ?? '').toLowerCase();
		if (!TAG_RECORD_TYPES.includes(recordType)) throw badRequest('Invalid record_type specified.');
		const type = [...ctx.state.types.values()].find((t) => t.tagRecordType === recordType)!;
		const names = new Set<string>();
		for (const r of ctx.state.collection(type).values()) for (const t of r.tags ?? []) names.add(t);
		return page([...names].sort(), ctx.query, (TAG_NAME) => ({ TAG_NAME }));
	},
	'GET /Follows': (ctx) => {
		const wanted = ctx.query.record_type?.toLowerCase();
		const rows = [...ctx.state.follows].map((key) => {
			const [type, id] = key.split(':');
			return { RECORD_TYPE: type, RECORD_ID: Number(id) };
		});
		if (wanted && !ctx.state.type(wanted)) throw badRequest('Invalid record_type specified.');
		return page(
			wanted ? rows.filter((r) => r.RECORD_TYPE.toLowerCase() === wanted) : rows,
			ctx.query,
		);
	},
	'GET /CustomFields/{objectName}': (ctx) => ({
		status: 200,
		body: customFieldsOf(ctx, ctx.match.params.objectName),
	}),
	'GET /CustomFields/{objectName}/Search': (ctx) => {
		const name = ctx.query.fieldname;
		if (!name) throw badRequest('fieldName is required.');
		const field = customFieldsOf(ctx, ctx.match.params.objectName).find(
			(f) => f.FIELD_NAME === name,
		);
		if (!field) throw notFound(`Custom field ${name} not found.`);
		return { status: 200, body: field };
	},
	'GET /CustomObjects': (ctx) => ({ status: 200, body: ctx.state.customObjects }),
	'GET /CustomObjects/{customObjectName}': (ctx) => {
		const name = ctx.match.params.customObjectName.toLowerCase();
		const object = ctx.state.customObjects.find((o) => o.OBJECT_NAME.toLowerCase() === name);
		if (!object) throw notFound('Custom object not found.');
		return { status: 200, body: object };
	},
	'GET /FileAttachments/{id}': (ctx) => {
		const file = ctx.state.files.get(intParam(ctx.match.params.id, 'id'));
		if (!file) throw notFound('File Attachment not found.');
		if ((ctx.query.format ?? 'binary').toLowerCase() === 'json') {
			return {
				status: 200,
				body: {
					...file.meta,
					DATE_CREATED_UTC: formatInsightlyDate(file.created),
					DATE_UPDATED_UTC: formatInsightlyDate(file.updated),
				},
			};
		}
		const safeName = String(file.meta.FILE_NAME).replace(/["\r\n]/g, '_');
		// A recorded live download had no Content-Disposition (sandbox/behaviour.ts).
		return {
			status: 200,
			raw: file.data,
			headers: {
				'Content-Type': file.meta.CONTENT_TYPE,
				...(ctx.state.behaviour.contentDisposition
					? {
							'Content-Disposition': `attachment; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(file.meta.FILE_NAME)}`,
						}
					: {}),
			},
		};
	},
	'DELETE /FileAttachments/{id}': (ctx) => {
		const id = intParam(ctx.match.params.id, 'id');
		const file = ctx.state.files.get(id);
		if (!file) throw notFound('File Attachment not found.');
		ctx.state.files.delete(id);
		const type = ctx.state.type(file.owner.type)!;
		const owner = ctx.state.collection(type).get(file.owner.id);
		if (owner) ctx.records.touch(type, owner);
		return { status: 202 };
	},
	'GET /Countries': (ctx) =>
		page(
			COUNTRIES.map((COUNTRY_NAME) => ({ COUNTRY_NAME })),
			ctx.query,
		),
	'GET /Currencies': (ctx) =>
		page(
			CURRENCIES.map(([CURRENCY_CODE, CURRENCY_SYMBOL]) => ({ CURRENCY_CODE, CURRENCY_SYMBOL })),
			ctx.query,
		),
};

const COUNTRIES = [
	'Australia',
	'Canada',
	'France',
	'Germany',
	'Ireland',
	'New Zealand',
	'United Kingdom',
	'United States',
];
const CURRENCIES = [
	['AUD', '$'],
	['EUR', '€'],
	['GBP', '£'],
	['USD', '$'],
];
