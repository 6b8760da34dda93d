// A sanity check of the throttle in real time (the exact spacing is tested on a virtual clock
// in requestPolicy.test.ts). Only a lower bound is asserted: a slow machine can only make the
// run longer, so this cannot flake by being too fast.
import { executeNode } from '../../helpers/n8n';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';
import { TransportProbe } from './transportProbeNode';

let server: ScriptedServer;
beforeAll(async () => {
	server = await startScriptedServer();
});
afterAll(async () => {
	await server.close();
});

it('30 requests of one credential take at least ~2.9 s at the default 10 per 1,050 ms', async () => {
	server.script([], { status: 200, body: {} });
	const started = Date.now();
	await executeNode(new TransportProbe(), {
		parameters: { call: JSON.stringify({ mode: 'request', method: 'GET', path: '/Users/Me' }) },
		items: Array.from({ length: 30 }, () => ({ json: {} })),
		credentials: {
			insightlyApi: {
				apiKey: 'real-time-throttle-key',
				apiUrl: server.origin,
				allowLocalhost: true,
			},
		},
	});
	const elapsed = Date.now() - started;
	expect(server.received).toHaveLength(30);
	// Request 21 leaves at least 2 x 1,050 ms after the first and the last 8 follow at least
	// 50 ms apart: 2.5 s at the very least; a little slack for timers that fire early.
	expect(elapsed).toBeGreaterThanOrEqual(2450);
	// Arrival times jitter (the first request also opens the connection), so the server-side
	// span gets a looser bound: the sends are spaced, the network may bunch them a little.
	expect(server.received[29].at - server.received[0].at).toBeGreaterThanOrEqual(2300);
});
