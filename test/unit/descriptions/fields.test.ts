/**
 * The generated field table against the swagger: up to date, every field writable with the JSON
 * type the node sends, nothing writable silently dropped. Bodies are built by the node's own
 * body builder from a sample value per field, then checked by the contract helper.
 */
import { readFileSync } from 'fs';
import type { IDataObject } from 'n8n-workflow';

import { RECORD_FIELDS } from '../../../nodes/Insightly/schema/fields.generated';
import {
	CUSTOM_OBJECT_RECORD,
	NOTE_PARENTS,
	WRITABLE_TYPES,
	type RecordType,
} from '../../../nodes/Insightly/objects';
import type { FieldSpec } from '../../../nodes/Insightly/schema';
import { getRecordFields, getUpdatableFields } from '../../../nodes/Insightly/schema';
import { buildRecordBody } from '../../../nodes/Insightly/utils/fieldValues';
import {
	OUTPUT_PATH,
	SERVER_MAINTAINED,
	SUB_COLLECTIONS,
	bodySchemaOf,
	FILLED_BY_INSIGHTLY,
	loadSwagger as loadSwaggerForGenerator,
	sourceOperation,
} from '../../../scripts/generate-fields';
import { fieldsFile } from '../../../scripts/generate';
import { assertBodyWritable, missingRequiredFields } from '../../contract/swagger';

/** A plausible user input for each field, as n8n would hand it over. */
function sampleInput(spec: FieldSpec): IDataObject[string] {
	if (spec.reference) return '5';
	if (spec.options) return spec.options[0].value;
	switch (spec.kind) {
		case 'number':
			return spec.integer ? 3 : 2.5;
		case 'boolean':
			return true;
		case 'dateTime':
			return '2025-01-02T03:04:05Z';
		default:
			return 'x'.repeat(Math.min(spec.maxLength ?? 10, 10));
	}
}

function allFieldsBody(type: RecordType) {
	const specs = getRecordFields(type.key);
	return buildRecordBody(
		specs,
		Object.fromEntries(specs.map((spec) => [spec.name, sampleInput(spec)])) as IDataObject,
		{ checkRequired: true },
	);
}

/** Where the node creates / updates records of a type. */
function createPaths(type: RecordType): string[] {
	if (type.createdThroughParent) return NOTE_PARENTS.map((parent) => `/${parent.path}/7/Notes`);
	return [type.key === CUSTOM_OBJECT_RECORD ? '/Fruit__c' : `/${type.path}`];
}
function updatePath(type: RecordType): string {
	return type.key === CUSTOM_OBJECT_RECORD ? '/Fruit__c' : `/${type.path}`;
}

describe('fields.generated.ts', () => {
	it('is up to date with the spec and the generator (run `npm run generate`)', () => {
		expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(fieldsFile());
	});

	it('has a field list for every record type the node can write, and only those', () => {
		expect(Object.keys(RECORD_FIELDS).sort()).toEqual(
			WRITABLE_TYPES.map((type) => type.key).sort(),
		);
		for (const type of WRITABLE_TYPES) expect(getRecordFields(type.key).length).toBeGreaterThan(0);
		expect(getRecordFields('user')).toEqual([]);
	});

	it('leaves out only read-only, sub-collection, id and server-maintained properties', () => {
		const swagger = loadSwaggerForGenerator();
		for (const type of WRITABLE_TYPES) {
			const source = sourceOperation(swagger, type)!;
			const schema = bodySchemaOf(swagger, source.method, source.path)!;
			const generated = new Set(getRecordFields(type.key).map((spec) => spec.name));
			const dropped = Object.entries(schema.properties ?? {})
				.filter(([name]) => !generated.has(name))
				.filter(
					([name, property]) =>
						!property.readOnly &&
						name !== type.idField &&
						!SUB_COLLECTIONS.includes(name) &&
						!(name in SERVER_MAINTAINED),
				);
			expect({ type: type.key, dropped: dropped.map(([name]) => name) }).toEqual({
				type: type.key,
				dropped: [],
			});
		}
	});
});

describe.each(WRITABLE_TYPES.map((type) => [type.key, type] as const))(
	'%s bodies against the swagger',
	(_key, type) => {
		const body = allFieldsBody(type);

		it('a create with every field is accepted by each create path', () => {
			for (const path of createPaths(type))
				expect(() => assertBodyWritable('POST', path, body)).not.toThrow();
		});

		it("required fields are the swagger's, minus read-only ones and those Insightly fills", () => {
			const required = getRecordFields(type.key)
				.filter((spec) => spec.required)
				.map((spec) => spec.name);
			const filled = Object.keys(FILLED_BY_INSIGHTLY)
				.filter((key) => key.startsWith(`${type.schema}.`))
				.map((key) => key.split('.')[1]);
			for (const path of createPaths(type)) {
				expect(
					missingRequiredFields('POST', path, {})
						.filter((name) => !filled.includes(name))
						.sort(),
				).toEqual([...required].sort());
			}
		});

		it('an update with the id, every updatable field, and a clear of every optional one is accepted', () => {
			const specs = getUpdatableFields(type.key);
			const updatable = Object.fromEntries(
				Object.entries(body).filter(([name]) => specs.some((spec) => spec.name === name)),
			);
			expect(() =>
				assertBodyWritable('PUT', updatePath(type), { [type.idField]: 42, ...updatable }),
			).not.toThrow();
			const cleared = buildRecordBody(
				specs,
				{},
				{ clearFields: specs.filter((spec) => !spec.required).map((spec) => spec.name) },
			);
			expect(() =>
				assertBodyWritable('PUT', updatePath(type), { [type.idField]: 42, ...cleared }),
			).not.toThrow();
		});
	},
);

describe('field labels and kinds', () => {
	const all = Object.values(RECORD_FIELDS).flatMap((record) => record.fields);

	it('labels are Title Case, references read "... Name or ID" and others never do', () => {
		for (const spec of all) {
			for (const word of spec.label.split(' '))
				expect({
					label: spec.label,
					ok: /^[A-Z]/.test(word) || ['of', 'and', 'or'].includes(word),
				}).toEqual({ label: spec.label, ok: true });
			expect({ name: spec.name, dynamic: spec.label.endsWith(' Name or ID') }).toEqual({
				name: spec.name,
				dynamic: spec.reference !== undefined,
			});
		}
	});

	it('dates carry a kind: _UTC moments are date-times, others calendar days', () => {
		for (const spec of all.filter((field) => field.kind === 'dateTime')) {
			expect({ name: spec.name, kind: spec.dateKind }).toEqual({
				name: spec.name,
				kind: spec.name.endsWith('_UTC') ? 'dateTime' : 'date',
			});
		}
		expect(all.filter((field) => field.kind !== 'dateTime' && field.dateKind)).toEqual([]);
	});

	it('known options are sorted by label and their default is one of them', () => {
		for (const spec of all.filter((field) => field.options)) {
			const labels = spec.options!.map((option) => option.label);
			expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
			expect(spec.options!.map((option) => option.value)).toContain(spec.default);
		}
	});
});
