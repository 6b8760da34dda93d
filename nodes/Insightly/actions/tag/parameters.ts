import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../descriptions/parameters';
import { requireNonEmpty } from '../../utils/validation';

export function tagNameProperty(operation: string): INodeProperties {
	return {
		displayName: 'Tag Name',
		name: 'tagName',
		type: 'string',
		required: true,
		default: '',
		description: 'The tag; Insightly creates it when it does not exist yet',
		displayOptions: showFor(['tag'], [operation]),
	};
}

export function tagNameOf(this: IExecuteFunctions, itemIndex: number): string {
	return requireNonEmpty(
		String(this.getNodeParameter('tagName', itemIndex, '')),
		'Tag Name',
		itemIndex,
	).trim();
}
