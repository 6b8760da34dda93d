export { resolveApiBaseUrl } from './apiUrl';
export { clock } from './clock';
export { insightlyRequest, getRateLimitState, isByteStream, type ByteStream } from './request';
export type { InsightlyFunctions, InsightlyRequestOptions, InsightlyResponse } from './request';
export { insightlyRequestAllItems, MAX_PAGE_SIZE } from './pagination';
export type { PageRead, PageReadOptions } from './pagination';
export type { RateLimitState } from './rateLimitLedger';
export { DEFAULT_RETRY_SETTINGS } from './retryPolicy';
export type { RetrySettings } from './retryPolicy';
