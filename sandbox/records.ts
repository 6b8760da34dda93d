/**
 * Record rules, shared by the HTTP handlers and the in-process `records` helper: validation of
 * write bodies against the swagger, server-maintained timestamps, partial updates, deletes,
 * rendering in Insightly's response shape, and Search.
 */
import { applyCustomFields, assignAutonumbers, renderCustomFields } from './customFields';
import { formatInsightlyDate, parseClientDate, toSecond } from './dates';
import { ApiError, badRequest, notFound } from './errors';
import { Links } from './links';
import { schemasOf, SUB_COLLECTIONS, type RecordType } from './registry';
import type { Row, SandboxState, StoredRecord } from './state';
import { validateAgainst } from './swagger';

type Clock = { now(): number };
const SUB_COLLECTION_SET: ReadonlySet<string> = new Set(SUB_COLLECTIONS);

/** Reference fields whose value must name an existing row, and where to look. */
function referenceExists(
	state: SandboxState,
	type: RecordType,
	field: string,
	id: number,
): boolean | undefined {
	const inType = (path: string) => state.collection(state.type(path)!).has(id);
	switch (field) {
		case 'OWNER_USER_ID':
		case 'RESPONSIBLE_USER_ID':
		case 'RESPONSIBLE_USER':
			return inType('Users');
		case 'ORGANISATION_ID':
			return inType('Organisations');
		case 'CONTACT_ID':
			return inType('Contacts');
		case 'OPPORTUNITY_ID':
			return inType('Opportunities');
		case 'PROJECT_ID':
			return inType('Projects');
		case 'MILESTONE_ID':
			return inType('Milestones');
		case 'LEAD_SOURCE_ID':
			return !!state.leadSources.get(id);
		case 'LEAD_STATUS_ID':
			return !!state.leadStatuses.get(id);
		case 'CATEGORY_ID': {
			const table = {
				Opportunities: 'OpportunityCategories',
				Projects: 'ProjectCategories',
				Tasks: 'TaskCategories',
			}[type.path];
			return table ? !!state.categories[table].get(id) : undefined;
		}
		default:
			return undefined;
	}
}

const writeSchemas = new Map<string, object>();
/** The swagger body schema plus the sub-collections v3.1 accepts inline (TAGS, LINKS...). */
function writeSchema(type: RecordType): object {
	let schema = writeSchemas.get(type.template + (type.bodyTemplate ?? ''));
	if (!schema) {
		const s = schemasOf(type);
		const properties: Row = { ...s.body };
		for (const k of SUB_COLLECTIONS) if (s.response[k]) properties[k] = s.response[k];
		schema = { type: 'object', properties };
		writeSchemas.set(type.template + (type.bodyTemplate ?? ''), schema);
	}
	return schema;
}

export class Records {
	readonly links: Links;

	constructor(
		readonly state: SandboxState,
		private readonly clock: Clock,
	) {
		this.links = new Links(state, this);
	}

	now(): number {
		return this.clock.now();
	}

	get(type: RecordType, id: number): StoredRecord {
		const record = this.state.collection(type).get(id);
		if (!record) throw notFound(`${type.linkName} with id ${id} not found.`);
		return record;
	}

	/** Marks a record changed now (any change: fields, tags, links, notes, files, custom fields). */
	touch(type: RecordType, record: StoredRecord): void {
		record.updated = this.clock.now();
		void type;
	}

	/** Checks a POST/PUT body; throws a 400 naming the first problem found. */
	validate(type: RecordType, body: unknown, mode: 'create' | 'update'): Row {
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw badRequest('The request body must be a JSON object.');
		}
		const fields = body as Row;
		const s = schemasOf(type);
		for (const key of Object.keys(fields)) {
			if (mode === 'update' && key === type.idField) continue;
			if (!(key in s.response) && !(key in s.body))
				throw badRequest(`Unknown field ${key} for ${type.linkName}.`);
			if (s.readOnly.has(key)) throw badRequest(`${key} is read-only and cannot be set.`);
			if (mode === 'update' && s.createOnly.has(key))
				throw badRequest(`${key} can only be set when the ${type.linkName} is created.`);
		}
		const errors = validateAgainst(writeSchema(type), fields, 'request');
		if (errors.length) throw badRequest(`Validation failed: ${errors.join('; ')}.`);
		for (const key of s.requiredOnCreate) {
			const value = fields[key];
			const missing = value === null || value === '' || (value === undefined && mode === 'create');
			if (missing) throw badRequest(`${key} is required.`);
		}
		for (const [key, value] of Object.entries(fields)) {
			if (typeof value !== 'number' || key === type.idField) continue;
			if (referenceExists(this.state, type, key, value) === false) {
				throw badRequest(`Invalid ${key}: ${value} does not exist.`);
			}
		}
		return fields;
	}

	/** Creates a record as `POST /{type}` does. `extra` holds server-set fields (e.g. PROJECT_ID). */
	create(type: RecordType, body: unknown, extra: Row = {}): StoredRecord {
		const fields = this.validate(type, body, 'create');
		const s = schemasOf(type);
		const now = this.clock.now();
		const record: StoredRecord = { id: 0, created: now, updated: now, fields: {} };
		if ('OWNER_USER_ID' in s.response) record.fields.OWNER_USER_ID = this.state.meUserId;
		if ('CREATED_USER_ID' in s.response) record.fields.CREATED_USER_ID = this.state.meUserId;
		if (type.path === 'Opportunities') record.fields.OPPORTUNITY_STATE = 'Open';
		// What Insightly fills in when a create leaves it out (sandbox/registry.ts, filledByServer).
		if (type.filledByServer?.includes('LEAD_SOURCE_ID'))
			record.fields.LEAD_SOURCE_ID = this.state.leadSources.rows.find(
				(row) => row.DEFAULT_VALUE,
			)?.LEAD_SOURCE_ID;
		if (type.filledByServer?.includes('LEAD_STATUS_ID'))
			record.fields.LEAD_STATUS_ID = this.state.leadStatuses.rows.find(
				(row) => row.DEFAULT_STATUS,
			)?.LEAD_STATUS_ID;
		if (type.filledByServer?.includes('COMPLETED')) record.fields.COMPLETED = false;
		this.assignFields(type, record, fields);
		Object.assign(record.fields, extra);
		if (fields.CUSTOMFIELDS !== undefined)
			applyCustomFields(type, record, fields.CUSTOMFIELDS, this.state);
		if (fields.LINKS !== undefined) this.links.checkInline(type, fields.LINKS);
		record.id = this.state.allocateId(type);
		assignAutonumbers(type, record, this.state);
		this.state.collection(type).set(record.id, record);
		if (fields.LINKS) this.links.replaceInline(type, record, fields.LINKS);
		return record;
	}

	/** Partial update as `PUT /{type}`: the id in the body, absent fields kept, `null` clears. */
	update(type: RecordType, body: unknown): StoredRecord {
		const fields = this.validate(type, body, 'update');
		const id = fields[type.idField];
		if (typeof id !== 'number')
			throw badRequest(`${type.idField} is required to update a ${type.linkName}.`);
		const record = this.get(type, id);
		// Work on a copy so a bad custom field or link leaves the record untouched.
		const draft: StoredRecord = {
			...record,
			fields: { ...record.fields },
			custom: { ...record.custom },
		};
		const previousState = record.fields.OPPORTUNITY_STATE;
		this.assignFields(type, draft, fields);
		if (fields.CUSTOMFIELDS !== undefined) {
			// The unconfirmed variant where the set sent replaces the record's (sandbox/behaviour.ts).
			if (this.state.behaviour.customFieldsOnPut === 'replace') draft.custom = {};
			applyCustomFields(type, draft, fields.CUSTOMFIELDS, this.state);
		}
		if (fields.LINKS !== undefined) this.links.checkInline(type, fields.LINKS);
		Object.assign(record, draft);
		if (fields.LINKS) this.links.replaceInline(type, record, fields.LINKS);
		this.touch(type, record);
		if (type.path === 'Opportunities' && record.fields.OPPORTUNITY_STATE !== previousState) {
			this.recordStateChange(record, null);
		}
		return record;
	}

	/** Appends the opportunity's current state to its StateHistory. */
	recordStateChange(record: StoredRecord, reason: Row | null): Row {
		const entry = {
			OPPORTUNITY_ID: record.id,
			DATE_CHANGED_UTC: formatInsightlyDate(this.clock.now()),
			FOR_OPPORTUNITY_STATE: record.fields.OPPORTUNITY_STATE ?? null,
			STATE_REASON_ID: reason?.STATE_REASON_ID ?? null,
			STATE_REASON: reason?.STATE_REASON ?? null,
		};
		const history = this.state.stateHistory.get(record.id) ?? [];
		history.push(entry);
		this.state.stateHistory.set(record.id, history);
		return entry;
	}

	private assignFields(type: RecordType, record: StoredRecord, fields: Row): void {
		const s = schemasOf(type);
		for (const [key, value] of Object.entries(fields)) {
			if (key === type.idField || key === 'CUSTOMFIELDS' || key === 'LINKS') continue;
			if (key === 'TAGS') {
				record.tags = normaliseTags(value as Row[] | null);
			} else if (key === 'TEAMMEMBERS') {
				record.extra = { ...record.extra, [key]: this.teamMembers(record, value as Row[] | null) };
			} else if (key === 'DATES' || key === 'EMAILDOMAINS') {
				record.extra = { ...record.extra, [key]: (value as Row[] | null) ?? [] };
			} else if (value === null) {
				delete record.fields[key];
			} else if (s.dateFields.has(key) && typeof value === 'string') {
				record.fields[key] = formatInsightlyDate(parseClientDate(value)!);
			} else {
				record.fields[key] = value;
			}
		}
	}

	/**
	 * A team's TEAMMEMBERS replaced by the body's list: each MEMBER_USER_ID must be a user; a member
	 * already in the team keeps its PERMISSION_ID, new ones get one. PERMISSION_ID and TEAM_ID in
	 * the body are ignored (the server assigns them).
	 */
	private teamMembers(record: StoredRecord, members: Row[] | null): Row[] {
		const users = this.state.collection(this.state.type('Users')!);
		const current = (record.extra?.TEAMMEMBERS ?? []) as Row[];
		const out: Row[] = [];
		for (const member of members ?? []) {
			const userId = member?.MEMBER_USER_ID;
			if (typeof userId !== 'number' || !users.has(userId))
				throw badRequest(`Invalid MEMBER_USER_ID: ${userId} does not exist.`);
			if (out.some((m) => m.MEMBER_USER_ID === userId)) continue;
			const kept = current.find((m) => m.MEMBER_USER_ID === userId);
			out.push({ PERMISSION_ID: kept?.PERMISSION_ID, MEMBER_USER_ID: userId });
		}
		// Ids only once every member is known good, so a rejected body allocates none.
		for (const m of out) m.PERMISSION_ID ??= this.state.nextPermissionId++;
		return out;
	}

	/** `DELETE /{type}/{id}`: the record, its links, tags, files and follow go. */
	remove(type: RecordType, id: number): void {
		this.get(type, id);
		this.links.removeAllOf(type, id);
		for (const [fileId, file] of this.state.files) {
			if (file.owner.type === type.path && file.owner.id === id) this.state.files.delete(fileId);
		}
		this.state.follows.delete(`${type.path}:${id}`);
		this.state.collection(type).delete(id);
	}

	/** The record as Insightly returns it: every schema property (null when unset). */
	render(type: RecordType, record: StoredRecord, brief = false): Row {
		const s = schemasOf(type);
		const out: Row = {};
		for (const key of s.responseOrder) {
			if (SUB_COLLECTION_SET.has(key)) {
				if (!brief) out[key] = this.subCollection(type, record, key);
			} else out[key] = this.valueOf(type, record, key) ?? null;
		}
		// Custom-object records carry DATE_UPDATED_UTC too (the swagger omits it; Search needs it).
		if (!('DATE_UPDATED_UTC' in out)) out.DATE_UPDATED_UTC = formatInsightlyDate(record.updated);
		for (const [key, value] of Object.entries(record.fields)) if (!(key in out)) out[key] = value;
		return out;
	}

	private subCollection(type: RecordType, record: StoredRecord, key: string): Row[] {
		switch (key) {
			case 'CUSTOMFIELDS':
				return renderCustomFields(record);
			case 'TAGS':
				return (record.tags ?? []).map((TAG_NAME) => ({ TAG_NAME }));
			case 'LINKS':
				return this.links.render(type, record.id);
			case 'TEAMMEMBERS':
				return (record.extra?.TEAMMEMBERS ?? []).map((m) => ({
					PERMISSION_ID: m.PERMISSION_ID,
					TEAM_ID: record.id,
					MEMBER_USER_ID: m.MEMBER_USER_ID,
				}));
			default:
				return record.extra?.[key] ?? [];
		}
	}

	/** A top-level field's value as returned (timestamps formatted). */
	valueOf(type: RecordType, record: StoredRecord, key: string): unknown {
		if (key === type.idField) return record.id;
		if (key === 'DATE_CREATED_UTC') return formatInsightlyDate(record.created);
		if (key === 'DATE_UPDATED_UTC') return formatInsightlyDate(record.updated);
		return record.fields[key];
	}

	/**
	 * `GET /{type}/Search`: exact (case-insensitive) match of one standard or custom field and/or
	 * DATE_UPDATED_UTC strictly after `updated_after_utc` at 1-second resolution.
	 */
	search(type: RecordType, query: Record<string, string>): StoredRecord[] {
		const { field_name: fieldName, field_value: fieldValue, updated_after_utc: after } = query;
		if ((fieldName === undefined) !== (fieldValue === undefined)) {
			throw badRequest('field_name and field_value must be given together.');
		}
		let match: ((r: StoredRecord) => boolean) | undefined;
		if (fieldName !== undefined) match = this.fieldMatcher(type, fieldName, fieldValue!);
		let afterMs: number | undefined;
		if (after !== undefined) {
			afterMs = parseClientDate(after);
			if (afterMs === undefined) throw badRequest(`Invalid updated_after_utc '${after}'.`);
			afterMs = toSecond(afterMs);
		}
		const out: StoredRecord[] = [];
		for (const record of this.state.collection(type).values()) {
			if (afterMs !== undefined && toSecond(record.updated) <= afterMs) continue;
			if (match && !match(record)) continue;
			out.push(record);
		}
		return out;
	}

	private fieldMatcher(
		type: RecordType,
		fieldName: string,
		fieldValue: string,
	): (r: StoredRecord) => boolean {
		const s = schemasOf(type);
		const wanted = fieldValue.toLowerCase();
		const standard = s.responseOrder.find(
			(k) =>
				k.toLowerCase() === fieldName.toLowerCase() &&
				!(SUB_COLLECTIONS as readonly string[]).includes(k),
		);
		const asText = (value: unknown, isDate: boolean): string | undefined => {
			if (value === undefined || value === null) return undefined;
			if (isDate && typeof value === 'string') return value.toLowerCase();
			return String(value).toLowerCase();
		};
		// A date searched in ISO form still matches the stored `yyyy-MM-dd HH:mm:ss`.
		const normalise = (isDate: boolean) => {
			const ms = isDate ? parseClientDate(fieldValue) : undefined;
			return ms === undefined ? wanted : formatInsightlyDate(ms).toLowerCase();
		};
		if (standard) {
			const isDate = s.dateFields.has(standard);
			const target = normalise(isDate);
			return (r) => asText(this.valueOf(type, r, standard), isDate) === target;
		}
		const custom = this.state
			.customFieldsFor(type)
			.find((f) => f.FIELD_NAME.toLowerCase() === fieldName.toLowerCase());
		if (!custom) throw badRequest(`Invalid field_name '${fieldName}' for ${type.linkName}.`);
		const isDate = custom.FIELD_TYPE === 'DATE' || custom.FIELD_TYPE === 'DATETIME';
		const target = normalise(isDate);
		return (r) => asText(r.custom?.[custom.FIELD_NAME], isDate) === target;
	}

	// ------------------------------------------------------------ tags

	tags(type: RecordType, id: number): string[] {
		return this.get(type, id).tags ?? [];
	}

	addTag(type: RecordType, id: number, name: string): void {
		const record = this.get(type, id);
		const tags = record.tags ?? [];
		if (!tags.includes(name)) record.tags = [...tags, name];
		this.touch(type, record);
	}

	removeTag(type: RecordType, id: number, name: string): void {
		const record = this.get(type, id);
		if (!(record.tags ?? []).includes(name))
			throw notFound(`Tag '${name}' not found on ${type.linkName} ${id}.`);
		record.tags = record.tags!.filter((t) => t !== name);
		this.touch(type, record);
	}

	replaceTags(type: RecordType, id: number, names: string[]): void {
		const record = this.get(type, id);
		record.tags = [...new Set(names)];
		this.touch(type, record);
	}
}

function normaliseTags(tags: Row[] | null): string[] {
	if (!tags) return [];
	const names = tags.map((t) => t?.TAG_NAME);
	if (names.some((n) => typeof n !== 'string' || n === ''))
		throw new ApiError(400, 'Every tag needs a TAG_NAME.');
	return [...new Set(names as string[])];
}
