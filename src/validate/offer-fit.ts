/**
 * Whether an offer can be accepted for the request it answers: valid, giving what the request fixed (compare's
 * findings that bar it), OFFERED, and not already expired when its broker made it. The aggregator drops a lower
 * broker's offer on these grounds (EB-FED-09), and the client for many brokers leaves it out alike.
 */
import type { Finding } from '../findings.js';
import { offeredByItem } from '../model/index.js';
import { isObject as isObj, type JsonRecord as Obj } from '../util/index.js';
import { compare } from './compare.js';
import { validate } from './index.js';
import { compareInstants, instantOf } from './iso8601.js';

export const firstError = (findings: Finding[]): Finding | undefined => findings.find((f) => f.level === 'error');
/**
 * The first finding of `compare` that keeps an offer from being passed on: an error, or an EB-OFF-19 finding on a
 * value (one with a `member`: another kind, image, location… than the client fixed). That is a SHOULD of a broker's
 * own offers, but such an offer answers another request, and the client would accept it for this one. A component
 * merely not repeated under its name stays a SHOULD the offer is passed on with, as before.
 */
export const firstBar = (findings: Finding[]): Finding | undefined =>
  findings.find((f) => f.level === 'error' || (f.ruleId === 'EB-OFF-19' && f.params?.['member'] !== undefined));
export const describeFinding = (f: Finding, pointer = f.pointer): string =>
  `${f.message}${pointer ? ` (at ${pointer})` : ''} [${f.ruleId}]`;

/**
 * An offer checked alone (its set was not valid as a whole): why it cannot be passed on (schema, rules, and the
 * request it answers), and what it gives beyond the request's maximum (EB-OFF-05, a SHOULD), each if anything.
 * `index` is its place in the lower offer set, so a pointer names that offer, not the one-offer set it is checked in.
 */
export function checkOffer(request: unknown, offer: unknown, index: number): { problem?: string; above?: string } {
  if (!isObj(offer)) return { problem: 'it is not a mapping' };
  const at = `/offers/${index}`;
  const v = validate(offer, { type: 'session' });
  const bad = v.valid ? undefined : firstError(v.findings);
  if (bad) return { problem: describeFinding(bad, `${at}${bad.pointer ?? ''}`) };
  const findings = compare(request, { offers: [offer] });
  const cmp = firstBar(findings);
  if (cmp) return { problem: describeFinding(cmp, cmp.pointer?.replace(/^\/offers\/0(?=\/|$)/, at)) };
  if (offer.phase !== 'OFFERED') return { problem: `it is in phase ${String(offer.phase)}, not OFFERED` };
  const above = aboveMaximum(findings).get(0);
  return above === undefined ? {} : { above };
}

/** Why a lower offer cannot be passed on, or undefined when it can (see `checkOffer`). */
export function offerProblem(request: unknown, offer: unknown, index: number): string | undefined {
  return checkOffer(request, offer, index).problem;
}

/** The findings of `compare` that an offer gives more than the request's maximum (EB-OFF-05, a SHOULD), by offer. */
export function aboveMaximum(findings: Finding[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of findings) {
    if (f.ruleId !== 'EB-OFF-05') continue;
    const at = Number(/^\/offers\/(\d+)/.exec(f.pointer)?.[1]);
    if (Number.isInteger(at) && !out.has(at)) out.set(at, f.message);
  }
  return out;
}

/**
 * Whether a lower offer set validates as a whole and answers the request (then no offer needs checking alone),
 * and which of its offers give more than the request's maximum.
 */
export function checkOfferSet(request: unknown, value: Obj): { valid: boolean; above: Map<number, string> } {
  const cmp = compare(request, value);
  return {
    valid: validate(value, { type: 'offerset' }).valid && firstBar(cmp) === undefined,
    above: aboveMaximum(cmp),
  };
}

/**
 * Why an offer had already expired when its broker made it (its `expires` not after its own `created`, or, when it
 * has none, its set's, `setCreated`), or undefined. The broker's own clock judges it, not this aggregator's, so a
 * broker whose clock is behind (or a test broker on a fixed clock) loses none. Checked alone, an offer no longer has its set's `created` to be judged by (the
 * rule behind EB-LIFE-12 needs it), so an offer set invalid only for such an offer would otherwise pass that offer on.
 * An offer a lower aggregator passed on (it carries an offered-by message) without a `created` of its own is not
 * judged by that aggregator's set: the set is on the aggregator's clock, the offer on its broker's.
 */
export function expiredOnArrival(offer: Obj, setCreated: unknown): string | undefined {
  const expires = instantOf(offer.expires);
  const ownText = isObj(offer.meta) ? offer.meta.created : undefined;
  // Compared to the last digit written, as the validator does: a Java broker's nanoseconds apart are apart.
  const madeText =
    instantOf(ownText) !== undefined ? ownText : offeredByItem(offer) !== undefined ? undefined : setCreated;
  const made = instantOf(madeText);
  if (expires === undefined || made === undefined || compareInstants(expires, made) > 0) return undefined;
  return `it had expired (expires ${String(offer.expires)}) when its broker made it (at ${String(madeText)}) [EB-LIFE-12]`;
}

/**
 * Why each offer of an offer set cannot be accepted for `request`, by its index in the set: the first finding of
 * `compare` that bars it (fewer cores than the minimum, another image than the request fixed…), a phase other than
 * OFFERED, or an expiry not after its making. Offers the schema refuses are not judged here (the caller has
 * already left them out).
 */
export function unfitOffers(request: unknown, set: Obj): Map<number, string> {
  const out = new Map<number, string>();
  const offers = Array.isArray(set.offers) ? set.offers : [];
  for (const f of compare(request, set)) {
    const at = /^\/offers\/(\d+)(?=\/|$)/.exec(f.pointer);
    if (at && !out.has(Number(at[1])) && firstBar([f])) out.set(Number(at[1]), describeFinding(f));
  }
  const setCreated = isObj(set.meta) ? set.meta.created : undefined;
  offers.forEach((offer, i) => {
    if (out.has(i) || !isObj(offer)) return;
    const why =
      offer.phase !== 'OFFERED'
        ? `it is in phase ${String(offer.phase)}, not OFFERED`
        : expiredOnArrival(offer, setCreated);
    if (why) out.set(i, why);
  });
  return out;
}
