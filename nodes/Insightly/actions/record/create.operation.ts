import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createFieldProperties, jsonFieldsProperty } from '../../descriptions/fieldProperties';
import { outputOptionsProperty, recordLocators, showFor } from '../../descriptions/parameters';
import { getRecordType, NOTE_PARENTS } from '../../objects';
import { insightlyRequest } from '../../transport';
import { InputError } from '../../utils/validation';
import { buildWriteBody } from '../body';
import {
	recordResources,
	recordTypesOf,
	toItems,
	wordsFor,
	type Operation,
	type OperationInput,
} from '../operation';
import { shapeWritten } from '../output';
import { asDataObjects, recordIdParameter, resolveTarget, type Target } from '../target';
import { targetProperties } from './parameters';

const resources = recordResources('create');
const throughParent = recordTypesOf(resources)
	.filter((type) => type.createdThroughParent)
	.map((type) => type.key);

/** For types created on a parent record (notes): which record. */
const parentProperties: INodeProperties[] = throughParent.length
	? [
			{
				displayName: 'Parent Record Type',
				name: 'parentType',
				type: 'options',
				required: true,
				default: 'contact',
				description: 'Insightly creates notes on a record: the type of that record',
				options: NOTE_PARENTS.map((type) => ({ name: type.displayName, value: type.key })),
				displayOptions: showFor(throughParent, ['create']),
			},
			...recordLocators(
				'parentId',
				'Parent Record',
				NOTE_PARENTS,
				(parent) => showFor(throughParent, ['create'], { parentType: [parent.key] }),
				{
					description: 'The record the note is attached to',
					searchListMethod: 'searchParentRecords',
				},
			),
		]
	: [];

/** POST path of a new record: its collection, or the chosen parent's (POST /Contacts/7/Notes). */
function createPath(this: IExecuteFunctions, target: Target, itemIndex: number): string {
	if (!target.type.createdThroughParent) return `/${target.path}`;
	const parent = getRecordType(this.getNodeParameter('parentType', itemIndex) as string);
	if (!NOTE_PARENTS.includes(parent)) {
		throw new InputError(
			`${target.type.pluralName} cannot be created on a ${parent.displayName}: use one of ${NOTE_PARENTS.map((type) => type.displayName).join(', ')}`,
			{ field: 'Parent Record Type', itemIndex },
		);
	}
	const parentId = recordIdParameter.call(
		this,
		'parentId',
		parent,
		`Parent ${parent.displayName} ID`,
		itemIndex,
	);
	return `/${parent.path}/${parentId}/${target.path}`;
}

export const create: Operation = {
	value: 'create',
	resources,
	option(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return {
			name: 'Create',
			value: 'create',
			description: `Create ${a} ${one}`,
			action: `Create ${a} ${one}`,
		};
	},
	toolDescription(resource) {
		const { one, a } = wordsFor(getRecordType(resource));
		return (
			`Creates ${a} Insightly ${one} from the fields given and returns it with its new ID. ` +
			'Each call creates a new record: search first when the record may already exist.'
		);
	},
	properties: [
		...targetProperties(resources, 'create'),
		...parentProperties,
		...resources.flatMap((resource) => createFieldProperties(resource, 'create')),
		jsonFieldsProperty(resources, 'create'),
		outputOptionsProperty(resources, 'create'),
	],
	async execute(
		this: IExecuteFunctions,
		{ resource, itemIndex, cache }: OperationInput,
	): Promise<INodeExecutionData[]> {
		const target = resolveTarget.call(this, resource, itemIndex);
		const body = await buildWriteBody.call(this, target, 'create', itemIndex, cache);
		const path = createPath.call(this, target, itemIndex);
		const response = await insightlyRequest.call(this, {
			method: 'POST',
			path,
			body,
			itemIndex,
			record: { typeName: target.label },
		});
		const records = asDataObjects(response.body);
		return toItems(await shapeWritten.call(this, records, target, cache, itemIndex, 'created'));
	},
};
