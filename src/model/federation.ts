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
