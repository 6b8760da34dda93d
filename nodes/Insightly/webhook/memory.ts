/**
 * Duplicate deliveries: the same version of a record (record id and DATE_UPDATED_UTC) delivered
 * again within the window starts no second execution. The memory lives in the node's workflow
 * static data, which n8n saves after each webhook call; it is bounded in time (the window) and in
 * size (MAX_REMEMBERED versions, the oldest forgotten first).
 *
 * Limit: n8n loads static data when a request arrives and saves it when the request is answered,
 * so two deliveries of one version that arrive at the same moment (in parallel, or on two
 * webhook processes in queue mode) both see a memory without the other and both run. Deliveries
 * one after the other (a retry after a failure or a timeout, a second workflow process firing
 * later) are caught.
 */
import type { IDataObject } from 'n8n-workflow';

/** Versions remembered at most; beyond it the oldest are forgotten first. */
export const MAX_REMEMBERED = 1000;

/** Key of one version of a record: its id and its update time (or a hash of its content). */
export function versionKey(recordId: number, version: string): string {
	return `${recordId}@${version}`;
}

/** The remembered versions: key → when it was first delivered (epoch ms), in static data. */
export type Memory = Record<string, number>;

export function memoryOf(staticData: IDataObject): Memory {
	const seen = staticData.seen;
	if (!seen || typeof seen !== 'object' || Array.isArray(seen)) {
		staticData.seen = {};
		return staticData.seen as Memory;
	}
	return seen as Memory;
}

/**
 * Whether `key` was delivered less than `windowMs` ago; if not, remembers it as delivered now.
 * Expired entries are dropped, and the oldest when more than MAX_REMEMBERED remain.
 */
export function seenBefore(memory: Memory, key: string, now: number, windowMs: number): boolean {
	for (const [known, at] of Object.entries(memory)) {
		if (typeof at !== 'number' || !(now - at < windowMs) || at > now + windowMs)
			delete memory[known];
	}
	if (Object.prototype.hasOwnProperty.call(memory, key)) return true;
	memory[key] = now;
	const keys = Object.keys(memory);
	if (keys.length > MAX_REMEMBERED) {
		keys
			.sort((a, b) => memory[a] - memory[b])
			.slice(0, keys.length - MAX_REMEMBERED)
			.forEach((old) => delete memory[old]);
	}
	return false;
}
