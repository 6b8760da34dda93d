/**
 * The sandbox's data: records of every type, their tags, links, files and follows, and the
 * instance configuration (users, pipelines, categories, custom-field metadata...). Plain maps,
 * no behaviour beyond lookups: rules live in records.ts and the handlers.
 */
import { defaultBehaviour, type LiveBehaviour } from './behaviour';
import {
	BUILT_IN_TYPES,
	customObjectIdBase,
	customObjectType,
	typeIdBase,
	type RecordType,
} from './registry';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Row = Record<string, any>;

/** A stored record: only the fields that have a value, timestamps as epoch ms. */
export interface StoredRecord {
	id: number;
	created: number;
	updated: number;
	fields: Row;
	/** Custom field values by FIELD_NAME. */
	custom?: Record<string, unknown>;
	tags?: string[];
	/**
	 * DATES / EMAILDOMAINS sub-collections, stored as sent; TEAMMEMBERS as
	 * `{PERMISSION_ID, MEMBER_USER_ID}` (TEAM_ID is the record's id).
	 */
	extra?: Record<string, Row[]>;
}

export interface StoredLink {
	LINK_ID: number;
	from: { type: string; id: number };
	to: { type: string; id: number };
	ROLE: string | null;
	DETAILS: string | null;
	RELATIONSHIP_ID: number | null;
}

export interface StoredFile {
	meta: Row; // APIFileAttachment fields
	owner: { type: string; id: number };
	created: number;
	updated: number;
	data: Buffer;
}

export interface CustomFieldMeta {
	FIELD_NAME: string;
	FIELD_ORDER: number;
	FIELD_FOR: string;
	FIELD_LABEL: string;
	FIELD_TYPE: string;
	FIELD_HELP_TEXT: string | null;
	DEFAULT_VALUE: string | null;
	EDITABLE: boolean;
	VISIBLE: boolean;
	CUSTOM_FIELD_OPTIONS: { OPTION_ID: number; OPTION_VALUE: string; OPTION_DEFAULT: boolean }[];
	DEPENDENCY: null;
	JOIN_OBJECT: string | null;
}

/** A configuration list (pipelines, categories, lead sources...): rows keyed by their id field. */
export class LookupTable {
	rows: Row[] = [];
	private nextId: number;

	constructor(
		readonly idField: string,
		firstId: number,
	) {
		this.nextId = firstId;
	}

	add(row: Row): Row {
		const full = { [this.idField]: this.nextId++, ...row };
		this.rows.push(full);
		return full;
	}

	get(id: number): Row | undefined {
		return this.rows.find((r) => r[this.idField] === id);
	}
}

export class SandboxState {
	readonly types = new Map<string, RecordType>();
	readonly records = new Map<string, Map<number, StoredRecord>>();
	private readonly nextIds = new Map<string, number>();

	readonly links = new Map<number, StoredLink>();
	/** `type:id` -> link ids touching that record. */
	readonly linksByRecord = new Map<string, Set<number>>();
	nextLinkId = 90_000_001;

	readonly files = new Map<number, StoredFile>();
	nextFileId = 80_000_001;

	/** PERMISSION_ID of the next team member (TEAMMEMBERS of Teams). */
	nextPermissionId = 70_000_001;

	/** `type:id` of records the calling user follows. */
	readonly follows = new Set<string>();

	customFields: CustomFieldMeta[] = [];
	customObjects: Row[] = [];
	/** Next AUTONUMBER value by FIELD_NAME. */
	readonly autonumbers = new Map<string, number>();

	readonly pipelines = new LookupTable('PIPELINE_ID', 301);
	readonly pipelineStages = new LookupTable('STAGE_ID', 401);
	readonly categories: Record<string, LookupTable> = {
		OpportunityCategories: new LookupTable('CATEGORY_ID', 501),
		ProjectCategories: new LookupTable('CATEGORY_ID', 601),
		TaskCategories: new LookupTable('CATEGORY_ID', 701),
		FileCategories: new LookupTable('CATEGORY_ID', 801),
	};
	readonly leadSources = new LookupTable('LEAD_SOURCE_ID', 901);
	readonly leadStatuses = new LookupTable('LEAD_STATUS_ID', 1001);
	readonly stateReasons = new LookupTable('STATE_REASON_ID', 1101);
	readonly relationships = new LookupTable('RELATIONSHIP_ID', 1201);
	/** Opportunity id -> APIOpportunityState entries, oldest first. */
	readonly stateHistory = new Map<number, Row[]>();

	instance: Row = {};
	/** USER_ID of the API key's owner (`/Users/Me`). */
	meUserId = 0;
	/** Which variant of each unconfirmed live behaviour to play (sandbox/behaviour.ts). */
	behaviour: LiveBehaviour = defaultBehaviour();

	constructor() {
		BUILT_IN_TYPES.forEach((t, i) => this.registerType(t, typeIdBase(i)));
	}

	private registerType(type: RecordType, firstId: number): void {
		this.types.set(type.path.toLowerCase(), type);
		this.records.set(type.path, new Map());
		this.nextIds.set(type.path, firstId);
	}

	/** Adds a custom object definition (`Fruit__c`) and makes its records servable. */
	addCustomObject(meta: Row): RecordType {
		const type = customObjectType(meta.OBJECT_NAME);
		const firstId = customObjectIdBase(this.customObjects.length + 1);
		this.customObjects.push(meta);
		this.registerType(type, firstId);
		return type;
	}

	/** The type whose collection segment is `segment`, any case. */
	type(segment: string): RecordType | undefined {
		return this.types.get(segment.toLowerCase());
	}

	/** The type whose LINK_OBJECT_NAME is `name`, any case. */
	typeByLinkName(name: string): RecordType | undefined {
		const lower = name.toLowerCase();
		for (const t of this.types.values()) if (t.linkName.toLowerCase() === lower) return t;
		return undefined;
	}

	collection(type: RecordType): Map<number, StoredRecord> {
		return this.records.get(type.path)!;
	}

	allocateId(type: RecordType): number {
		const id = this.nextIds.get(type.path)!;
		this.nextIds.set(type.path, id + 1);
		return id;
	}

	customFieldsFor(type: RecordType): CustomFieldMeta[] {
		return type.fieldFor ? this.customFields.filter((f) => f.FIELD_FOR === type.fieldFor) : [];
	}

	linkIdsOf(typePath: string, id: number): Set<number> {
		const key = `${typePath}:${id}`;
		let set = this.linksByRecord.get(key);
		if (!set) this.linksByRecord.set(key, (set = new Set()));
		return set;
	}

	recordCount(): number {
		let n = 0;
		for (const m of this.records.values()) n += m.size;
		return n;
	}
}
