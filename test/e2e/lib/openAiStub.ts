/**
 * A scripted OpenAI-compatible chat-completions server on 127.0.0.1, standing in for the model
 * behind n8n's AI Agent: each request gets the next scripted answer (a tool call, or the final
 * text), and every request is kept (the tools n8n offers with their JSON schemas, and the
 * messages, tool results included) so a test can assert exactly what the model was shown.
 * No network: nothing leaves the machine.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One scripted answer: call a tool with these arguments, or end with a text. */
export type ScriptedReply = { tool: string; args: Record<string, unknown> } | { text: string };

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

export interface OfferedTool {
	type: string;
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

/** What n8n sent in one chat-completions request. */
export interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: OfferedTool[];
}

/** The text of a message's content (a string, or OpenAI's list of text parts). */
export function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
			.join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

export class OpenAiStub {
	readonly requests: ChatRequest[] = [];
	/** Requests to anything but chat completions (none expected). */
	readonly unexpected: string[] = [];
	private script: ScriptedReply[] = [];
	private calls = 0;

	private constructor(
		private readonly server: Server,
		/** The Base URL for n8n's OpenAI credential. */
		readonly baseUrl: string,
	) {}

	static async start(): Promise<OpenAiStub> {
		// The server exists before the stub that answers for it.
		const holder: { stub?: OpenAiStub } = {};
		const server = createServer((req, res) => holder.stub?.handle(req, res));
		await new Promise<void>((resolveListen) =>
			server.listen(0, '127.0.0.1', () => resolveListen()),
		);
		const { port } = server.address() as { port: number };
		holder.stub = new OpenAiStub(server, `http://127.0.0.1:${port}/v1`);
		return holder.stub;
	}

	/** The answers to give, in order, from the next request on; the log is cleared. */
	play(script: ScriptedReply[]): void {
		this.script = [...script];
		this.requests.length = 0;
		this.unexpected.length = 0;
	}

	/** The tool results the model received, in order, with the call they answer. */
	toolMessages(): Array<{ tool: string; content: string }> {
		const last = this.requests.at(-1);
		if (!last) return [];
		const names = new Map<string, string>();
		for (const message of last.messages)
			for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
		return last.messages
			.filter((message) => message.role === 'tool')
			.map((message) => ({
				tool: names.get(message.tool_call_id ?? '') ?? '?',
				content: contentText(message.content),
			}));
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolveClose) => this.server.close(() => resolveClose()));
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url ?? '')) {
				this.unexpected.push(`${req.method} ${req.url}`);
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: 'not scripted' } }));
				return;
			}
			const request = JSON.parse(raw || '{}') as ChatRequest;
			this.requests.push(request);
			const reply = this.script.shift() ?? { text: 'The script has no more steps.' };
			const message = this.messageOf(reply);
			if (request.stream) this.stream(res, request, message);
			else {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						id: `chatcmpl-${this.calls}`,
						object: 'chat.completion',
						created: Math.floor(Date.now() / 1000),
						model: request.model ?? 'stub',
						choices: [
							{
								index: 0,
								message,
								finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
							},
						],
						usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
					}),
				);
			}
		});
	}

	private messageOf(reply: ScriptedReply): ChatMessage & { content: string | null } {
		if ('text' in reply) return { role: 'assistant', content: reply.text };
		const id = `call_${++this.calls}`;
		return {
			role: 'assistant',
			content: null,
			tool_calls: [
				{
					id,
					type: 'function',
					function: { name: reply.tool, arguments: JSON.stringify(reply.args) },
				} as { id: string; function: { name: string; arguments: string } },
			],
		};
	}

	/** The same answer as server-sent events, for a client that asked to stream. */
	private stream(res: ServerResponse, request: ChatRequest, message: ChatMessage): void {
		res.writeHead(200, { 'content-type': 'text/event-stream' });
		const chunk = (delta: Record<string, unknown>, finish: string | null) =>
			res.write(
				`data: ${JSON.stringify({
					id: `chatcmpl-${this.calls}`,
					object: 'chat.completion.chunk',
					created: Math.floor(Date.now() / 1000),
					model: request.model ?? 'stub',
					choices: [{ index: 0, delta, finish_reason: finish }],
				})}\n\n`,
			);
		const calls = message.tool_calls;
		if (calls)
			chunk(
				{
					role: 'assistant',
					tool_calls: calls.map((call, index) => ({ index, type: 'function', ...call })),
				},
				null,
			);
		else chunk({ role: 'assistant', content: contentText(message.content) }, null);
		chunk({}, calls ? 'tool_calls' : 'stop');
		res.end('data: [DONE]\n\n');
	}
}
