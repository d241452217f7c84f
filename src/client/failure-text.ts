import type { HttpFailureKind } from './types.js';

/**
 * What a broker did, in words, for each way an exchange with it can fail: the many-broker client and the
 * aggregator's upstreams both end their messages with these, after the broker's name.
 */
export const FAILURE_TEXT: Readonly<Record<HttpFailureKind, string>> = {
  timeout: 'did not answer in time',
  refused: 'refused the connection',
  reset: 'closed the connection early',
  'too-large': 'sent an answer over the size limit',
  'redirect-limit': 'redirected too many times',
  'origin-refused': 'pointed to another origin',
  aborted: 'was stopped',
  'bad-url': 'gave an unusable URL',
  network: 'could not be reached',
  'bad-coding': 'sent a body its Content-Encoding does not describe',
  unserialisable: 'was not asked',
};
