import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_OBJECT_RECORD, RECORD_TYPES } from '../objects';
import { attachedProperties } from './attached';
import { listProperties, recordProperties } from './common';
import { recordFieldProperties } from './fieldProperties';
import { operationProperties, resourceProperty, supportsUpsert } from './resources';

const fieldProperties: INodeProperties[] = RECORD_TYPES.filter(
	(type) => type.features.create || type.features.update,
).flatMap((type) =>
	recordFieldProperties(type.key, {
		createOperations: supportsUpsert(type) ? ['create', 'upsert'] : ['create'],
		updateOperations: ['update'],
		customFieldsDependsOn: type.key === CUSTOM_OBJECT_RECORD ? ['customObjectName'] : undefined,
	}),
);

/** Every parameter of the Insightly node, in display order. */
export const nodeProperties: INodeProperties[] = [
	resourceProperty,
	...operationProperties,
	...recordProperties,
	...attachedProperties,
	...fieldProperties,
	...listProperties,
];
