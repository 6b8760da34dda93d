/** Waiting assertions for the browser scenarios: poll until true, or fail saying what was awaited. */
export async function expect<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			throw new Error(`Expected ${what}, still not so after ${timeoutMs} ms${cause}`);
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 250));
	}
}

export function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

/** Every wanted text is among the seen ones; the error lists what was seen. */
export function assertIncludesAll(seen: string[], wanted: string[], what: string) {
	const missing = wanted.filter((text) => !seen.some((item) => item.includes(text)));
	assert(
		missing.length === 0,
		`${what}: missing ${JSON.stringify(missing)}; on screen: ${JSON.stringify(seen.slice(0, 40))}`,
	);
}
