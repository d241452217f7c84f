/** Typed, bounded HTTP client used by the conformance runner. */
export { HttpClient, DEFAULT_LIMITS, originOf } from './http.js';
export { curlCommand, excerpt, redactHeaders } from './evidence.js';
export { postDocument, getDocument, acceptHeader } from './negotiate.js';
export type { SendOptions } from './negotiate.js';
export type * from './types.js';
export { BrokerClient, type BrokerClientOptions, type BrokerAnswer } from './broker-client.js';
