/**
 * Filters of the record trigger. "Field equals value" is sent to Insightly's Search
 * (`field_name` / `field_value`, an exact match); Search cannot also filter by tag, so the tag is
 * checked here on each record's TAGS.
 */
import type { IDataObject } from 'n8n-workflow';

/** Case-insensitive, surrounding spaces ignored (Insightly treats tag names that way in its UI). */
export function hasTag(record: IDataObject, tag: string): boolean {
	const wanted = tag.trim().toLowerCase();
	const tags = Array.isArray(record.TAGS) ? (record.TAGS as unknown[]) : [];
	return tags.some((t) => {
		const name = typeof t === 'object' && t !== null ? (t as IDataObject).TAG_NAME : t;
		return typeof name === 'string' && name.trim().toLowerCase() === wanted;
	});
}

export function tagMatcher(
	tag: string | undefined,
): ((record: IDataObject) => boolean) | undefined {
	if (tag === undefined || tag.trim() === '') return undefined;
	return (record) => hasTag(record, tag);
}

/** Query parameters of the Search request for the field filter (none when not set). */
export function fieldFilterQuery(
	fieldName: string | undefined,
	fieldValue: string | undefined,
): IDataObject {
	if (!fieldName || fieldName.trim() === '') return {};
	return { field_name: fieldName.trim(), field_value: fieldValue ?? '' };
}
