/** Typed, bounded HTTP client used by the conformance runner, and the client for many brokers built on it. */
export { HttpClient, DEFAULT_LIMITS, originOf } from './http.js';
export { curlCommand, excerpt, redactHeaders } from './evidence.js';
export { undecodableCoding } from './content-coding.js';
export { postDocument, getDocument, acceptHeader } from './negotiate.js';
export type { AcceptValue, SendOptions } from './negotiate.js';
export type * from './types.js';
export { BrokerClient, type BrokerClientOptions, type BrokerAnswer } from './broker-client.js';
export {
  summarizeOffer,
  totalCost,
  metricValue,
  compareOffers,
  rankByOf,
  OFFERED_BY,
  MONETARY_COST,
} from './offers.js';
export type { OfferSummary, QuotedItem, RankBy } from './offers.js';
export {
  credentialHeaders,
  secretsOf,
  redactSecrets,
  displayUrl,
  hasUserInfo,
  parseHeaderArg,
  headerArgProblem,
  isSecretHeader,
} from './credentials.js';
export type { Credentials } from './credentials.js';
export { clientFor, exchange } from './exchange.js';
export { preferWait, preferredWaitMs, lowerBudgetMs } from './prefer-wait.js';
export type { BrokerCallOptions, DocumentOutcome } from './exchange.js';
export { requestOffers, askBroker, rankOffers, pickOffer, acceptPicked, parseBrokerArg, messageText } from './many.js';
export type {
  BrokerTarget,
  BrokerAnswer as BrokerOffersAnswer,
  OfferRow,
  OffersResult,
  RequestOffersOptions,
  AcceptBestResult,
} from './many.js';
export {
  getSession,
  updatePhase,
  acceptOffer,
  rejectOffer,
  cancelSession,
  watchSession,
  phaseUpdate,
} from './sessions.js';
export type { SessionOutcome, SessionCallOptions, WatchOptions, WatchResult } from './sessions.js';
export {
  offersTable,
  offersValue,
  answerLines,
  answerValue,
  columnsOf,
  resolveMetric,
  resolveRanking,
  shortOfferUrl,
  brokerOf,
} from './offers-table.js';
export type { OfferColumns } from './offers-table.js';
