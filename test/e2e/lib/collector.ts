/**
 * A local HTTP endpoint that workflows post to (with n8n's HTTP Request node), so a test sees what
 * each execution produced without reading n8n's database.
 */
import { createServer, type Server } from 'node:http';

export interface Received {
	body: Record<string, unknown>;
	headers: Record<string, string | string[] | undefined>;
	at: number;
}

export class Collector {
	private constructor(
		private readonly server: Server,
		readonly url: string,
		readonly received: Received[],
	) {}

	static async start(): Promise<Collector> {
		const received: Received[] = [];
		const server = createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
			req.on('end', () => {
				try {
					received.push({ body: JSON.parse(raw || '{}'), headers: req.headers, at: Date.now() });
					res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
				} catch {
					res.writeHead(400).end();
				}
			});
		});
		await new Promise<void>((resolveListen) =>
			server.listen(0, '127.0.0.1', () => resolveListen()),
		);
		const { port } = server.address() as { port: number };
		return new Collector(server, `http://127.0.0.1:${port}/collect`, received);
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolveClose) => this.server.close(() => resolveClose()));
	}
}
