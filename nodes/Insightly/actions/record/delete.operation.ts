import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getRecordType } from '../../objects';
import { insightlyRequest } from '../../transport';
import {
	recordResources,
	toItems,
	wordsFor,
	type Operation,
	type OperationInput,
} from '../operation';
import { resolveTarget } from '../target';
import { recordIdOf, recordProperty, targetProperties } from './parameters';

const resources = recordResources('delete');

export const remove: Operation = {
	value: 'delete',
	resources,
	option(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return {
			name: 'Delete',
			value: 'delete',
			description: `Delete ${a} ${one}`,
			action: `Delete ${a} ${one} by its ID`,
		};
	},
	toolDescription(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return `Deletes ${a} Insightly ${one} by its numeric ID, for good. Returns {deleted: true} and the ID.`;
	},
	properties: [...targetProperties(resources, 'delete'), ...recordProperty(resources, 'delete')],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const id = recordIdOf.call(this, target, itemIndex);
		await insightlyRequest.call(this, {
			method: 'DELETE',
			path: `/${target.path}/${id}`,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return toItems({ [target.type.idField]: id, deleted: true });
	},
};
