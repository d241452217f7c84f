import { isObject, type JsonRecord } from '../util/index.js';

/**
 * Message kinds the reference aggregator writes (spec/04 §4.2): in model, so the many-broker client reads them
 * by the same names the aggregator writes them with.
 */
export const FEDERATION_MESSAGE_KINDS = {
  route: 'urn:ebkit:federation:route',
  failed: 'urn:ebkit:federation:broker-failed',
  no: 'urn:ebkit:federation:broker-no',
  dropped: 'urn:ebkit:federation:offer-dropped',
  aboveMaximum: 'urn:ebkit:federation:above-maximum',
  loop: 'urn:ebkit:federation:loop',
  offeredBy: 'urn:ebkit:federation:offered-by',
  stale: 'urn:ebkit:federation:stale',
  relayed: 'urn:ebkit:federation:relayed',
  lost: 'urn:ebkit:federation:lost',
  held: 'urn:ebkit:federation:held',
} as const;

/** The offered-by message a session document carries (an aggregator passed it on), or undefined. */
export function offeredByItem(doc: unknown): JsonRecord | undefined {
  const meta = isObject(doc) && isObject(doc.meta) ? doc.meta : undefined;
  return Array.isArray(meta?.messages)
    ? meta.messages.find((m): m is JsonRecord => isObject(m) && m.kind === FEDERATION_MESSAGE_KINDS.offeredBy)
    : undefined;
}
