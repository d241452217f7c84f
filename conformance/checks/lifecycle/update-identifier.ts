import type { CheckContext, Doc } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get } from '../../lib/context.js';
import { phaseUpdate } from '../../lib/fixtures.js';
import { changedAfterRefusal, expectRefusalUnchanged } from '../../lib/refusal.js';
import { toText } from '../../../src/util/index.js';

/**
 * The standard names no status for this refusal (spec/02 §2.4, §6.4), so any client error that refuses the update
 * will do: 422 (the document breaks a rule), 409, 400, or 403/404 from a broker that reads the body's identifier as
 * the session addressed.
 */
const REFUSALS = [400, 403, 404, 409, 422];

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-UPD-07', 'EB-UPD-11'],
  title: 'An update whose body names another session than its URL changes no other session, and is refused',
  async run(ctx: CheckContext) {
    const { offers, url, before } = await ctx.rejectableOffer();
    // A sibling's identifier, when there is one: a broker that acts on the session the body names would change it.
    const sibling = offers.slice(1).find((o) => typeof get(o, 'meta', 'uuid') === 'string');
    const siblingUrl = sibling ? ctx.sessionUrl(sibling) : undefined;
    const other = sibling ? toText(get(sibling, 'meta', 'uuid')) : crypto.randomUUID();
    let siblingBefore: Doc | undefined = siblingUrl ? await ctx.session(siblingUrl) : undefined;
    let ignored: string | undefined;
    for (const [where, extra] of [
      ['uuid', { uuid: other }],
      ['meta.uuid', { meta: { uuid: other } }],
    ] as const) {
      const what = `a REJECTED update to ${url} whose ${where} is ${other}${sibling ? ' (a sibling offer)' : ''}`;
      const ex = await ctx.post(url, { ...phaseUpdate('REJECTED'), ...extra }, 'update', {
        format: 'json',
        accept: 'json',
        expect: 'session',
      });
      // The harm EB-UPD-07 guards against: acting on the session the body names rather than the one addressed.
      if (siblingUrl && siblingBefore) {
        const after = await ctx.session(siblingUrl);
        const problem = changedAfterRefusal(siblingBefore, after, ctx.now());
        if (problem) ctx.fail(`${what} changed the sibling it names: ${problem}`);
        siblingBefore = after;
      }
      // A 1.0 update has no uuid member, and a broker may ignore members it does not know (EB-DM-08): one that
      // applies the update to the session in its URL harms nothing, so it is told (warn), not failed.
      if (ex.status >= 200 && ex.status < 300) {
        ignored ??= `${what} was applied to the session in its URL (${ex.status}), its ${where} ignored`;
        break;
      }
      await expectRefusalUnchanged(ctx, url, before, ex, { statuses: REFUSALS, what });
    }
    if (ignored)
      ctx.warn(
        `${ignored}; no other session changed, but the identifiers must agree (EB-UPD-07): refusing (4xx) tells the client its mistake`,
        'EB-UPD-11',
      );
    return {
      outcome: 'pass',
      message: `updates naming ${sibling ? 'a sibling offer' : 'another session'} in uuid and in meta.uuid were refused, and no session changed`,
    };
  },
});
