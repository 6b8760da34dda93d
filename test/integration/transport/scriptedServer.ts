// A local node:http server that answers each request with the next step of a script, and
// records what it received: the far side of every request-policy test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

/**
 * What the server does with one incoming request; a function step decides from the request
 * line and headers (its body is not read yet), e.g. to serve pages by `top`/`skip`.
 */
export type Step = FixedStep | ((request: ReceivedRequest) => FixedStep);

type FixedStep =
	| {
			status: number;
			headers?: Record<string, string>;
			/** An object is sent as JSON; a string as is. */
			body?: unknown;
			/** Wait this long before answering (a slow server). */
			delayMs?: number;
	  }
	/** Kill the connection as soon as the request line and headers are in, body unread. */
	| { destroy: 'beforeBody' }
	/** Read the whole request (so it may have been processed), then kill the connection. */
	| { destroy: 'afterBody' };

interface ReceivedRequest {
	method: string;
	/** Path and query string, e.g. '/v3.1/Contacts?top=500&skip=0'. */
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
	/** Steps completed before this one: its position in the script. */
	index: number;
	/** `now()` of the server's options when the request arrived (e.g. a test's virtual clock). */
	at: number;
}

export interface ScriptedServer {
	/** Base URL without path, e.g. 'http://127.0.0.1:40123'. */
	readonly origin: string;
	readonly port: number;
	/** Every request the server saw, in order, including the ones it killed. */
	readonly received: ReceivedRequest[];
	/** Replaces the script; requests beyond its end get `fallback` (default 200 `{}`). */
	script(steps: Step[], fallback?: Step): void;
	close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function answer(response: ServerResponse, step: Extract<FixedStep, { status: number }>): void {
	const isText = typeof step.body === 'string';
	const payload =
		step.body === undefined ? '' : isText ? (step.body as string) : JSON.stringify(step.body);
	response.writeHead(step.status, {
		'Content-Type': isText ? 'text/plain' : 'application/json; charset=utf-8',
		...step.headers,
	});
	response.end(payload);
}

/**
 * Starts a server on 127.0.0.1 (`port` 0 picks a free one; a given port re-opens a closed one).
 * `now` stamps each received request (default Date.now).
 */
export async function startScriptedServer(
	port = 0,
	now: () => number = Date.now,
): Promise<ScriptedServer> {
	let steps: Step[] = [];
	let fallback: Step = { status: 200, body: {} };
	const received: ReceivedRequest[] = [];

	const server: Server = createServer((request, response) => {
		const index = received.length;
		const record: ReceivedRequest = {
			method: request.method ?? '',
			url: request.url ?? '',
			headers: request.headers,
			body: '',
			index,
			at: now(),
		};
		received.push(record);
		const scripted = steps[index] ?? fallback;
		const step = typeof scripted === 'function' ? scripted(record) : scripted;
		if ('destroy' in step && step.destroy === 'beforeBody') {
			request.socket.destroy();
			return;
		}
		void readBody(request).then(async (body) => {
			record.body = body;
			if ('destroy' in step) {
				request.socket.destroy();
				return;
			}
			if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
			answer(response, step);
		});
	});
	// No keep-alive surprises: each test step sees its own connection state.
	server.keepAliveTimeout = 1;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const actualPort = (server.address() as AddressInfo).port;

	return {
		origin: `http://127.0.0.1:${actualPort}`,
		port: actualPort,
		received,
		script(next, nextFallback) {
			steps = next;
			if (nextFallback) fallback = nextFallback;
			received.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A port on 127.0.0.1 where nothing listens (connections are refused). */
export async function closedPort(): Promise<number> {
	const server = await startScriptedServer();
	const { port } = server;
	await server.close();
	return port;
}
