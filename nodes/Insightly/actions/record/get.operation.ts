import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputOptionsProperty } from '../../descriptions/parameters';
import { getRecordType } from '../../objects';
import { insightlyRequest } from '../../transport';
import {
	recordResources,
	toItems,
	wordsFor,
	type Operation,
	type OperationInput,
} from '../operation';
import { shapeRecords } from '../output';
import { asDataObjects, resolveTarget } from '../target';
import { recordIdOf, recordProperty, targetProperties } from './parameters';

const resources = recordResources('get');

export const get: Operation = {
	value: 'get',
	resources,
	option(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return {
			name: 'Get',
			value: 'get',
			description: `Get ${a} ${one}`,
			action: `Get ${a} ${one} by its ID`,
		};
	},
	toolDescription(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return (
			`Reads ${a} Insightly ${one} by its numeric ID. Returns the record with only the fields that have a value (tags as names, custom fields by API name). ` +
			'A wrong or deleted ID fails with "was not found (404)". To find a record by name or email use the Search tool.'
		);
	},
	properties: [
		...targetProperties(resources, 'get'),
		...recordProperty(resources, 'get'),
		outputOptionsProperty(resources, 'get'),
	],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex, cache }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const id = recordIdOf.call(this, target, itemIndex);
		const response = await insightlyRequest.call(this, {
			method: 'GET',
			path: `/${target.path}/${id}`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems(
			await shapeRecords.call(this, asDataObjects(response.body), target, cache, itemIndex),
		);
	},
};
