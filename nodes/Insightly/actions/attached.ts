/**
 * What the operations on tags, links, file attachments and follows share: the record they belong
 * to (Record Type, the custom object for custom object records, Record) and its resolution.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { customObjectProperty, recordLocators, showFor } from '../descriptions/parameters';
import { getRecordType, typesWith, type AttachedResource } from '../objects';
import { insightlyRequest } from '../transport';
import { InputError } from '../utils/validation';
import { listItems } from './output';
import { limitOf, recordIdParameter, resolveTarget, asDataObjects, type Target } from './target';

/** Names of the attached resources in the node's Resource list. */
export const ATTACHED_RESOURCE_OPTIONS: Record<
	AttachedResource,
	{ name: string; description: string }
> = {
	fileAttachment: { name: 'File Attachment', description: 'Files attached to a record' },
	follow: { name: 'Follow', description: 'Follow or unfollow a record' },
	link: { name: 'Link', description: 'Links between two records, with a role' },
	tag: { name: 'Tag', description: 'Tags on a record' },
};

/** Record Type, custom object (where the resource has custom records) and Record, for one operation. */
export function attachedRecordProperties(
	resource: AttachedResource,
	operation: string,
): INodeProperties[] {
	const types = typesWith(resource);
	const properties: INodeProperties[] = [
		{
			displayName: 'Record Type',
			name: 'recordType',
			type: 'options',
			required: true,
			// Contacts carry every attached resource (test/unit/registry.test.ts).
			default: 'contact',
			options: types
				.map((type) => ({ name: type.displayName, value: type.key }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			displayOptions: showFor([resource], [operation]),
		},
	];
	const custom = types.filter((type) => type.custom).map((type) => type.key);
	if (custom.length) {
		properties.push(
			customObjectProperty(
				showFor([resource], [operation], { recordType: custom }),
				'The custom object of the record.',
			),
		);
	}
	properties.push(
		...recordLocators('recordId', 'Record', types, (type) =>
			showFor([resource], [operation], { recordType: [type.key] }),
		),
	);
	return properties;
}

/** The record a tag, link, file or follow belongs to. */
export function attachedRecord(
	this: IExecuteFunctions,
	resource: AttachedResource,
	itemIndex: number,
): { target: Target; id: number; base: string } {
	const type = getRecordType(this.getNodeParameter('recordType', itemIndex) as string);
	if (!type.attached.includes(resource)) {
		const names = typesWith(resource).map((supported) => supported.displayName);
		throw new InputError(
			`Insightly has no ${ATTACHED_RESOURCE_OPTIONS[resource].name.toLowerCase()} operations on ${type.displayName} records: use one of ${names.join(', ')}`,
			{ field: 'Record Type', itemIndex },
		);
	}
	const target = resolveTarget.call(this, type.key, itemIndex);
	const id = recordIdParameter.call(this, 'recordId', target.type, `${target.label} ID`, itemIndex);
	return { target, id, base: `/${target.path}/${id}` };
}

/**
 * A sub-collection of a record (its tags, links) read in one request, cut at the Limit, as items:
 * one per entry for workflows; for an AI agent's tool one answer that says how many there are,
 * or in words that there are none (see listItems).
 */
export async function attachedList(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
	target: Target,
	id: number,
	plural: string,
): Promise<INodeExecutionData[]> {
	const response = await insightlyRequest.call(this, {
		method: 'GET',
		path,
		itemIndex,
		record: { typeName: target.label, id },
	});
	const entries = asDataObjects(response.body);
	const limit = limitOf.call(this, itemIndex);
	const records = limit === undefined ? entries : entries.slice(0, limit);
	return listItems.call(this, {
		records,
		limit,
		more: records.length < entries.length,
		noneMessage: `${target.label} ${id} has no ${plural}`,
		plural,
	});
}
