/** Public API of the toolkit. Each stage re-exports its own entry point. */
export * from './findings.js';
export * from './errors.js';
export { TOOLKIT_VERSION, STANDARD_VERSION } from './version.js';
/** The client for many brokers (README "Using many brokers"). */
export {
  requestOffers,
  pickOffer,
  acceptPicked,
  acceptOffer,
  cancelSession,
  getSession,
  watchSession,
  offersTable,
  offersValue,
  answerLines,
} from './client/index.js';
export type { BrokerTarget, BrokerAnswer, OfferRow, OffersResult, SessionOutcome, WatchResult, Credentials, RankBy } from './client/index.js';
