/**
 * The HTTP front: per request, in this order: browser guard (loopback Host on every request; for
 * the admin API also no cross-site Origin and JSON-only writes; see guard.ts) / admin API (no
 * auth, never counted) / Basic auth
 * (401s are not counted) / daily quota and per-second limit (429) / faults / route + handler.
 * Every `/v3.1` response past the guard carries X-RateLimit-Limit and X-RateLimit-Remaining, and
 * every `/v3.1` request past the guard lands in the request log.
 */
import * as http from 'http';
import { handleAdmin } from './admin';
import type { RequestLogEntry, SandboxCore } from './core';
import { ApiError } from './errors';
import { describeFault, type FaultRule } from './faults';
import { refusal, refuse } from './guard';
import type { Reply } from './handlers/context';
import { dispatch, route, type Routed } from './router';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The key of `Authorization: Basic base64(key:anything)`, if any. */
export function basicUser(header: string | undefined): string | undefined {
	const m = /^Basic\s+(.+)$/i.exec(header ?? '');
	if (!m) return undefined;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	return decoded.split(':')[0];
}

/** What the log keeps of a body: parsed JSON, a multipart summary, or the text. */
function loggedBody(raw: Buffer, contentType: string, json: unknown): unknown {
	if (!raw.length) return undefined;
	if (/^multipart\//i.test(contentType)) return { multipart: true, bytes: raw.length };
	return json !== undefined ? json : raw.toString('utf8');
}

function send(
	res: http.ServerResponse,
	reply: Reply,
	rate: { limit: number; remaining: number },
): void {
	const headers: Record<string, string> = {
		'X-RateLimit-Limit': String(rate.limit),
		'X-RateLimit-Remaining': String(rate.remaining),
		...reply.headers,
	};
	let payload: Buffer | undefined;
	if (reply.raw) payload = reply.raw;
	else if (reply.body !== undefined) {
		payload = Buffer.from(JSON.stringify(reply.body));
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	headers['Content-Length'] = String(payload?.length ?? 0);
	res.writeHead(reply.status, headers);
	res.end(payload);
}

const message = (status: number, text: string): Reply => ({ status, body: { Message: text } });

export function createSandboxServer(core: SandboxCore, apiUrl: () => string): http.Server {
	const server = http.createServer((req, res) => {
		handle(core, apiUrl(), req, res).catch((error) => {
			if (!res.headersSent)
				send(res, message(500, `Sandbox error: ${String(error?.message ?? error)}`), {
					limit: 0,
					remaining: 0,
				});
		});
	});
	server.keepAliveTimeout = 5_000;
	return server;
}

async function handle(
	core: SandboxCore,
	apiUrl: string,
	req: http.IncomingMessage,
	res: http.ServerResponse,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const isAdmin = /^\/__admin(\/|$)/.test(url.pathname);
	// Before the body is read and before anything is counted, logged or changed.
	const refused = refusal(req, isAdmin);
	if (refused) return refuse(req, res, refused);
	const raw = await readBody(req);
	const method = (req.method ?? 'GET').toUpperCase();
	if (isAdmin) return handleAdmin(core, method, url, raw, res);

	const contentType = String(req.headers['content-type'] ?? '');
	const query: Record<string, string> = {};
	url.searchParams.forEach((value, key) => (query[key] = value));
	let json: unknown;
	let badJson = false;
	if (raw.length && !/^multipart\//i.test(contentType)) {
		try {
			json = JSON.parse(raw.toString('utf8'));
		} catch {
			badJson = true;
		}
	}
	// The request's way in: the limits count it, and the log dates it, when it arrives.
	const latency = core.latency.draw();
	if (latency.beforeCountMs) await sleep(latency.beforeCountMs);
	const entry: RequestLogEntry = {
		method,
		path: url.pathname,
		query,
		body: loggedBody(raw, contentType, json),
		status: 0,
		time: new Date(core.clock.now()).toISOString(),
	};
	const now = core.clock.now();
	const finish = async (reply: Reply) => {
		entry.status = reply.status;
		core.log(entry);
		const headers = core.limits.headers(now);
		// The answer's way out.
		if (latency.beforeAnswerMs) await sleep(latency.beforeAnswerMs);
		send(res, reply, headers);
	};

	if (!/^\/v3\.1(\/|$)/i.test(url.pathname))
		return finish(
			message(404, `No HTTP resource was found that matches the request URI '${url.pathname}'.`),
		);
	if (basicUser(req.headers.authorization) !== core.options.apiKey) {
		return finish(message(401, 'Authorization has been denied for this request.'));
	}
	const verdict = core.limits.admit(now);
	if (verdict === 'daily')
		return finish(message(429, 'API daily request limit exceeded for this instance.'));
	if (verdict === 'per-second') {
		const reply = message(
			429,
			`Too many requests: at most ${core.limits.perSecondLimit} per second.`,
		);
		reply.headers = { 'Retry-After': '1' };
		return finish(reply);
	}

	const fault: FaultRule | undefined = core.faults.take(method, url.pathname);
	if (fault) entry.fault = describeFault(fault);
	if (fault?.latencyMs) await sleep(fault.latencyMs);
	if (fault?.reset === 'before') return resetSocket(core, entry, req);
	const faultReply = (): Reply => {
		const reply = {
			status: fault!.status ?? 500,
			body: fault!.body ?? { Message: 'An error has occurred.' },
		} as Reply;
		if (fault!.retryAfter !== undefined)
			reply.headers = { 'Retry-After': String(fault!.retryAfter) };
		return reply;
	};
	if (fault?.status && !fault.storeThenFail) return finish(faultReply());

	let reply: Reply;
	let routed: Routed | undefined;
	try {
		if (badJson) throw new ApiError(400, 'The request body is not valid JSON.');
		routed = route(method, url.pathname, core.state);
		reply = dispatch(
			{
				method,
				query: lowerKeys(query),
				body: json,
				rawBody: raw,
				contentType,
				state: core.state,
				records: core.records,
				apiUrl,
			},
			routed,
		);
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		reply = message(error.status, error.message);
	}
	// Workflow automation sees the stored change, whatever then happens to the answer.
	notifyWebhooks(core, method, routed, reply);
	if (fault?.reset === 'after') return resetSocket(core, entry, req);
	if (fault?.storeThenFail) return finish(faultReply());
	return finish(reply);
}

/** A record created (`POST /{type}`) or edited (`PUT /{type}`) fires the matching webhooks. */
function notifyWebhooks(
	core: SandboxCore,
	method: string,
	routed: Routed | undefined,
	reply: Reply,
): void {
	if (!routed?.type || reply.status >= 300 || !reply.body || typeof reply.body !== 'object') return;
	if (routed.match.template.split('/').filter(Boolean).length !== 1) return;
	const kind = method === 'POST' ? 'create' : method === 'PUT' ? 'edit' : undefined;
	if (kind) core.webhooks.changed(routed.type, kind, reply.body as Record<string, unknown>);
}

function resetSocket(core: SandboxCore, entry: RequestLogEntry, req: http.IncomingMessage): void {
	entry.status = 0;
	core.log(entry);
	req.socket.destroy();
}

function lowerKeys(query: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(query)) out[k.toLowerCase()] = v;
	return out;
}
