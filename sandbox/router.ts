/**
 * Maps a request to a handler. The swagger decides whether the path exists (else 404) and
 * whether the method is allowed on it (else 405); the handler tables decide what happens.
 * Record-type routes are written once with `{T}` for the collection segment.
 */
import { ApiError } from './errors';
import type { Ctx, Handler, Reply } from './handlers/context';
import { lookupRoutes } from './handlers/lookupRoutes';
import { recordRoutes } from './handlers/recordRoutes';
import { isPluralOfSingularPath, type RecordType } from './registry';
import type { SandboxState } from './state';
import { findOperation, type OperationMatch } from './swagger';

const handlers: Record<string, Handler> = { ...recordRoutes, ...lookupRoutes };

export type Routed = { match: OperationMatch; type?: RecordType; handler: Handler };

const methodNotAllowed = (method: string) =>
	new ApiError(
		405,
		`The requested resource does not support http method '${method.toUpperCase()}'.`,
	);
const noResource = (path: string) =>
	new ApiError(404, `No HTTP resource was found that matches the request URI '${path}'.`);

/** Collections amp-labs/connectors found answering 404 on a live Professional plan. */
const PLAN_RESTRICTED = [
	'Product',
	'Pricebook',
	'PricebookEntry',
	'Quotation',
	'QuotationLineItem',
	'OpportunityLineItem',
];

export function route(method: string, path: string, state: SandboxState): Routed {
	const match = findOperation(method, path);
	if (!match) throw noResource(path);
	const segments = match.template.split('/').filter(Boolean);
	let type: RecordType | undefined;
	if (segments[0] === '{objectName}') {
		const name = match.params.objectName;
		type = state.type(name);
		if (!type?.custom) {
			if (isPluralOfSingularPath(name)) throw methodNotAllowed(method);
			throw noResource(path);
		}
	} else {
		type = state.type(segments[0]);
	}
	// A live Professional plan answers 404 for these (sandbox/behaviour.ts, planRestricted).
	if (state.behaviour.planRestricted && PLAN_RESTRICTED.includes(segments[0]))
		throw noResource(path);
	if (!match.operation) throw methodNotAllowed(method);
	const typed = type ? ['{T}', ...segments.slice(1)].join('/') : undefined;
	const handler =
		(typed && handlers[`${method.toUpperCase()} ${typed}`]) ??
		handlers[`${method.toUpperCase()} ${match.template}`];
	if (!handler)
		throw new ApiError(
			501,
			`The sandbox does not implement ${method.toUpperCase()} ${match.template}.`,
		);
	return { match, type, handler };
}

/**
 * Runs the handler; a write's success status is the one the swagger declares for it (201 for
 * POST /Contacts, 202 for deletes...), GETs answer 200.
 */
export function dispatch(ctx: Omit<Ctx, 'match' | 'type'>, routed: Routed): Reply {
	const reply = routed.handler({ ...ctx, match: routed.match, type: routed.type });
	if (ctx.method.toUpperCase() !== 'GET' && reply.status < 300) {
		const declared = Object.keys(routed.match.operation!.responses).filter((c) =>
			c.startsWith('2'),
		);
		if (declared.length && !declared.includes(String(reply.status)))
			reply.status = Number(declared[0]);
	}
	return reply;
}
