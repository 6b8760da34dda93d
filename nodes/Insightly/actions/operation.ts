/**
 * The shape of one operation module (actions/<resource>/<operation>.operation.ts): everything
 * about an operation in one place. The node's Resource and Operation lists, its parameters and
 * the router are assembled from these modules (actions/index.ts); nothing else lists operations.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { RECORD_TYPES, supports, type RecordOperation, type RecordType } from '../objects';
import type { ExecutionCache } from './target';

/** What an operation gets for one input item. */
export interface OperationInput {
	/** The item's Resource value (a record type key, or tag / link / fileAttachment / follow). */
	resource: string;
	itemIndex: number;
	/** Instance metadata read once per execution (custom field definitions). */
	cache: ExecutionCache;
}

export interface Operation {
	/** Value of the Operation parameter. */
	value: string;
	/** Resource values whose Operation list offers it. */
	resources: readonly string[];
	/** Its entry in the Operation list of one of those resources. */
	option(resource: string): INodePropertyOptions;
	/**
	 * What an AI agent is told this operation does on one resource (the tool's description when
	 * it is set manually; the automatic one is the option's `action` + " in Insightly"): what it
	 * matches, what it returns, its limits. Without it the option's description is used.
	 */
	toolDescription?(resource: string): string;
	/** Its own parameters, shown only for its resources and its value. */
	properties: INodeProperties[];
	/** Runs it for one item; the router adds the pairing to the input item. */
	execute(this: IExecuteFunctions, input: OperationInput): Promise<INodeExecutionData[]>;
}

/** Records as n8n items. */
export function toItems(records: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(records) ? records : [records]).map((json) => ({ json }));
}

/** Resource values of the record types that offer an operation (read from the registry). */
export function recordResources(operation: RecordOperation): string[] {
	return RECORD_TYPES.filter((type) => supports(type, operation)).map((type) => type.key);
}

/** Record types of some resource values. */
export function recordTypesOf(resources: readonly string[]): RecordType[] {
	return RECORD_TYPES.filter((type) => resources.includes(type.key));
}

/**
 * Words for an operation's option texts about one record type. The article follows the sound,
 * not the letter: "an email", "an opportunity", but "a user" ("u" said "you").
 */
export function wordsFor(type: RecordType): { one: string; many: string; a: string } {
	const one = type.displayName.toLowerCase();
	const vowelSound = /^[aeio]/.test(one) || /^u(?!s|ni)/.test(one);
	return { one, many: type.pluralName.toLowerCase(), a: vowelSound ? 'an' : 'a' };
}
