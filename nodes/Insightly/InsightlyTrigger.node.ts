import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { insightlyApiTest } from './methods/credentialTest';
import { loadOptions } from './methods/loadOptions';
import { triggerProperties } from './trigger/description';
import { poll } from './trigger/poll';

export class InsightlyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insightly Trigger',
		name: 'insightlyTrigger',
		icon: { light: 'file:insightly.svg', dark: 'file:insightly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({ newRecord: "New", newOrUpdatedRecord: "New or Updated", updatedRecord: "Updated", deletedRecord: "Deleted" })[$parameter["event"]] + " " + $parameter["resource"] }}',
		description: 'Starts the workflow when Insightly records are created, updated or deleted',
		defaults: { name: 'Insightly Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insightlyApi', required: true, testedBy: 'insightlyApiTest' }],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: {
			getCustomObjects: loadOptions.getCustomObjects,
			getSearchableFields: loadOptions.getSearchableFields,
		},
		credentialTest: { insightlyApiTest },
	};

	// Every poll, scheduled or "Fetch Test Event", is trigger/poll.ts.
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
