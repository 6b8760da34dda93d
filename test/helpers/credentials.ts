// The credential side of the harness: a registry of credential types and a credentials helper
// that behaves like the one in n8n's server (packages/cli/src/credentials-helper.ts) for what
// our nodes use: decrypted data with the type's defaults filled in, and the credential's
// `authenticate` block (generic or function) applied to every authenticated request.
import { existsSync } from 'fs';
import { join } from 'path';

import { getAdditionalKeys } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

/** Credential data as a test supplies it, keyed by credential type name (`insightlyApi`). */
export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

/** Credential types by name, as n8n's CredentialTypes service would return them. */
export class CredentialTypeRegistry {
	private readonly types = new Map<string, ICredentialType>();

	constructor(types: ICredentialType[] = []) {
		for (const type of types) this.types.set(type.name, type);
	}

	get(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(
				`Credential type "${name}" is not in the harness registry (known: ${[...this.types.keys()].join(', ') || 'none'}); pass it in \`credentialTypes\``,
			);
		}
		return type;
	}

	has(name: string): boolean {
		return this.types.has(name);
	}

	/** A new registry with `extra` added on top of (and overriding) these types. */
	with(extra: ICredentialType[] = []): CredentialTypeRegistry {
		return new CredentialTypeRegistry([...this.types.values(), ...extra]);
	}
}

const REPO_ROOT = join(__dirname, '..', '..');
const PACKAGE_CREDENTIAL_MODULES = ['credentials/InsightlyApi.credentials'];

let packageRegistry: CredentialTypeRegistry | undefined;

/**
 * The package's own credential types, loaded from `credentials/*.credentials.ts` the first
 * time they are needed (a missing file is skipped, so the harness works before it exists).
 */
export function packageCredentialTypes(): CredentialTypeRegistry {
	if (!packageRegistry) {
		const types: ICredentialType[] = [];
		for (const modulePath of PACKAGE_CREDENTIAL_MODULES) {
			const fullPath = join(REPO_ROOT, modulePath);
			if (!existsSync(`${fullPath}.ts`)) continue;
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(fullPath) as Record<string, unknown>;
			for (const value of Object.values(exported)) {
				if (typeof value !== 'function') continue;
				const instance = new (value as new () => ICredentialType)();
				if (typeof instance.name === 'string' && Array.isArray(instance.properties)) {
					types.push(instance);
				}
			}
		}
		packageRegistry = new CredentialTypeRegistry(types);
	}
	return packageRegistry;
}

/** Every credential property, parents first, as n8n merges `extends`. */
function credentialProperties(
	registry: CredentialTypeRegistry,
	typeName: string,
): INodeProperties[] {
	const type = registry.get(typeName);
	const merged: INodeProperties[] = [];
	for (const parent of type.extends ?? []) {
		NodeHelpers.mergeNodeProperties(merged, credentialProperties(registry, parent));
	}
	NodeHelpers.mergeNodeProperties(merged, type.properties);
	return merged;
}

/** Fills a credential's defaults the way n8n's `applyDefaultsAndOverwrites` does. */
function withCredentialDefaults(
	registry: CredentialTypeRegistry,
	typeName: string,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	return NodeHelpers.getNodeParameters(
		credentialProperties(registry, typeName),
		data as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly registry: CredentialTypeRegistry,
		private readonly credentials: CredentialsByType,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const parents = this.registry.get(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.registry.get(typeName);
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (!workflow || !node) {
			throw new UnexpectedError('Workflow and node are required for generic authentication');
		}
		// Same walk as n8n's server: each { outerKey: { key: value } } entry is resolved as an
		// expression with $credentials in scope and written to requestOptions[outerKey][key].
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		target.headers ??= {};
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				const resolvedKey = this.resolve(key, credentials, workflow, node);
				target[outerKey] ??= {};
				target[outerKey][resolvedKey] = this.resolve(value as string, credentials, workflow, node);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}

	// The credential has no preAuthentication step, so n8n's parameters (helpers, credentials,
	// type name, node, expired flag) are not needed.
	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('The test harness keeps no encrypted credentials');
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.credentials[type];
		if (!stored) {
			throw new UnexpectedError(
				`No credentials of type "${type}" were given to the harness (\`credentials: { ${type}: {...} }\`)`,
			);
		}
		// A fresh copy per call, like a database read: the node cannot change the test's object.
		const data = structuredClone(stored);
		if (raw === true) return data;
		const withDefaults = withCredentialDefaults(this.registry, type, data);
		if (!expressionResolveValues) return withDefaults;
		// As n8n does during an execution: credential fields may be expressions over the item.
		const v = expressionResolveValues;
		return v.workflow.expression.getParameterValue(
			withDefaults as INodeParameters,
			v.runExecutionData,
			v.runIndex,
			v.itemIndex,
			v.node.name,
			v.connectionInputData,
			mode,
			getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
			undefined,
			false,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialProperties(this.registry, type);
	}
}
