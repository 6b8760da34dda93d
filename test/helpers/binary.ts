// n8n-core's binary helpers (prepareBinaryData, getBinaryDataBuffer...) fetch the
// BinaryDataService from the DI container. Configure it once per process in n8n's in-memory
// 'default' mode: binary data then lives base64-encoded in the item, as in a default n8n
// install without filesystem mode, and nothing is written to disk by the nodes under test.
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

let ready: Promise<void> | undefined;

export async function ensureBinaryDataService(): Promise<void> {
	ready ??= (async () => {
		Container.get(BinaryDataConfig).mode = 'default';
		await Container.get(BinaryDataService).init();
	})();
	await ready;
}

/** The bytes of a binary property as n8n would hand them to the next node. */
export async function binaryToBuffer(binary: IBinaryData): Promise<Buffer> {
	await ensureBinaryDataService();
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
