import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';
import { insightlyRequest } from '../../transport';
import { formatBytes, isMimeType, MAX_FILE_BYTES, safeFileName } from '../../utils/files';
import { InputError, parseRecordId, requireNonEmpty } from '../../utils/validation';
import { attachedRecord, attachedRecordProperties } from '../attached';
import { toItems, type Operation, type OperationInput } from '../operation';
import { asDataObjects } from '../target';

const show = showFor(['fileAttachment'], ['upload']);

function tooLarge(fileName: string, bytes: number, itemIndex: number): InputError {
	return new InputError(
		`${fileName} is ${formatBytes(bytes)}: the node uploads files up to ${formatBytes(MAX_FILE_BYTES)}`,
		{ field: 'Input Binary Field', itemIndex },
	);
}

function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return { response: body };
	}
}

/** POST /{path}/{id}/FileAttachments as multipart: one file per request. */
export const upload: Operation = {
	value: 'upload',
	resources: ['fileAttachment'],
	option: () => ({
		name: 'Upload',
		value: 'upload',
		description: 'Attach a file from binary data to a record',
		action: 'Upload a file attachment',
	}),
	properties: [
		...attachedRecordProperties('fileAttachment', 'upload'),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field containing the file to upload',
			displayOptions: show,
		},
		{
			displayName: 'Upload Options',
			name: 'uploadOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: "Overrides the binary data's file name",
				},
				{
					displayName: 'File Category Name or ID',
					name: 'fileCategoryId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getFileCategoriesOrNone' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
	],
	async execute(
		this: IExecuteFunctions,
		{ itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const property = requireNonEmpty(
			String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')),
			'Input Binary Field',
			itemIndex,
		);
		const options = this.getNodeParameter('uploadOptions', itemIndex, {}) as IDataObject;
		const binary = this.helpers.assertBinaryData(itemIndex, property);
		const fileName = safeFileName(String(options.fileName || binary.fileName || ''), 'file');
		const contentType = (binary.mimeType || 'application/octet-stream').trim();
		// The type goes into a part header: a bare type/subtype, or the upload stops here.
		if (!isMimeType(contentType))
			throw new InputError(
				`The MIME type of the binary field "${property}" is not a type/subtype such as text/plain`,
				{ field: 'Input Binary Field', itemIndex },
			);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		if (data.length > MAX_FILE_BYTES) throw tooLarge(fileName, data.length, itemIndex);
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
		return toItems(asDataObjects(parsedBody(response.body)));
	},
};
