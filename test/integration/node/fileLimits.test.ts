/**
 * File downloads stream into n8n's binary data and stop at the size cap Insightly announces:
 * the attachment's FILE_SIZE (before any byte moves) or the download's Content-Length.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { Insightly } from '../../../nodes/Insightly/Insightly.node';
import { MAX_FILE_BYTES } from '../../../nodes/Insightly/utils/files';
import { executeNode } from '../../helpers/n8n';

const MiB = 1024 * 1024;
let server: Server;
let origin: string;
let mode: 'metadata' | 'declared' = 'declared';
let downloads = 0;

beforeAll(async () => {
	server = createServer((request, response) => {
		if (/format=JSON/i.test(request.url ?? '')) {
			// The attachment's metadata: its name always, its size only in the metadata case.
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					FILE_ID: 5,
					FILE_NAME: 'big.pdf',
					CONTENT_TYPE: 'application/pdf',
					...(mode === 'metadata' ? { FILE_SIZE: MAX_FILE_BYTES + MiB } : {}),
				}),
			);
			return;
		}
		downloads++;
		response.writeHead(200, {
			'content-type': 'application/pdf',
			'content-length': String(MAX_FILE_BYTES + MiB),
		});
		response.write(Buffer.alloc(1024));
		// Never finishes: the client must give up on its own.
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

const download = () =>
	executeNode(new Insightly(), {
		parameters: { resource: 'fileAttachment', operation: 'download', fileId: '5' },
		credentials: {
			insightlyApi: { apiKey: 'k', apiUrl: `${origin}/v3.1/`, allowLocalhost: true },
		},
		continueOnFail: true,
	});

it('a size over the cap in the metadata is refused before any byte is downloaded', async () => {
	mode = 'metadata';
	downloads = 0;
	const [[out]] = await download();
	expect(String(out.json.error)).toMatch(
		/File 5 \(big\.pdf\) is 101\.0 MiB: the node downloads files up to 100\.0 MiB/,
	);
	expect(downloads).toBe(0);
});

it('a declared size over the cap is refused at once, naming the file and the limit', async () => {
	mode = 'declared';
	const [[out]] = await download();
	expect(String(out.json.error)).toMatch(
		/File 5 \(big\.pdf\) is 101\.0 MiB: the node downloads files up to 100\.0 MiB/,
	);
});
