/** Typed, bounded HTTP client used by the conformance runner. */
export { HttpClient, DEFAULT_LIMITS, originOf } from './http.js';
export { curlCommand, excerpt, redactHeaders } from './evidence.js';
export { postDocument, getDocument, acceptHeader } from './negotiate.js';
export type { SendOptions } from './negotiate.js';
export type * from './types.js';
export { summarizeOffer, totalCost, metricValue, compareOffers, rankByOf, OFFERED_BY } from './offers.js';
export type { OfferSummary, QuotedItem, RankBy } from './offers.js';
