/**
 * One webhook request from Insightly's workflow automation, in this order:
 *
 * 1. Basic authentication (unless turned off): without the credential's user and password, 401.
 * 2. The body must be `{"entity": {...}}` with the record type's id field: otherwise 400.
 * 3. Created or updated (record.ts `eventOf`); another event than the node's: 200, nothing runs.
 * 4. The same version of the record (id, DATE_UPDATED_UTC) within the duplicate window: 200,
 *    nothing runs (memory.ts; production URL only).
 * 5. Fetch Full Record: the node answers Insightly first (200), then reads the record.
 * 6. Dates to ISO 8601 UTC, custom fields simplified, the field filters: one execution, or none.
 *
 * Every refusal is answered here and starts no execution; the body says why. A delivery is
 * answered here too ("Workflow was started", see `started`).
 */
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { getRecordType, type RecordType } from '../objects';
import { recordHash } from '../trigger/hash';
import { clock, insightlyRequest, type InsightlyFunctions } from '../transport';
import { simplifyRecord } from '../utils/customFields';
import { parseCustomObjectName } from '../utils/validation';
import { checkBasicAuth, credentialProblem } from './auth';
import { DEFAULT_DUPLICATE_WINDOW_MINUTES, type WebhookEventName } from './description';
import { failedCondition, type FieldCondition } from './filters';
import { memoryOf, seenBefore, versionKey } from './memory';
import {
	convertDates,
	dateMillis,
	eventOf,
	normaliseCustomFields,
	readEntity,
	recordIdOf,
} from './record';

/** The part of n8n's (express) response the node writes to. */
interface ResponseLike {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body?: string): unknown;
}

/** The answer to a delivery that starts the workflow (n8n's own words for it). */
export const STARTED_MESSAGE = 'Workflow was started';

function respond(
	response: ResponseLike,
	status: number,
	message: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
	response.end(JSON.stringify({ message }));
	return { noWebhookResponse: true };
}

/**
 * 200 "Workflow was started", written here rather than left to n8n, for two reasons seen in real
 * n8n (test/e2e/webhook.e2e.test.ts): a node without `responseData` in its webhook description
 * gets n8n's default "firstEntryJson" as the literal answer; and n8n 2.x answers an "onReceived"
 * webhook only after it has started the execution, whose new Workflow object resets the
 * changed-flag of the static data this request shares, so the duplicate memory was sometimes not
 * saved. An answer written by the node makes n8n save the static data at once, before the
 * execution starts.
 */
function started(response: ResponseLike, items: INodeExecutionData[]): IWebhookResponseData {
	respond(response, 200, STARTED_MESSAGE);
	return { noWebhookResponse: true, workflowData: [items] };
}

/** 200 with the reason, no execution (Insightly must not retry these). */
function ignored(message: string): IWebhookResponseData {
	return { webhookResponse: { message } };
}

async function authenticate(
	this: IWebhookFunctions,
	response: ResponseLike,
): Promise<IWebhookResponseData | undefined> {
	if (this.getNodeParameter('authentication', 'basicAuth') === 'none') return undefined;
	let data: IDataObject;
	try {
		data = (await this.getCredentials('insightlyWebhookAuthApi')) as IDataObject;
	} catch (error) {
		return respond(
			response,
			500,
			`No Insightly Webhook Auth credential is set on the node (${(error as Error).message}).`,
		);
	}
	const problem = credentialProblem(data);
	if (problem) return respond(response, 500, `The Insightly Webhook Auth credential: ${problem}`);
	const verdict = checkBasicAuth(this.getHeaderData().authorization, {
		user: String(data.user),
		password: String(data.password),
	});
	if (verdict === 'ok') return undefined;
	return respond(
		response,
		401,
		verdict === 'missing'
			? 'Authorization required: Basic authentication with the user name and password of the webhook.'
			: 'Authorization failed: wrong user name or password.',
		{ 'WWW-Authenticate': 'Basic realm="Insightly Webhook"' },
	);
}

function conditionsOf(this: IWebhookFunctions): FieldCondition[] {
	const filters = this.getNodeParameter('fieldFilters', {}) as IDataObject;
	const conditions = (filters.conditions ?? []) as IDataObject[];
	return conditions.map((condition) => ({
		field: String(condition.field ?? ''),
		value: String(condition.value ?? ''),
	}));
}

/** The record as the API has it now: `GET /{path}/{id}`, one request through the request layer. */
async function fetchFullRecord(
	this: IWebhookFunctions,
	type: RecordType,
	id: number,
): Promise<IDataObject> {
	const path = type.custom
		? parseCustomObjectName(this.getNodeParameter('customObjectName', ''), 'Custom Object')
		: type.path;
	// The request layer uses only getCredentials, getNode and helpers.httpRequestWithAuthentication,
	// which a webhook context has like the contexts InsightlyFunctions names.
	const { body } = await insightlyRequest.call(this as unknown as InsightlyFunctions, {
		method: 'GET',
		path: `/${path}/${id}`,
		record: { typeName: type.displayName, id },
	});
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new Error(`Insightly answered GET /${path}/${id} without a record`);
	return body as IDataObject;
}

function shape(record: IDataObject, simplify: boolean): IDataObject {
	const normalised = normaliseCustomFields(record);
	const dated = convertDates(normalised) as IDataObject;
	return simplify ? simplifyRecord(dated) : dated;
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject() as unknown as ResponseLike;
	const refusal = await authenticate.call(this, response);
	if (refusal) return refusal;

	const reading = readEntity(
		this.getBodyData(),
		(this.getRequestObject() as unknown as { rawBody?: unknown }).rawBody,
	);
	if ('problem' in reading) return respond(response, 400, reading.problem);
	const entity = reading.entity;

	const resource = this.getNodeParameter('resource') as string;
	const type = getRecordType(resource);
	const id = recordIdOf(entity, type.idField);
	if (id === undefined) {
		return respond(
			response,
			400,
			`The entity has no ${type.idField}: this trigger takes ${type.pluralName} (Record Type), not another object's records.`,
		);
	}

	const event = eventOf(entity);
	const wanted = this.getNodeParameter('event', 'createdOrUpdated') as WebhookEventName;
	if (wanted !== 'createdOrUpdated' && wanted !== event)
		return ignored(
			`Ignored: ${type.displayName} ${id} was ${event}; this trigger starts on ${wanted} records.`,
		);

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const windowMinutes = Number(options.duplicateWindowMinutes ?? DEFAULT_DUPLICATE_WINDOW_MINUTES);
	if (this.getMode() !== 'manual' && windowMinutes > 0) {
		const updated = dateMillis(entity.DATE_UPDATED_UTC);
		const key = versionKey(id, updated !== undefined ? String(updated) : `#${recordHash(entity)}`);
		const memory = memoryOf(this.getWorkflowStaticData('node'));
		if (seenBefore(memory, key, clock.now(), windowMinutes * 60_000))
			return ignored(`Ignored: ${type.displayName} ${id} in this version was delivered already.`);
	}

	const simplify = options.simplify !== false;
	const conditions = conditionsOf.call(this);
	const fetch = this.getNodeParameter('fetchFullRecord', false) === true;
	if (!fetch) {
		const record = shape(entity, simplify);
		const failed = failedCondition(record, conditions);
		if (failed) return ignored(`Ignored: ${failed.field} is not "${failed.value}".`);
		return started(response, [{ json: { ...record, event } }]);
	}

	// Answer first: Insightly must not wait for the API request (nor for its retries).
	respond(response, 200, STARTED_MESSAGE);
	let fetched: IDataObject | undefined;
	let fetchError: string | undefined;
	try {
		fetched = await fetchFullRecord.call(this, type, id);
	} catch (error) {
		// The answer has been sent: the event is still delivered, with the webhook's own record
		// and the reason the full one is missing, rather than lost.
		const { message, description } = error as { message?: string; description?: string };
		fetchError = [message, description].filter(Boolean).join(' ');
	}
	const record = shape(fetched ?? entity, simplify);
	if (failedCondition(record, conditions)) return { noWebhookResponse: true };
	return {
		noWebhookResponse: true,
		workflowData: [[{ json: { ...record, event, ...(fetchError ? { fetchError } : {}) } }]],
	};
}
