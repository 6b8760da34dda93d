import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getRecordType } from '../objects';
import { FEATURE_OF_RESOURCE } from '../descriptions/attached';
import { insightlyRequest, insightlyRequestAllItems } from '../transport';
import { InputError, parseRecordId, requireNonEmpty } from '../utils/validation';
import { asDataObjects, limitOf, recordIdParameter, resolveTarget, type Target } from './target';

export type AttachedResult = IDataObject | IDataObject[] | INodeExecutionData;

/** The record a tag, link, file or follow belongs to. */
function attachedRecord(
	this: IExecuteFunctions,
	resource: string,
	itemIndex: number,
): { target: Target; id: number; base: string } {
	const typeKey = this.getNodeParameter('recordType', itemIndex) as string;
	const type = getRecordType(typeKey);
	if (!type.features[FEATURE_OF_RESOURCE[resource]]) {
		throw new InputError(`Insightly has no ${resource} operations on ${type.displayName} records`, {
			field: 'Record Type',
			itemIndex,
		});
	}
	const target = resolveTarget.call(this, type.key, itemIndex);
	const id = recordIdParameter.call(this, 'recordId', `${target.label} ID`, itemIndex);
	return { target, id, base: `/${target.path}/${id}` };
}

async function listOf(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
	target: Target,
	id: number,
): Promise<IDataObject[]> {
	const response = await insightlyRequest.call(this, {
		method: 'GET',
		path,
		itemIndex,
		record: { typeName: target.label, id },
	});
	const items = asDataObjects(response.body);
	const limit = limitOf.call(this, itemIndex);
	return limit === undefined ? items : items.slice(0, limit);
}

const tag = {
	async add(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const tagName = requireNonEmpty(
			String(this.getNodeParameter('tagName', itemIndex, '')),
			'Tag Name',
			itemIndex,
		).trim();
		const { target, id, base } = attachedRecord.call(this, 'tag', itemIndex);
		await insightlyRequest.call(this, {
			method: 'POST',
			path: `${base}/Tags`,
			body: { TAG_NAME: tagName },
			itemIndex,
			record: { typeName: target.label, id },
		});
		return { [target.type.idField]: id, TAG_NAME: tagName, added: true };
	},
	async remove(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const tagName = requireNonEmpty(
			String(this.getNodeParameter('tagName', itemIndex, '')),
			'Tag Name',
			itemIndex,
		).trim();
		const { target, id, base } = attachedRecord.call(this, 'tag', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `${base}/Tags`,
			body: { TAG_NAME: tagName },
			itemIndex,
			record: { typeName: target.label, id },
		});
		return { [target.type.idField]: id, TAG_NAME: tagName, removed: true };
	},
	async getAll(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const { target, id, base } = attachedRecord.call(this, 'tag', itemIndex);
		return await listOf.call(this, `${base}/Tags`, itemIndex, target, id);
	},
};

const link = {
	async add(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const linkObjectName = String(this.getNodeParameter('linkObjectName', itemIndex));
		const linkObjectId = parseRecordId(
			this.getNodeParameter('linkObjectId', itemIndex),
			'Linked Record ID',
			itemIndex,
		);
		const fields = this.getNodeParameter('linkFields', itemIndex, {}) as IDataObject;
		const { target, id, base } = attachedRecord.call(this, 'link', itemIndex);
		const body: IDataObject = { LINK_OBJECT_NAME: linkObjectName, LINK_OBJECT_ID: linkObjectId };
		if (fields.role) body.ROLE = fields.role;
		if (fields.details) body.DETAILS = fields.details;
		const response = await insightlyRequest.call(this, {
			method: 'POST',
			path: `${base}/Links`,
			body,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return asDataObjects(response.body);
	},
	async remove(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const linkId = parseRecordId(this.getNodeParameter('linkId', itemIndex), 'Link ID', itemIndex);
		const { target, id, base } = attachedRecord.call(this, 'link', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `${base}/Links/${linkId}`,
			itemIndex,
			record: { typeName: `Link ${linkId} of ${target.label}`, id },
		});
		return { [target.type.idField]: id, LINK_ID: linkId, removed: true };
	},
	async getAll(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const { target, id, base } = attachedRecord.call(this, 'link', itemIndex);
		return await listOf.call(this, `${base}/Links`, itemIndex, target, id);
	},
};

const fileAttachment = {
	async upload(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const property = requireNonEmpty(
			String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')),
			'Input Binary Field',
			itemIndex,
		);
		const options = this.getNodeParameter('uploadOptions', itemIndex, {}) as IDataObject;
		const binary = this.helpers.assertBinaryData(itemIndex, property);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		const fileName = String(options.fileName || binary.fileName || 'file');
		const contentType = binary.mimeType || 'application/octet-stream';
		const fields: Record<string, string> = { file_name: fileName, content_type: contentType };
		if (options.fileCategoryId !== undefined && options.fileCategoryId !== '') {
			fields.file_category_id = String(
				parseRecordId(options.fileCategoryId, 'File Category', itemIndex),
			);
		}
		const { target, id, base } = attachedRecord.call(this, 'fileAttachment', itemIndex);
		const response = await insightlyRequest.call(this, {
			method: 'POST',
			path: `${base}/FileAttachments`,
			multipart: { fields, file: { field: 'file', data, fileName, contentType } },
			itemIndex,
			record: { typeName: target.label, id },
		});
		const body = typeof response.body === 'string' ? safeJson(response.body) : response.body;
		return asDataObjects(body);
	},
	async getAll(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const { target, id, base } = attachedRecord.call(this, 'fileAttachment', itemIndex);
		const { items } = await insightlyRequestAllItems.call(
			this,
			`${base}/FileAttachments`,
			{},
			{
				limit: limitOf.call(this, itemIndex),
				itemIndex,
				record: { typeName: `${target.label} ${id}` },
			},
		);
		return items;
	},
	async download(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const fileId = parseRecordId(this.getNodeParameter('fileId', itemIndex), 'File ID', itemIndex);
		const output = requireNonEmpty(
			String(this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data')),
			'Put Output File in Field',
			itemIndex,
		);
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `/FileAttachments/${fileId}`,
			binary: true,
			itemIndex,
			record: { typeName: 'File attachment', id: fileId },
		});
		const fileName = fileNameOf(response.headers['content-disposition']) ?? `file-${fileId}`;
		const mimeType = (response.headers['content-type'] ?? 'application/octet-stream')
			.split(';')[0]
			.trim();
		const binary = await this.helpers.prepareBinaryData(
			response.body as Buffer,
			fileName,
			mimeType,
		);
		return {
			json: {
				FILE_ID: fileId,
				FILE_NAME: fileName,
				CONTENT_TYPE: mimeType,
				FILE_SIZE: (response.body as Buffer).length,
			},
			binary: { [output]: binary },
		};
	},
	async delete(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const fileId = parseRecordId(this.getNodeParameter('fileId', itemIndex), 'File ID', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `/FileAttachments/${fileId}`,
			itemIndex,
			record: { typeName: 'File attachment', id: fileId },
		});
		return { FILE_ID: fileId, deleted: true };
	},
};

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return { response: text };
	}
}

/** File name from Content-Disposition (filename*=UTF-8'' first, then filename=). */
export function fileNameOf(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = header.match(/filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
		} catch {
			// fall through to the plain form
		}
	}
	const plain = header.match(/filename\s*=\s*("([^"]*)"|[^;]+)/i);
	return plain ? (plain[2] ?? plain[1]).trim() : undefined;
}

const follow = {
	async follow(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const { target, id, base } = attachedRecord.call(this, 'follow', itemIndex);
		await insightlyRequest.call(this, {
			method: 'POST',
			path: `${base}/Follow`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return { [target.type.idField]: id, FOLLOWING: true };
	},
	async unfollow(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const { target, id, base } = attachedRecord.call(this, 'follow', itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `${base}/Follow`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return { [target.type.idField]: id, FOLLOWING: false };
	},
	async get(this: IExecuteFunctions, itemIndex: number): Promise<AttachedResult> {
		const { target, id, base } = attachedRecord.call(this, 'follow', itemIndex);
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `${base}/Follow`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return { [target.type.idField]: id, ...(asDataObjects(response.body)[0] ?? {}) };
	},
};

export const attachedOperations: Record<
	string,
	Record<string, (this: IExecuteFunctions, itemIndex: number) => Promise<AttachedResult>>
> = {
	tag,
	link,
	fileAttachment,
	follow,
};
