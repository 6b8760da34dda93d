import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { jsonFieldsProperty, updateFieldProperties } from '../../descriptions/fieldProperties';
import { outputOptionsProperty } from '../../descriptions/parameters';
import { getRecordType } from '../../objects';
import { insightlyRequest } from '../../transport';
import { InputError } from '../../utils/validation';
import { buildWriteBody, keepOtherCustomFields } from '../body';
import {
	recordResources,
	toItems,
	wordsFor,
	type Operation,
	type OperationInput,
} from '../operation';
import { shapeWritten } from '../output';
import { asDataObjects, resolveTarget } from '../target';
import { recordIdOf, recordProperty, targetProperties } from './parameters';

const resources = recordResources('update');

/** Changes only the fields given: PUT /{path} with the id in the body (Insightly's v3.1 rule). */
export const update: Operation = {
	value: 'update',
	resources,
	option(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return {
			name: 'Update',
			value: 'update',
			description: `Update ${a} ${one}`,
			action: `Update ${a} ${one} by its ID`,
		};
	},
	toolDescription(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return (
			`Changes the given fields of ${a} Insightly ${one}, chosen by its numeric ID; fields not given are kept. ` +
			'Returns the updated record.'
		);
	},
	properties: [
		...targetProperties(resources, 'update'),
		...recordProperty(resources, 'update'),
		...resources.flatMap((resource) => updateFieldProperties(resource, 'update')),
		jsonFieldsProperty(resources, 'update'),
		outputOptionsProperty(resources, 'update'),
	],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex, cache }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const id = recordIdOf.call(this, target, itemIndex);
		const fields = await buildWriteBody.call(this, target, 'update', itemIndex, cache);
		if (Object.keys(fields).length === 0) {
			throw new InputError(
				'Nothing to update: add at least one field under Update Fields, Custom Fields or Clear Fields',
				{ field: 'Update Fields', itemIndex },
			);
		}
		await keepOtherCustomFields.call(this, target, id, fields, cache, itemIndex);
		const response = await insightlyRequest.call(this, {
			method: 'PUT',
			path: `/${target.path}`,
			body: { ...fields, [target.type.idField]: id },
			itemIndex,
			record: { typeName: target.label, id },
		});
		const records = asDataObjects(response.body);
		return toItems(await shapeWritten.call(this, records, target, cache, itemIndex, 'updated'));
	},
};
