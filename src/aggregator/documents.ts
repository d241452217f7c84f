/** Checking what lower brokers send (EB-FED-09) and rewriting it under the aggregator's own URLs. */
import { validate } from '../validate/index.js';
import { describeFinding, firstError } from '../validate/offer-fit.js';
import type { MessageItem } from './messages.js';
import { isList } from '../util/index.js';
import { isObject as isObj, type JsonRecord as Obj } from '../util/index.js';

export { isObj };
export { aboveMaximum, checkOffer, checkOfferSet, expiredOnArrival, offerProblem } from '../validate/offer-fit.js';

export const sessionUrl = (base: string, uuid: string): string => `${base}/sessions/${uuid}`;
export const offerSetUrl = (base: string, uuid: string): string => `${base}/offersets/${uuid}`;

/** Why a lower session document cannot be shown, or undefined. */
export function sessionProblem(doc: unknown): string | undefined {
  if (!isObj(doc)) return 'it is not a mapping';
  const v = validate(doc, { type: 'session' });
  const bad = v.valid ? undefined : firstError(v.findings);
  return bad ? describeFinding(bad) : undefined;
}

/** A lower session under the aggregator's UUID and URL, naming the broker that made it. */
export function rewriteSession(doc: Obj, uuid: string, url: string, offeredBy: MessageItem): Obj {
  const meta = isObj(doc.meta) ? doc.meta : {};
  const messages = isList(meta.messages) ? meta.messages.filter((m) => !(isObj(m) && m.kind === offeredBy.kind)) : [];
  return { ...doc, meta: { ...meta, uuid, url, messages: [...messages, offeredBy] } };
}

/** The MessageItem texts of a lower NO answer, joined (or a note that it gave none). */
export function reasonsOf(value: Obj): string {
  const meta = isObj(value.meta) ? value.meta : {};
  const texts = (Array.isArray(meta.messages) ? meta.messages : []).flatMap((m) =>
    isObj(m) && typeof m.message === 'string' ? [m.message] : isObj(m) && typeof m.kind === 'string' ? [m.kind] : [],
  );
  return texts.length > 0 ? texts.join(' | ') : 'no reason given';
}
