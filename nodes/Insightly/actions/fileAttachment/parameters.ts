import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';

export function fileIdProperty(operation: string): INodeProperties {
	return {
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		description: 'FILE_ID of the attachment (see File Attachment → Get Many)',
		displayOptions: showFor(['fileAttachment'], [operation]),
	};
}
