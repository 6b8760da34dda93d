/**
 * The pickers the editor shows inside entries (issue #16): a custom field's allowed values
 * loaded for the field chosen in the same Custom Fields entry, and the Of Record filter as a
 * record type and a record from a list. Run through the node's real methods and execute path
 * against the sandbox, with the parameter path the editor sends (`&sibling` resolves from it).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { listSearch, loadOptions } from '../../helpers/n8n';
import { jsonOf, sentRequests, sentWrites, useNodeSandbox } from './helpers';

const { sandbox, run } = useNodeSandbox({ seed: { records: 40, seed: 5 } });
const node = new Insightly();
const credentials = () => ({
	insightlyApi: { apiKey: sandbox.apiKey, apiUrl: sandbox.apiUrl, allowLocalhost: true },
});

async function choicesFor(fieldName: string, resource = 'contact') {
	return await loadOptions(node, 'getCustomFieldChoices', {
		parameters: {
			resource,
			operation: 'create',
			customFields: { field: [{ fieldName: 'Hobby__c' }, { fieldName }] },
		} as INodeParameters,
		credentials: credentials(),
		path: 'parameters.customFields.field[1].choices',
	});
}

describe('custom field picklist', () => {
	it("lists a dropdown's and a multi-select's allowed values in Insightly's order", async () => {
		const fields = (await (
			await fetch(`${sandbox.apiUrl}/CustomFields/Contacts`, {
				headers: { authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}` },
			})
		).json()) as Array<{
			FIELD_NAME: string;
			CUSTOM_FIELD_OPTIONS?: Array<{ OPTION_VALUE: string }>;
		}>;
		const optionsOf = (name: string) =>
			(fields.find((field) => field.FIELD_NAME === name)?.CUSTOM_FIELD_OPTIONS ?? []).map(
				(option) => ({ name: option.OPTION_VALUE, value: option.OPTION_VALUE }),
			);
		expect(optionsOf('Tier__c').length).toBeGreaterThan(1);
		expect(await choicesFor('Tier__c')).toEqual(optionsOf('Tier__c'));
		expect(await choicesFor('Interests__c')).toEqual(optionsOf('Interests__c'));
	});

	it('has nothing to pick for typed fields or before a field is chosen', async () => {
		expect(await choicesFor('Hobby__c')).toEqual([]);
		expect(await choicesFor('')).toEqual([]);
	});

	it('sends the picked values, converted like typed ones', async () => {
		await run({
			resource: 'contact',
			operation: 'create',
			FIRST_NAME: 'Ada',
			customFields: {
				field: [
					{ fieldName: 'Tier__c', choices: ['Silver'], value: '' },
					{ fieldName: 'Interests__c', choices: ['Music', 'Travel'] },
				],
			},
		});
		expect(sentWrites(sandbox)[0].body).toMatchObject({
			CUSTOMFIELDS: [
				{ FIELD_NAME: 'Tier__c', FIELD_VALUE: 'Silver' },
				{ FIELD_NAME: 'Interests__c', FIELD_VALUE: 'Music;Travel' },
			],
		});
	});
});

describe('Of Record filter', () => {
	const contactWithNote = () => {
		const link = [...sandbox.state.links.values()].find(
			(entry) => entry.from.type === 'Notes' && entry.to.type === 'Contacts',
		);
		if (!link) throw new Error('seed has no note on a contact');
		return link;
	};

	it('lists records of the type chosen next to it', async () => {
		const { to } = contactWithNote();
		const result = await listSearch(node, 'searchOfRecords', {
			parameters: {
				resource: 'note',
				operation: 'getAll',
				filters: { ofRecord: { record: { recordType: 'contact' } } },
			} as INodeParameters,
			credentials: credentials(),
			path: 'parameters.filters.ofRecord.record.recordId',
		});
		expect(result.results.map((item) => String(item.value))).toContain(String(to.id));
		expect(sentRequests(sandbox).every((request) => request.path.startsWith('/Contacts'))).toBe(
			true,
		);
	});

	it('gets the notes of the picked record (list or ID mode), as the older type:ID text did', async () => {
		const { from, to } = contactWithNote();
		const noteIds = async (filters: IDataObject) => {
			sandbox.clearLog();
			const out = await run({ resource: 'note', operation: 'getAll', returnAll: true, filters });
			expect(sentRequests(sandbox)[0]).toMatchObject({
				method: 'GET',
				path: `/Contacts/${to.id}/Notes`,
			});
			return jsonOf(out).map((json) => json.NOTE_ID);
		};
		const picked = (mode: string) => ({
			ofRecord: {
				record: { recordType: 'contact', recordId: { __rl: true, mode, value: String(to.id) } },
			},
		});
		expect(await noteIds(picked('list'))).toContain(from.id);
		expect(await noteIds(picked('id'))).toContain(from.id);
		expect(await noteIds({ parentRecord: `contact:${to.id}` })).toContain(from.id);
	});
});
