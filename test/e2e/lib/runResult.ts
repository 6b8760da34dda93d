/**
 * Reading what `n8n execute --id X --rawOutput` prints: the run's JSON (IRun) on success; on
 * failure n8n logs the same JSON at info level, then the error message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutputItem {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryEntry>;
}

export interface BinaryEntry {
	data?: string;
	id?: string;
	fileName?: string;
	mimeType?: string;
	fileSize?: string;
}

export interface RunError {
	message: string;
	description?: string | null;
	nodeName?: string;
	httpCode?: string;
}

interface RawRun {
	status?: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main: Array<OutputItem[] | null> }; error?: RunErrorJson }>
			>;
			error?: RunErrorJson;
			lastNodeExecuted?: string;
		};
	};
}

interface RunErrorJson {
	message: string;
	description?: string | null;
	httpCode?: string;
	node?: { name: string };
}

/**
 * Finds the run JSON in n8n's output. It is printed with JSON.stringify(_, null, 2): it opens
 * with a line ending in "{" (alone on success, after a log prefix "... | info  | {" on failure)
 * and closes with a line starting with "}" (followed by log metadata on failure).
 */
export function extractRunJson(text: string): RawRun | undefined {
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (!(lines[i] === '{' || lines[i].endsWith('| {'))) continue;
		const close = lines.findIndex((line, j) => j > i && line.startsWith('}'));
		if (close === -1) return undefined;
		try {
			const parsed = JSON.parse(['{', ...lines.slice(i + 1, close), '}'].join('\n')) as RawRun;
			if (parsed?.data?.resultData) return parsed;
		} catch {
			// another object in the log; keep looking
		}
	}
	return undefined;
}

export class RunResult {
	constructor(
		private readonly raw: RawRun | undefined,
		readonly stdout: string,
		readonly stderr: string,
		readonly exitCode: number | null,
		readonly ms: number,
		private readonly userFolder: string,
	) {}

	get ok(): boolean {
		return this.exitCode === 0 && !!this.raw && !this.raw.data.resultData.error;
	}

	/** The workflow's error, or undefined when it succeeded. */
	get error(): RunError | undefined {
		const error = this.raw?.data.resultData.error;
		if (!error) {
			if (this.exitCode === 0) return undefined;
			return {
				message: `n8n exited with ${this.exitCode} without a run: ${this.stderr || this.stdout}`,
			};
		}
		return {
			message: error.message,
			description: error.description,
			nodeName: error.node?.name,
			httpCode: error.httpCode,
		};
	}

	/** Items of a node's first output on its last run. */
	items(nodeName: string, output = 0): OutputItem[] {
		const runs = this.raw?.data.resultData.runData[nodeName];
		if (!runs?.length) throw new Error(`Node "${nodeName}" did not run.\n${this.describe()}`);
		return runs[runs.length - 1].data?.main[output] ?? [];
	}

	json(nodeName: string, output = 0): Array<Record<string, unknown>> {
		return this.items(nodeName, output).map((item) => item.json);
	}

	ranNodes(): string[] {
		return Object.keys(this.raw?.data.resultData.runData ?? {});
	}

	/** Bytes of a binary property: inline (1.x default mode) or from n8n's binary data folder (2.x). */
	binaryContent(entry: BinaryEntry): Buffer {
		if (entry.id) {
			const [mode, path] = entry.id.split(/:(.*)/s);
			// n8n 2.x keeps binary data under .n8n/storage, 1.x under .n8n/binaryData.
			const candidates = ['storage', 'binaryData'].map((folder) =>
				join(this.userFolder, '.n8n', folder, path),
			);
			const file = candidates.find((candidate) => existsSync(candidate));
			if (!mode.startsWith('filesystem') || !file)
				throw new Error(`Cannot read binary ${entry.id} (looked in ${candidates.join(', ')})`);
			return readFileSync(file);
		}
		return Buffer.from(entry.data ?? '', 'base64');
	}

	/** Enough of n8n's output to diagnose a failed assertion. */
	describe(): string {
		const tail = (s: string) => s.split('\n').slice(-40).join('\n');
		return `exit ${this.exitCode} in ${this.ms} ms; error: ${JSON.stringify(this.error)}\n--- stdout (tail)\n${tail(this.stdout)}\n--- stderr (tail)\n${tail(this.stderr)}`;
	}
}
