import { testCheck } from '../../helpers/test-check.js';
import { expect, it } from 'vitest';
import { againstExpiredOffers } from '../../helpers/expired-offers.js';

testCheck('lifecycle-update-shape');

it('does not blame the refused update for the phase an offer was handed out in (already EXPIRED)', async () => {
  const r = await againstExpiredOffers('lifecycle-update-shape');
  expect(r?.outcome, r?.message).toBe('pass');
});
