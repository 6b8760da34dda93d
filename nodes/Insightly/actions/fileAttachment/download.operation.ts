import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';
import { insightlyRequest, isByteStream } from '../../transport';
import { formatBytes, isMimeType, MAX_FILE_BYTES, safeFileName } from '../../utils/files';
import { InputError, parseRecordId, requireNonEmpty } from '../../utils/validation';
import type { Operation, OperationInput } from '../operation';
import { asDataObjects } from '../target';
import { fileIdProperty } from './parameters';

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

/** GET /FileAttachments/{id}: the file into binary data. */
export const download: Operation = {
	value: 'download',
	resources: ['fileAttachment'],
	option: () => ({
		name: 'Download',
		value: 'download',
		description: 'Download a file attachment into binary data',
		action: 'Download a file attachment',
	}),
	properties: [
		fileIdProperty('download'),
		{
			displayName: 'Put Output File in Field',
			name: 'outputBinaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
			displayOptions: showFor(['fileAttachment'], ['download']),
		},
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const fileId = parseRecordId(this.getNodeParameter('fileId', itemIndex), 'File ID', itemIndex);
		const output = requireNonEmpty(
			String(this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data')),
			'Put Output File in Field',
			itemIndex,
		);
		// The attachment's metadata first (one request): a live download sends no file name
		// (docs/live-api.md, "File attachments"), and the size is known before any byte is moved.
		const metaResponse = await insightlyRequest.call(this, {
			method: 'GET',
			path: `/FileAttachments/${fileId}`,
			qs: { format: 'JSON' },
			itemIndex,
			record: { typeName: 'File attachment', id: fileId },
		});
		const meta = asDataObjects(metaResponse.body)[0] ?? {};
		const tooLarge = (bytes: number, name: string) =>
			new InputError(
				`File ${fileId} (${name}) is ${formatBytes(bytes)}: the node downloads files up to ${formatBytes(MAX_FILE_BYTES)}`,
				{ field: 'File ID', itemIndex },
			);
		const metaName = typeof meta.FILE_NAME === 'string' ? meta.FILE_NAME : undefined;
		if (Number(meta.FILE_SIZE) > MAX_FILE_BYTES)
			throw tooLarge(Number(meta.FILE_SIZE), safeFileName(metaName, `file-${fileId}`));
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `/FileAttachments/${fileId}`,
			binary: true,
			itemIndex,
			record: { typeName: 'File attachment', id: fileId },
		});
		const fileName = safeFileName(
			fileNameOf(response.headers['content-disposition']) ?? metaName,
			`file-${fileId}`,
		);
		const declaredType = (
			response.headers['content-type'] ??
			(typeof meta.CONTENT_TYPE === 'string' ? meta.CONTENT_TYPE : '')
		)
			.split(';')[0]
			.trim();
		const mimeType = isMimeType(declaredType) ? declaredType : 'application/octet-stream';
		const body = response.body;
		if (!isByteStream(body)) throw new Error(`The download of file ${fileId} returned no data`);
		const declared = Number(response.headers['content-length']);
		if (declared > MAX_FILE_BYTES) {
			body.destroy();
			throw tooLarge(declared, fileName);
		}
		// The file flows into n8n's binary data store; counting on the way stops an oversized one
		// (no Content-Length) before it fills the memory.
		// The bytes flow straight into n8n's binary data store. They are not counted on the way: a
		// 'data' listener would start the flow before n8n reads (2.x loses the first chunks) or,
		// paused, never let it start (1.x waits for ever); the sizes above are the cap.
		let binary;
		try {
			binary = await this.helpers.prepareBinaryData(
				body as Parameters<typeof this.helpers.prepareBinaryData>[0],
				fileName,
				mimeType,
			);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
		return [
			{
				json: {
					FILE_ID: fileId,
					FILE_NAME: fileName,
					CONTENT_TYPE: mimeType,
					FILE_SIZE: Number(meta.FILE_SIZE) || declared || undefined,
				},
				binary: { [output]: binary },
			},
		];
	},
};
