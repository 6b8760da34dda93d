/** What a route handler receives and returns. */
import { badRequest } from '../errors';
import type { Records } from '../records';
import type { RecordType } from '../registry';
import type { SandboxState } from '../state';
import type { OperationMatch } from '../swagger';

export interface Reply {
	status: number;
	/** JSON body; undefined = empty body. */
	body?: unknown;
	/** Binary body (file downloads); wins over `body`. */
	raw?: Buffer;
	headers?: Record<string, string>;
}

export interface Ctx {
	method: string;
	/** Query parameters with lower-cased names (ASP.NET binds them case-insensitively). */
	query: Record<string, string>;
	/** Parsed JSON body, if any. */
	body: unknown;
	rawBody: Buffer;
	contentType: string;
	match: OperationMatch;
	/** The record type of the path's first segment, when it is one. */
	type?: RecordType;
	state: SandboxState;
	records: Records;
	/** Base of URLs the sandbox hands out (file attachment URLs). */
	apiUrl: string;
}

export type Handler = (ctx: Ctx) => Reply;

/** An integer path or query parameter, or a 400. */
export function intParam(value: string | undefined, name: string): number {
	if (value === undefined || !/^-?\d+$/.test(value))
		throw badRequest(`The value '${value}' is not valid for ${name}.`);
	return Number(value);
}

export function boolParam(value: string | undefined, name: string): boolean {
	if (value === undefined) return false;
	const lower = value.toLowerCase();
	if (lower !== 'true' && lower !== 'false')
		throw badRequest(`The value '${value}' is not valid for ${name}.`);
	return lower === 'true';
}

export const DEFAULT_TOP = 100;
export const MAX_TOP = 500;

/**
 * `top` (default 100, at most 500) / `skip` paging; `count_total=true` puts the number of rows
 * before paging in `X-Total-Count`.
 */
export function page<T>(
	rows: T[],
	query: Record<string, string>,
	map: (row: T) => unknown = (r) => r,
): Reply {
	const top = query.top === undefined ? DEFAULT_TOP : Math.min(intParam(query.top, 'top'), MAX_TOP);
	const skip = query.skip === undefined ? 0 : intParam(query.skip, 'skip');
	if (top < 0 || skip < 0) throw badRequest('top and skip must not be negative.');
	const headers: Record<string, string> = {};
	if (boolParam(query.count_total, 'count_total')) headers['X-Total-Count'] = String(rows.length);
	return { status: 200, body: rows.slice(skip, skip + top).map(map), headers };
}
