import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputOptionsProperty, showFor } from '../../descriptions/parameters';
import { insightlyRequest } from '../../transport';
import { InputError, parseRecordId } from '../../utils/validation';
import { recordResources, type Operation, type OperationInput } from '../operation';
import { recordIdOf, recordProperty } from '../record/parameters';
import { resolveTarget } from '../target';
import { readBack } from './readBack';

const resources = recordResources('changeState');
const STATES = ['Open', 'Won', 'Lost', 'Abandoned', 'Suspended'];

/** PUT /Opportunities/{id}/StateChange, with an optional reason. */
export const changeState: Operation = {
	value: 'changeState',
	resources,
	option: () => ({
		name: 'Change State',
		value: 'changeState',
		description: 'Mark the opportunity won, lost, abandoned, suspended or open, with a reason',
		action: 'Change the state of an opportunity',
	}),
	properties: [
		...recordProperty(resources, 'changeState'),
		{
			displayName: 'State',
			name: 'state',
			type: 'options',
			required: true,
			// Title case, as Insightly answers it (docs/live-api.md, "Opportunity states").
			default: 'Won',
			options: [
				{ name: 'Abandoned', value: 'Abandoned' },
				{ name: 'Lost', value: 'Lost' },
				{ name: 'Open', value: 'Open' },
				{ name: 'Suspended', value: 'Suspended' },
				{ name: 'Won', value: 'Won' },
			],
			displayOptions: showFor(resources, ['changeState']),
		},
		{
			displayName: 'Reason Name or ID',
			name: 'stateReason',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getStateReasonsOrNone', loadOptionsDependsOn: ['state'] },
			default: '',
			description:
				'Optional: one of the instance\'s reasons for this state. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: showFor(resources, ['changeState']),
		},
		outputOptionsProperty(resources, 'changeState'),
	],
	async execute(this: IExecuteFunctions, input: OperationInput): Promise<INodeExecutionData[]> {
		const { resource, itemIndex } = input;
		const target = resolveTarget.call(this, resource, itemIndex);
		const id = recordIdOf.call(this, target, itemIndex);
		// Any casing in, Insightly's title case out ('WON' from an older workflow or an expression).
		const given = String(this.getNodeParameter('state', itemIndex));
		const state = STATES.find((candidate) => candidate.toLowerCase() === given.toLowerCase());
		if (!state)
			throw new InputError(`State must be one of ${STATES.join(', ')} (got "${given}")`, {
				field: 'State',
				itemIndex,
			});
		const reason = this.getNodeParameter('stateReason', itemIndex, '') as string | number;
		const body: IDataObject = { FOR_OPPORTUNITY_STATE: state };
		if (reason !== '' && reason !== undefined && reason !== null)
			body.STATE_REASON_ID = parseRecordId(reason, 'Reason', itemIndex);
		await insightlyRequest.call(this, {
			method: 'PUT',
			path: `/${target.path}/${id}/StateChange`,
			body,
			itemIndex,
			record: { typeName: target.label, id },
		});
		return await readBack.call(this, input, target, id, `state ${state}`);
	},
};
