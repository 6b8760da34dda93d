/**
 * Links between records. One stored link is visible from both ends: from the end that created it
 * with IS_FORWARD true, from the other with the names swapped and IS_FORWARD false.
 * LINK_OBJECT_NAME is the singular type name (Contact, Organisation, Opportunity...), any case.
 */
import { badRequest, notFound } from './errors';
import type { Records } from './records';
import type { RecordType } from './registry';
import type { Row, SandboxState, StoredLink, StoredRecord } from './state';
import { validateAgainst, swaggerDocument } from './swagger';

export class Links {
	constructor(
		private readonly state: SandboxState,
		private readonly records: Records,
	) {}

	/** Links touching a record, from its point of view, in link id order. */
	render(type: RecordType, id: number): Row[] {
		const ids = this.state.linksByRecord.get(`${type.path}:${id}`);
		if (!ids) return [];
		return [...ids]
			.sort((a, b) => a - b)
			.map((linkId) => this.view(this.state.links.get(linkId)!, type.path, id));
	}

	view(link: StoredLink, typePath: string, id: number): Row {
		const forward = link.from.type === typePath && link.from.id === id;
		const self = forward ? link.from : link.to;
		const other = forward ? link.to : link.from;
		return {
			LINK_ID: link.LINK_ID,
			OBJECT_NAME: this.state.type(self.type)!.linkName,
			OBJECT_ID: self.id,
			LINK_OBJECT_NAME: this.state.type(other.type)!.linkName,
			LINK_OBJECT_ID: other.id,
			ROLE: link.ROLE,
			DETAILS: link.DETAILS,
			RELATIONSHIP_ID: link.RELATIONSHIP_ID,
			IS_FORWARD: forward,
		};
	}

	/** Checks an APILinkDto body for a link from (type, id); returns the target. */
	private check(
		type: RecordType,
		id: number,
		body: unknown,
	): { target: RecordType; targetId: number; dto: Row } {
		if (!body || typeof body !== 'object' || Array.isArray(body))
			throw badRequest('The link must be a JSON object.');
		const dto = body as Row;
		const errors = validateAgainst(swaggerDocument().definitions.APILinkDto, dto, 'request');
		if (errors.length) throw badRequest(`Validation failed: ${errors.join('; ')}.`);
		if (typeof dto.LINK_OBJECT_NAME !== 'string' || typeof dto.LINK_OBJECT_ID !== 'number') {
			throw badRequest('LINK_OBJECT_NAME and LINK_OBJECT_ID are required.');
		}
		const target = this.state.typeByLinkName(dto.LINK_OBJECT_NAME);
		if (!target) throw badRequest(`Invalid LINK_OBJECT_NAME '${dto.LINK_OBJECT_NAME}'.`);
		if (!this.state.collection(target).has(dto.LINK_OBJECT_ID)) {
			throw badRequest(`Linked ${target.linkName} with id ${dto.LINK_OBJECT_ID} does not exist.`);
		}
		if (target.path === type.path && dto.LINK_OBJECT_ID === id)
			throw badRequest('A record cannot link to itself.');
		if (dto.RELATIONSHIP_ID != null && !this.state.relationships.get(dto.RELATIONSHIP_ID)) {
			throw badRequest(`Invalid RELATIONSHIP_ID ${dto.RELATIONSHIP_ID}.`);
		}
		return { target, targetId: dto.LINK_OBJECT_ID, dto };
	}

	/** `POST /{X}/{id}/Links`: both records exist and are bumped. */
	add(type: RecordType, id: number, body: unknown): StoredLink {
		const record = this.records.get(type, id);
		const { target, targetId, dto } = this.check(type, id, body);
		const link: StoredLink = {
			LINK_ID: this.state.nextLinkId++,
			from: { type: type.path, id },
			to: { type: target.path, id: targetId },
			ROLE: dto.ROLE ?? null,
			DETAILS: dto.DETAILS ?? null,
			RELATIONSHIP_ID: dto.RELATIONSHIP_ID ?? null,
		};
		this.state.links.set(link.LINK_ID, link);
		this.state.linkIdsOf(type.path, id).add(link.LINK_ID);
		this.state.linkIdsOf(target.path, targetId).add(link.LINK_ID);
		this.records.touch(type, record);
		this.records.touch(target, this.records.get(target, targetId));
		return link;
	}

	/** The link `linkId` if it touches (type, id), else 404. */
	find(type: RecordType, id: number, linkId: number): StoredLink {
		this.records.get(type, id);
		const ids = this.state.linksByRecord.get(`${type.path}:${id}`);
		const link = ids?.has(linkId) ? this.state.links.get(linkId) : undefined;
		if (!link) throw notFound(`Link ${linkId} not found on ${type.linkName} ${id}.`);
		return link;
	}

	/** `PUT /{X}/{id}/Links`: changes ROLE / DETAILS / RELATIONSHIP_ID of an existing link. */
	update(type: RecordType, id: number, body: Row): StoredLink {
		if (typeof body?.LINK_ID !== 'number')
			throw badRequest('LINK_ID is required to update a link.');
		const link = this.find(type, id, body.LINK_ID);
		const errors = validateAgainst(swaggerDocument().definitions.APILinkDto, body, 'request');
		if (errors.length) throw badRequest(`Validation failed: ${errors.join('; ')}.`);
		for (const key of ['ROLE', 'DETAILS', 'RELATIONSHIP_ID'] as const) {
			if (key in body) (link as unknown as Row)[key] = body[key];
		}
		this.touchEnds(link);
		return link;
	}

	remove(type: RecordType, id: number, linkId: number): void {
		const link = this.find(type, id, linkId);
		this.detach(link);
		this.touchEnds(link);
	}

	private detach(link: StoredLink): void {
		this.state.links.delete(link.LINK_ID);
		this.state.linksByRecord.get(`${link.from.type}:${link.from.id}`)?.delete(link.LINK_ID);
		this.state.linksByRecord.get(`${link.to.type}:${link.to.id}`)?.delete(link.LINK_ID);
	}

	private touchEnds(link: StoredLink): void {
		for (const end of [link.from, link.to]) {
			const type = this.state.type(end.type)!;
			const record = this.state.collection(type).get(end.id);
			if (record) this.records.touch(type, record);
		}
	}

	/** Drops every link of a deleted record (the other ends are bumped). */
	removeAllOf(type: RecordType, id: number): void {
		const ids = this.state.linksByRecord.get(`${type.path}:${id}`);
		for (const linkId of [...(ids ?? [])]) {
			const link = this.state.links.get(linkId)!;
			this.detach(link);
			this.touchEnds(link);
		}
		this.state.linksByRecord.delete(`${type.path}:${id}`);
	}

	/** Checks inline `LINKS` of a POST/PUT body before anything is stored. */
	checkInline(type: RecordType, links: unknown): void {
		if (links === null) return;
		if (!Array.isArray(links)) throw badRequest('LINKS must be an array.');
		for (const dto of links) {
			const { LINK_ID: linkId } = (dto ?? {}) as Row;
			if (typeof linkId === 'number' && !this.state.links.has(linkId))
				throw notFound(`Link ${linkId} not found.`);
			if (typeof linkId !== 'number') this.check(type, -1, dto);
		}
	}

	/** Inline LINKS replace the record's set: listed LINK_IDs stay, others go, new ones are added. */
	replaceInline(type: RecordType, record: StoredRecord, links: Row[] | null): void {
		const keep = new Set((links ?? []).map((l) => l.LINK_ID).filter((x) => typeof x === 'number'));
		for (const linkId of [...(this.state.linksByRecord.get(`${type.path}:${record.id}`) ?? [])]) {
			if (!keep.has(linkId)) this.detach(this.state.links.get(linkId)!);
		}
		for (const dto of links ?? [])
			if (typeof dto.LINK_ID !== 'number') this.add(type, record.id, dto);
	}

	/** Records of `otherType` linked to (type, id), e.g. the notes of a contact. */
	linkedIds(type: RecordType, id: number, otherType: RecordType): number[] {
		const out: number[] = [];
		for (const linkId of this.state.linksByRecord.get(`${type.path}:${id}`) ?? []) {
			const link = this.state.links.get(linkId)!;
			const other = link.from.type === type.path && link.from.id === id ? link.to : link.from;
			if (other.type === otherType.path) out.push(other.id);
		}
		return out.sort((a, b) => a - b);
	}
}
