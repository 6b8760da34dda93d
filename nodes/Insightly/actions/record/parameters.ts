/** Parameters shared by the operations on records (actions/record, actions/pipeline). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customObjectProperty, recordLocators, showFor } from '../../descriptions/parameters';
import { recordTypesOf } from '../operation';
import { CUSTOM_OBJECT_RECORD } from '../../objects';
import { recordIdParameter, type Target } from '../target';

/** The custom object picker, for the custom object resource when the operation offers it. */
export function targetProperties(
	resources: readonly string[],
	operation: string,
): INodeProperties[] {
	if (!resources.includes(CUSTOM_OBJECT_RECORD)) return [];
	return [
		customObjectProperty(
			showFor([CUSTOM_OBJECT_RECORD], [operation]),
			'The custom object whose records to use.',
		),
	];
}

/** The record an operation works on, from its resource locator (one per type: its URL pattern). */
export function recordProperty(resources: readonly string[], operation: string): INodeProperties[] {
	return recordLocators('recordId', 'Record', recordTypesOf(resources), (type) =>
		showFor([type.key], [operation]),
	);
}

/** The record ID of the Record parameter, checked before it reaches a URL. */
export function recordIdOf(this: IExecuteFunctions, target: Target, itemIndex: number): number {
	return recordIdParameter.call(this, 'recordId', target.type, `${target.label} ID`, itemIndex);
}
