import { testBrokenFor, testCheck } from '../../helpers/test-check.js';
import { expect, it } from 'vitest';
import { againstExpiredOffers } from '../../helpers/expired-offers.js';

testCheck('lifecycle-reject');
// Wrong phase options are EB-LIFE-07's, not the first requirement the check lists.
testBrokenFor('lifecycle-reject', 'wrong-options', 'EB-LIFE-07');

it('skips, naming the phase, an offer handed out already EXPIRED (nothing to reject, no refusal to judge)', async () => {
  const r = await againstExpiredOffers('lifecycle-reject');
  expect(r?.outcome, r?.message).toBe('skip');
  expect(r?.message).toBe('precondition not met: the offer was EXPIRED, not OFFERED, when the offer set gave it');
});
