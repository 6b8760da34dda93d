import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';
import { insightlyRequest } from '../../transport';
import { parseRecordId, requireNonEmpty } from '../../utils/validation';
import type { Operation, OperationInput } from '../operation';
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
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `/FileAttachments/${fileId}`,
			binary: true,
			itemIndex,
			record: { typeName: 'File attachment', id: fileId },
		});
		const body = response.body as Buffer;
		const fileName = fileNameOf(response.headers['content-disposition']) ?? `file-${fileId}`;
		const mimeType = (response.headers['content-type'] ?? 'application/octet-stream')
			.split(';')[0]
			.trim();
		const binary = await this.helpers.prepareBinaryData(body, fileName, mimeType);
		return [
			{
				json: {
					FILE_ID: fileId,
					FILE_NAME: fileName,
					CONTENT_TYPE: mimeType,
					FILE_SIZE: body.length,
				},
				binary: { [output]: binary },
			},
		];
	},
};
