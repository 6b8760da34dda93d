/**
 * The admin API under `/__admin` (no auth, never counted, never logged; the server only listens on
 * 127.0.0.1, and guard.ts has already refused a non-loopback Host, a cross-site Origin and a
 * non-JSON write before this runs). It mirrors the in-process Sandbox interface for tests that run
 * the sandbox in another process. See README.md for the routes.
 */
import type * as http from 'http';
import { recordHelpers } from './convenience';
import type { SandboxCore } from './core';
import { ApiError } from './errors';
import type { LatencySettings } from './latency';
import type { FaultRule } from './faults';
import type { WebhookRegistration } from './webhooks';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function reply(res: http.ServerResponse, status: number, body?: unknown): void {
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
	});
	res.end(payload);
}

/** A fault rule from JSON: `pathRegex` (with optional `pathRegexFlags`) stands for a RegExp path. */
export function faultFromJson(body: Json): FaultRule {
	const { pathRegex, pathRegexFlags, ...rule } = body ?? {};
	if (typeof pathRegex === 'string') rule.path = new RegExp(pathRegex, pathRegexFlags ?? 'i');
	return rule as FaultRule;
}

function clockState(core: SandboxCore) {
	const now = core.clock.now();
	return { now, iso: new Date(now).toISOString(), frozen: core.clock.isFrozen() };
}

/** The latency settings a POST /__admin/limits body names (latency.ts). */
function latencyOf(body: Json): Partial<LatencySettings> {
	const o = body as Partial<LatencySettings>;
	const out: Partial<LatencySettings> = {};
	if (o.latencyMs !== undefined) out.latencyMs = o.latencyMs;
	if (o.latencyBeforeCount !== undefined) out.latencyBeforeCount = o.latencyBeforeCount;
	return out;
}

function limitsState(core: SandboxCore) {
	const now = core.clock.now();
	const headers = core.limits.headers(now);
	return {
		plan: core.options.plan,
		dailyLimit: core.limits.dailyLimit,
		perSecondLimit: core.limits.perSecondLimit,
		perSecondWindow: core.limits.perSecondWindow,
		...core.latency.current,
		usedToday: core.limits.usedToday(now),
		limit: headers.limit,
		remaining: headers.remaining,
	};
}

export function handleAdmin(
	core: SandboxCore,
	method: string,
	url: URL,
	raw: Buffer,
	res: http.ServerResponse,
): void | Promise<void> {
	let body: Json;
	try {
		body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
	} catch {
		return reply(res, 400, { Message: 'Admin body must be JSON.' });
	}
	const parts = url.pathname.split('/').filter(Boolean).slice(1); // after "__admin"
	const route = `${method} ${parts[0] ?? ''}`;
	try {
		switch (route) {
			case 'GET ':
			case 'GET state':
				return reply(res, 200, {
					apiKey: core.options.apiKey,
					options: core.options,
					records: core.state.recordCount(),
					clock: clockState(core),
					limits: limitsState(core),
				});
			case 'POST reset':
				core.reset(body);
				return reply(res, 200, { records: core.state.recordCount() });
			case 'POST seed':
				core.reset({
					seed:
						body === false || body.seed === false
							? false
							: { records: body.records, seed: body.seed },
				});
				return reply(res, 200, { records: core.state.recordCount() });
			case 'GET clock':
				return reply(res, 200, clockState(core));
			case 'POST clock':
				// Freeze first: a clock set and then frozen would have moved on by the
				// milliseconds between the two steps.
				if (body.freeze !== undefined && body.freeze !== false)
					core.clock.freeze(body.freeze === true ? undefined : body.freeze);
				if (body.set !== undefined) core.clock.set(body.set);
				if (body.advance !== undefined) core.clock.advance(Number(body.advance));
				if (body.unfreeze) core.clock.unfreeze();
				return reply(res, 200, clockState(core));
			case 'GET faults':
				return reply(
					res,
					200,
					core.faults
						.list()
						.map((r) => ({ ...r, path: r.path instanceof RegExp ? String(r.path) : r.path })),
				);
			case 'POST faults':
				for (const rule of Array.isArray(body) ? body : [body])
					core.faults.add(faultFromJson(rule));
				return reply(res, 201, { faults: core.faults.list().length });
			case 'DELETE faults':
				core.faults.clear();
				return reply(res, 200, { faults: 0 });
			case 'GET limits':
				return reply(res, 200, limitsState(core));
			case 'POST limits':
				core.limits.set(body, core.clock.now());
				core.latency.set(latencyOf(body));
				return reply(res, 200, limitsState(core));
			case 'GET log':
				return reply(res, 200, core.logEntries);
			case 'DELETE log':
				core.logEntries = [];
				return reply(res, 200, { entries: 0 });
			default:
				if (parts[0] === 'records' && parts[1])
					return records(core, method, parts.slice(1), body, res);
				if (parts[0] === 'webhooks') return webhooks(core, method, parts.slice(1), url, body, res);
				return reply(res, 404, { Message: `Unknown admin route ${method} ${url.pathname}.` });
		}
	} catch (error) {
		if (error instanceof ApiError) return reply(res, error.status, { Message: error.message });
		return reply(res, 400, { Message: String((error as Error)?.message ?? error) });
	}
}

function records(
	core: SandboxCore,
	method: string,
	parts: string[],
	body: Json,
	res: http.ServerResponse,
): void {
	const helpers = recordHelpers(core);
	const path = parts[0];
	switch (method) {
		case 'GET':
			return reply(res, 200, helpers.list(path));
		case 'POST':
			return reply(res, 201, helpers.create(path, body));
		case 'PUT':
			return reply(res, 200, helpers.update(path, body));
		case 'DELETE':
			helpers.remove(path, Number(parts[1]));
			return reply(res, 202);
		default:
			return reply(res, 405, { Message: 'Method not allowed.' });
	}
}

/**
 * Workflow automation webhooks (webhooks.ts): `GET|POST|DELETE /__admin/webhooks`,
 * `DELETE /__admin/webhooks/{id}`, `GET|DELETE /__admin/webhooks/log` (`?wait=true`: once every
 * delivery under way has finished).
 */
function webhooks(
	core: SandboxCore,
	method: string,
	parts: string[],
	url: URL,
	body: Json,
	res: http.ServerResponse,
): void | Promise<void> {
	const route = `${method} ${parts[0] ?? ''}`;
	switch (route) {
		case 'GET ':
			return reply(res, 200, core.webhooks.list());
		case 'POST ':
			return reply(res, 201, core.webhooks.register(body as WebhookRegistration));
		case 'DELETE ':
			core.webhooks.clear();
			return reply(res, 200, { webhooks: 0 });
		case 'GET log':
			if (url.searchParams.get('wait') === 'true')
				return core.webhooks.settled().then(() => reply(res, 200, core.webhooks.log()));
			return reply(res, 200, core.webhooks.log());
		case 'DELETE log':
			core.webhooks.clearLog();
			return reply(res, 200, { deliveries: 0 });
		default:
			if (method === 'DELETE' && /^\d+$/.test(parts[0] ?? '') && parts.length === 1) {
				core.webhooks.remove(Number(parts[0]));
				return reply(res, 200, { webhooks: core.webhooks.list().length });
			}
			return reply(res, 404, { Message: `Unknown admin route ${method} ${url.pathname}.` });
	}
}
