import { isDeepStrictEqual } from 'node:util';
import type { CheckContext, Doc, Exchange } from './context.js';
import { get, isFinal, phaseOptions } from './context.js';
import { expiredBefore, lapsed } from './offers.js';
import { toText } from '../../src/util/index.js';

/** Phases only a client's update can bring about (DOMAIN.md §4.3): a refusal must never lead to one. */
const CLIENT_DRIVEN = new Set(['ACCEPTED', 'REJECTED', 'CANCELLED']);
/** What an OFFERED session holds that only an update could change. */
const OFFER_PARTS = ['expires', 'executable', 'compute', 'storage', 'data', 'volumes', 'schedule'];

/**
 * What is wrong with `after`, read back after the broker refused an update (or another method) on a session that
 * read `before` just earlier, if anything (EB-ERR-04: a refused update leaves the session unchanged). The broker
 * may still drive an active session on by itself, so only an OFFERED or final session is compared in full; any
 * other must not have moved into a client-driven phase it was not in. `now` is the run clock's (the broker's
 * `expires` is compared with it).
 */
export function changedAfterRefusal(before: Doc, after: Doc, now = Date.now()): string | undefined {
  const was = String(before['phase']);
  const is = String(after['phase']);
  if (was === 'OFFERED') {
    if (is === 'EXPIRED' && lapsed(before, now)) return undefined;
    if (is !== was) return `the phase changed from ${was} to ${is}`;
    const options = (s: Doc) => (phaseOptions(s) ?? []).slice().sort().join(',');
    if (options(before) !== options(after))
      return `the phase options changed from [${options(before)}] to [${options(after)}]`;
    const part = OFFER_PARTS.find((k) => !isDeepStrictEqual(before[k], after[k]));
    return part
      ? `${part} changed (before ${JSON.stringify(before[part])}, after ${JSON.stringify(after[part])})`
      : undefined;
  }
  if (isFinal(was)) return is === was ? undefined : `the phase changed from ${was} to ${is}`;
  return CLIENT_DRIVEN.has(is) && is !== was
    ? `the phase changed from ${was} to ${is}, a change only a client's update makes`
    : undefined;
}

/**
 * Requires `ex` to be a refusal (`statuses`, optionally `codes`), then reads the session at `url` back and fails
 * the check when the refused request changed it. Returns the session as read back.
 */
export async function expectRefusalUnchanged(
  ctx: CheckContext,
  url: string,
  before: Doc,
  ex: Exchange,
  refusal: { statuses: number[]; what: string; codes?: string[] },
): Promise<Doc> {
  // An offer that lapsed meanwhile may be refused for that instead (409 OFFER_EXPIRED): the broker keeping its word.
  if (
    before['phase'] === 'OFFERED' &&
    lapsed(before, ctx.now()) &&
    ex.status === 409 &&
    ctx.refusalProblem(ex, refusal.statuses, refusal.codes)
  ) {
    ctx.skip(expiredBefore(before, refusal.what));
  }
  ctx.expectRefusal(ex, refusal.statuses, refusal.what, refusal.codes);
  const after = await ctx.session(url);
  const problem = changedAfterRefusal(before, after, ctx.now());
  if (problem)
    ctx.fail(
      `${refusal.what} was refused with ${ex.status} ${toText(get(ex.value, 'code') ?? '')}, but reading the session back shows ${problem}`.replace(
        / {2,}/g,
        ' ',
      ),
    );
  return after;
}
