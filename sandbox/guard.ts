/**
 * The sandbox's browser guard, checked on every request before anything else runs (no body read,
 * no auth, no quota, no log, no handler):
 *
 * - every request (API routes too, against DNS rebinding) must carry a `Host` that names a
 *   loopback host: `127.0.0.1`, `localhost` or `[::1]`, with no port or the server's own port;
 * - admin requests (`/__admin`) carrying `Origin` must come from a loopback origin
 *   (`http(s)://127.0.0.1|localhost|[::1]`, any port), and a `Sec-Fetch-Site: cross-site` is
 *   refused too (browsers send it even where they leave `Origin` out, e.g. `<img src>`);
 * - admin requests that change state (any method but GET / HEAD) must be `Content-Type:
 *   application/json`, which a browser cannot send cross-site without a CORS preflight; the
 *   sandbox answers no CORS headers, so such a preflight fails.
 *
 * Node's fetch, curl and n8n send a loopback Host from the URL and no Origin, so they pass.
 */
import type * as http from 'http';

export interface Refusal {
	status: number;
	message: string;
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/i;
const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/** True for `127.0.0.1`, `localhost`, `[::1]`, each bare or with exactly `:port`. */
export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
	const m = LOOPBACK_HOST.exec(host ?? '');
	if (!m) return false;
	return m[2] === undefined || (port !== undefined && m[2] === String(port));
}

/** True for an `http(s)` origin on `127.0.0.1`, `localhost` or `[::1]` (any port). */
export function isLoopbackOrigin(origin: string): boolean {
	return LOOPBACK_ORIGIN.test(origin);
}

/** The first value of a header that might have been sent more than once. */
function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** Why this request is refused, or undefined when it may go on. */
export function refusal(req: http.IncomingMessage, isAdmin: boolean): Refusal | undefined {
	const port = req.socket.localPort;
	const host = single(req.headers.host);
	if (!isLoopbackHost(host, port))
		return {
			status: 403,
			message: `Host '${host ?? ''}' is not a loopback host: the sandbox only answers requests addressed to 127.0.0.1, localhost or [::1] (DNS rebinding guard).`,
		};
	// An absolute-form request target (`GET http://host/path`) names the host instead of Host.
	const target = req.url ?? '/';
	if (!target.startsWith('/') && target !== '*') {
		let authority: string | undefined;
		try {
			authority = new URL(target).host;
		} catch {
			authority = undefined;
		}
		if (!isLoopbackHost(authority, port))
			return {
				status: 403,
				message: `Request target '${target}' does not name a loopback host (DNS rebinding guard).`,
			};
	}
	if (!isAdmin) return undefined;

	const origin = single(req.headers.origin);
	if (origin !== undefined && !isLoopbackOrigin(origin))
		return {
			status: 403,
			message: `Origin '${origin}' is not a loopback origin: the admin API refuses cross-site requests.`,
		};
	const site = single(req.headers['sec-fetch-site']);
	if (site !== undefined && site.toLowerCase() === 'cross-site')
		return {
			status: 403,
			message: 'Sec-Fetch-Site: cross-site: the admin API refuses cross-site requests.',
		};
	const method = (req.method ?? 'GET').toUpperCase();
	if (method !== 'GET' && method !== 'HEAD') {
		const contentType = single(req.headers['content-type']) ?? '';
		const mediaType = contentType.split(';')[0].trim().toLowerCase();
		if (mediaType !== 'application/json')
			return {
				status: 415,
				message: `Admin ${method} requests must have Content-Type: application/json${contentType ? ` (got '${contentType}')` : ''}.`,
			};
	}
	return undefined;
}

/** Answers a refusal: `{"Message"}`, no CORS headers, and closes the connection (body unread). */
export function refuse(req: http.IncomingMessage, res: http.ServerResponse, r: Refusal): void {
	const payload = JSON.stringify({ Message: r.message });
	req.resume(); // discard whatever body was sent
	res.writeHead(r.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		Connection: 'close',
	});
	res.end(payload);
}
