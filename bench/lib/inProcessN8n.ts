/**
 * The in-process n8n harness (test/helpers/n8n.ts) outside jest. n8n-core writes an encryption
 * key into N8N_USER_FOLDER on first use: keep it in a temporary folder, set before n8n-core
 * loads (hence this module is imported before the harness). The trigger's info lines (ticks
 * skipped for the budget) would flood the table: n8n's logger reads its level from the same
 * environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER)
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'insightly-bench-n8n-'));
process.env.N8N_LOG_LEVEL ??= 'warn';

export { createPollRunner, executeNode, type PollRunner } from '../../test/helpers/n8n';
