/** The message kinds the aggregator adds to merged offer sets and proxied sessions (spec/04 §4.2). */
import { message, type MessageItem } from '../broker/messages.js';

export const FED = {
  route: 'urn:ebkit:federation:route',
  failed: 'urn:ebkit:federation:broker-failed',
  no: 'urn:ebkit:federation:broker-no',
  dropped: 'urn:ebkit:federation:offer-dropped',
  loop: 'urn:ebkit:federation:loop',
  offeredBy: 'urn:ebkit:federation:offered-by',
  stale: 'urn:ebkit:federation:stale',
} as const;

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

export const noMessage = (broker: string, reasons: string, now: number): MessageItem =>
  message(FED.no, 'INFO', 'Broker ${broker} answered NO: ${reasons}', { broker, reasons }, now);

export const droppedMessage = (broker: string, why: string, now: number): MessageItem =>
  message(FED.dropped, 'WARN', 'An offer of broker ${broker} was dropped: ${why}', { broker, why }, now);

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

export const staleMessage = (broker: string, reason: string, now: number): MessageItem =>
  message(
    FED.stale,
    'WARN',
    'Broker ${broker} did not answer (it ${reason}); this is the last state seen.',
    { broker, reason },
    now,
  );
