/**
 * What the sandbox holds, read over its API like any client: the scenarios compare the editor's
 * dropdowns with it instead of with hard-coded names.
 */
export interface SandboxAccess {
	apiUrl: string;
	apiKey: string;
}

export async function sandboxGet<T = Array<Record<string, unknown>>>(
	sandbox: SandboxAccess,
	path: string,
): Promise<T> {
	const response = await fetch(`${sandbox.apiUrl}${path}`, {
		headers: { authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}` },
	});
	if (!response.ok) throw new Error(`sandbox GET ${path} answered ${response.status}`);
	return (await response.json()) as T;
}

export async function sandboxPost(
	sandbox: SandboxAccess,
	path: string,
	body: unknown,
): Promise<Record<string, unknown>> {
	const response = await fetch(`${sandbox.apiUrl}${path}`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`sandbox POST ${path} answered ${response.status}`);
	return (await response.json()) as Record<string, unknown>;
}
