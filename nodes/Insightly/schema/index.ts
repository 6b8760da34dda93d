/** The generated field lists of the record types, by resource key. */
import { RECORD_FIELDS } from './fields.generated';
import type { FieldSpec } from './types';

export type {
	DateKind,
	FieldKind,
	FieldOption,
	FieldSpec,
	RecordFieldTable,
	RecordFields,
	ReferenceKind,
} from './types';

/** Field specs of a record type (resource key); an empty list for read-only types. */
export function getRecordFields(resource: string): FieldSpec[] {
	return RECORD_FIELDS[resource]?.fields ?? [];
}

/** The fields an update may send: all but those only the create body has. */
export function getUpdatableFields(resource: string): FieldSpec[] {
	return getRecordFields(resource).filter((spec) => !spec.createOnly);
}
