/**
 * In-process record access for tests and the admin API: the same rules as the HTTP API
 * (validation, timestamps, rendering) without auth, quota, faults or the request log.
 */
import type { SandboxCore } from './core';
import { badRequest } from './errors';
import type { RecordType } from './registry';

function typeAt(core: SandboxCore, path: string): RecordType {
	const segment = path.replace(/^\/?(v3\.1\/)?/i, '').split('/')[0];
	const type = core.state.type(segment);
	if (!type) throw badRequest(`Unknown record type '${segment}'.`);
	return type;
}

/**
 * A record as the sandbox renders it, for tests and benchmarks that read whichever field they
 * check (`record.CONTACT_ID`); the HTTP API's shapes are checked against the spec elsewhere.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseRecord = any;

export function recordHelpers(core: SandboxCore) {
	return {
		create(path: string, body: object): LooseRecord {
			const type = typeAt(core, path);
			return core.records.render(type, core.records.create(type, body));
		},
		update(path: string, body: object): LooseRecord {
			const type = typeAt(core, path);
			return core.records.render(type, core.records.update(type, body));
		},
		remove(path: string, id: number): void {
			core.records.remove(typeAt(core, path), id);
		},
		list(path: string): LooseRecord[] {
			const type = typeAt(core, path);
			return [...core.state.collection(type).values()].map((r) => core.records.render(type, r));
		},
	};
}
