/** The message kinds the aggregator adds to merged offer sets and proxied sessions (spec/04 §4.2). */
import { message, type MessageItem } from '../broker/messages.js';
import { FEDERATION_MESSAGE_KINDS, offeredByItem } from '../model/index.js';
import { BROKER_NAME } from './config.js';
import { isObject as isObj, type JsonRecord as Obj } from '../util/index.js';

export { offeredByItem };

export const FED = FEDERATION_MESSAGE_KINDS;

export type { MessageItem };

/** Longest piece of a lower broker's text quoted in a message. */
const QUOTE = 300;

export function quote(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= QUOTE ? one : `${one.slice(0, QUOTE)}…`;
}

export const routeMessage = (reason: string, now: number): MessageItem =>
  message(FED.route, 'INFO', '${reason}', { reason }, now);

export const failedMessage = (broker: string, reason: string, now: number): MessageItem =>
  message(FED.failed, 'WARN', 'Broker ${broker} made no offers: it ${reason}.', { broker, reason }, now);

/** A lower NO, its reasons quoted; at WARN when a reason it quotes came as a warning (not relayed again). */
export const noMessage = (
  broker: string,
  reasons: string,
  now: number,
  level: MessageItem['level'] = 'INFO',
): MessageItem => message(FED.no, level, 'Broker ${broker} answered NO: ${reasons}', { broker, reasons }, now);

export const droppedMessage = (broker: string, why: string, now: number): MessageItem =>
  message(FED.dropped, 'WARN', 'An offer of broker ${broker} was dropped: ${why}', { broker, why }, now);

/** Offers that give more than the request's maximum (EB-OFF-05): passed on, ranked last, and said so once. */
export const aboveMaximumMessage = (broker: string, count: number, example: string, now: number): MessageItem =>
  message(
    FED.aboveMaximum,
    'WARN',
    "Broker ${broker} made ${count} offer(s) above the request's maximum (${example}); they are passed on, ranked after the offers within it.",
    { broker, count, example },
    now,
  );

/** One message for the drops of a broker past the first RELAYED_PER_BROKER (a hostile broker cannot flood the set). */
export const moreDroppedMessage = (broker: string, count: number, now: number): MessageItem =>
  message(
    FED.dropped,
    'WARN',
    'Broker ${broker} had ${count} more offers dropped, not each named here.',
    { broker, count },
    now,
  );

/** Offers of one lower answer read at most; a broker sending more is cut there, and told (EB-FED-09). */
export const OFFERS_READ_PER_BROKER = 256;

export const offersCutMessage = (broker: string, sent: number, now: number): MessageItem =>
  message(
    FED.dropped,
    'WARN',
    'Broker ${broker} sent ${sent} offers; only the first ${read} were read (the rest are left to expire there).',
    { broker, sent, read: OFFERS_READ_PER_BROKER },
    now,
  );

export const loopMessage = (id: string, now: number): MessageItem =>
  message(
    FED.loop,
    'ERROR',
    'The request has already passed through aggregator ${id} (its Via header names it); forwarding it again would loop.',
    { id },
    now,
  );

export const offeredByMessage = (broker: string, now: number): MessageItem =>
  message(FED.offeredBy, 'INFO', 'Offered by broker ${broker}.', { broker }, now);

/** An offer a lower aggregator passed on: `from` is the broker that made it, as that aggregator names it. */
export const offeredFromMessage = (broker: string, from: string, now: number): MessageItem =>
  message(FED.offeredBy, 'INFO', 'Offered by broker ${broker}, from its broker ${from}.', { broker, from }, now);

/**
 * The offered-by message for an offer from `broker`, keeping the broker that made it when `lower` (the lower
 * document) says another aggregator passed it on: nested aggregators still name where an offer comes from.
 */
export function offeredByFor(broker: string, lower: unknown, now: number): MessageItem | undefined {
  const by = offeredByItem(lower);
  const values = by && isObj(by.values) ? by.values : {};
  const from = typeof values.from === 'string' ? values.from : values.broker;
  return typeof from === 'string' && BROKER_NAME.test(from) ? offeredFromMessage(broker, from, now) : undefined;
}

/** Most messages of one lower offer set relayed into the merged set (a hostile broker cannot flood it). */
export const RELAYED_PER_BROKER = 16;

const LEVELS: ReadonlySet<unknown> = new Set(['DEBUG', 'INFO', 'WARN', 'ERROR', 'OTHER']);
/** A lower kind named in `values.kind` as it came: a URI without spaces of a sane length (else `unknown`). */
const SAFE_KIND = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\]{1,200}$/;

/**
 * The messages of a lower offer set, each relayed as a `relayed` message naming the broker it came from (a nested
 * aggregator's failures, loops and routing stay visible at the top, EB-FED-06), its level kept and its own kind in
 * `values.kind` when well-formed: relayed under the relay's own kind, a lower broker's text cannot pass for what
 * this aggregator found (its broker-failed, broker-no or loop).
 */
export function relayedMessages(broker: string, lower: unknown, now: number): MessageItem[] {
  const meta = isObj(lower) && isObj(lower.meta) ? lower.meta : undefined;
  const items = Array.isArray(meta?.messages) ? meta.messages.filter(isObj) : [];
  // Past the cap, errors and warnings are kept before the rest (EB-FED-06: nothing below is silently left out, and
  // least of all a failure); those kept keep the broker's order.
  const rank = (m: Obj): number => (m.level === 'ERROR' ? 0 : m.level === 'WARN' ? 1 : 2);
  const kept = new Set(
    items
      .map((m, i) => ({ m, i }))
      .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
      .slice(0, RELAYED_PER_BROKER)
      .map((x) => x.m),
  );
  const out: MessageItem[] = [];
  for (const m of items.filter((x) => kept.has(x))) {
    const text = [m.message, m.template, m.kind].find((t): t is string => typeof t === 'string' && t.trim() !== '');
    if (text === undefined) continue;
    const kind = typeof m.kind === 'string' && SAFE_KIND.test(m.kind) ? m.kind : 'unknown';
    const level = LEVELS.has(m.level) ? (m.level as MessageItem['level']) : 'INFO';
    out.push(
      message(FED.relayed, level, 'Broker ${broker} reports: ${text}', { broker, kind, text: quote(text) }, now),
    );
  }
  if (items.length > RELAYED_PER_BROKER)
    out.push(
      message(
        FED.relayed,
        'INFO',
        'Broker ${broker} sent ${count} more messages, not relayed.',
        { broker, kind: FED.relayed, count: items.length - RELAYED_PER_BROKER },
        now,
      ),
    );
  return out;
}

export const staleMessage = (broker: string, reason: string, now: number): MessageItem =>
  message(
    FED.stale,
    'WARN',
    'Broker ${broker} gave no usable answer (it ${reason}); this is the last state seen.',
    { broker, reason },
    now,
  );

export const heldMessage = (holder: string, now: number): MessageItem =>
  message(
    FED.held,
    'WARN',
    'The acceptance of offer ${holder} of this set is not settled yet, so this offer cannot be accepted until it is.',
    { holder },
    now,
  );

/** The offer holding its set's claim, its acceptance unsettled (POST /direct chose it: the client never saw it). */
export const heldHereMessage = (holder: string, url: string, now: number): MessageItem =>
  message(
    FED.held,
    'WARN',
    'The acceptance of offer ${holder} is not settled yet, and its set stays reserved for it: accept it again at ${url} to settle it, or reject it there to free the set.',
    { holder, url },
    now,
  );

export const lostMessage = (broker: string, status: number, phase: string, now: number): MessageItem =>
  message(
    FED.lost,
    'ERROR',
    'Broker ${broker} no longer has this session (it answered HTTP ${status}), so it is shown as ${phase}.',
    { broker, status, phase },
    now,
  );
