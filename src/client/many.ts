/**
 * A client for many brokers: one request sent to each concurrently, every offer set read and checked, the offers
 * compared, and the best one accepted (what the working group's demonstration does by hand; spec §4).
 */
import { FEDERATION_MESSAGE_KINDS } from '../model/index.js';
import { validate } from '../validate/index.js';
import { unfitOffers } from '../validate/offer-fit.js';
import { postDocument } from './negotiate.js';
import { clientFor, oneLine, readOutcome, type BrokerCallOptions } from './exchange.js';
import { displayUrl, hasUserInfo, userInfoRefusal } from './credentials.js';
import { preferWait } from './prefer-wait.js';
import type { HttpFailureKind } from './types.js';
import { compareOffers, summarizeOffer, totalCost, type OfferSummary, type RankBy } from './offers.js';
import { acceptOffer, rejectOffer, type SessionOutcome } from './sessions.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A broker to ask: its display name and base URL (the one `/requests` hangs off). */
export interface BrokerTarget {
  name: string;
  url: string;
}

/** Reads `NAME=URL` or a bare `URL` (named by its host and port); undefined reason when usable. */
export function parseBrokerArg(text: string): { ok: true; target: BrokerTarget } | { ok: false; reason: string } {
  const eq = text.indexOf('=');
  const named = eq > 0 && /^[A-Za-z0-9][\w.-]*$/.test(text.slice(0, eq));
  const raw = named ? text.slice(eq + 1) : text;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: `"${oneLine(displayUrl(raw), 200)}" is not an absolute URL` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return { ok: false, reason: `"${displayUrl(raw)}" is not an http(s) URL` };
  if (u.search !== '' || u.hash !== '')
    return { ok: false, reason: `"${displayUrl(raw)}" has a query or fragment; give the broker's base URL` };
  const url = u.href.replace(/\/+$/, '');
  return { ok: true, target: { name: named ? text.slice(0, eq) : u.host, url } };
}

/** One offer, with the broker it came from and the facts compared. */
export interface OfferRow {
  broker: string;
  /** The session URL the offer is accepted at. */
  url: string;
  /** The offer set it belongs to (siblings share it). */
  offerSet: string;
  summary: OfferSummary;
  document: Obj;
}

/** What one broker answered: its offers, or one reason (a NO, an HTTP error, an unreachable or invalid answer). */
export type BrokerAnswer =
  | { broker: string; url: string; ok: true; offerSet: string; offers: OfferRow[]; notes: string[] }
  | { broker: string; url: string; ok: false; kind: 'no' | 'unreachable' | 'refused' | 'invalid'; reason: string };

export interface OffersResult {
  /** In the order the brokers were given. */
  answers: BrokerAnswer[];
  /** Every offer of every broker, ranked by `sort` (default `cost`). */
  offers: OfferRow[];
}

export interface RequestOffersOptions extends BrokerCallOptions {
  sort?: RankBy;
}

/** The text of a message item: its `message`, else its template filled in, else its kind. */
export function messageText(m: unknown): string {
  if (!isObj(m)) return '';
  if (typeof m.message === 'string') return oneLine(m.message);
  if (typeof m.template === 'string') {
    const values = isObj(m.values) ? m.values : {};
    return oneLine(
      m.template.replace(/\$\{(\w+)\}/g, (all, k: string) => (typeof values[k] === 'string' ? values[k] : all)),
    );
  }
  return typeof m.kind === 'string' ? oneLine(m.kind) : '';
}

/** An aggregator's INFO that one of its brokers said NO (src/aggregator): shown like a broker's own NO. */
const LOWER_NO = FEDERATION_MESSAGE_KINDS.no;

function messagesOf(doc: Obj, levels: readonly string[]): string[] {
  const meta = isObj(doc.meta) ? doc.meta : {};
  const list = Array.isArray(meta.messages) ? meta.messages : [];
  return list
    .filter((m) => isObj(m) && (levels.includes(String(m.level)) || m.kind === LOWER_NO))
    .map(messageText)
    .filter((t) => t.length > 0);
}

function contentLocation(base: string, headers: Record<string, string>): string | undefined {
  const value = headers['content-location'];
  if (value === undefined) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}

/** Transport failures that come after the broker answered (so it was reached). */
const ANSWERED_BADLY: ReadonlySet<HttpFailureKind> = new Set([
  'too-large',
  'redirect-limit',
  'origin-refused',
  'bad-coding',
]);

/** Submits `request` to one broker, follows the 303 (or takes the 200) and reads the offer set. */
export async function askBroker(
  request: unknown,
  target: BrokerTarget,
  opts: BrokerCallOptions = {},
): Promise<BrokerAnswer> {
  const client = clientFor(target.url, opts);
  const base = { broker: target.name, url: target.url };
  try {
    const res = await postDocument(client, `${target.url}/requests`, request, 'request', {
      format: 'json',
      accept: 'json',
      followRedirects: true,
      // An aggregator then answers, with the brokers that made it in time, before this client gives up.
      headers: { prefer: preferWait(client.limits.timeoutMs) },
    });
    const out = readOutcome(res);
    // A broker that sent an answer too large, or redirects without end, was reached: its answer was unusable.
    if (!out.ok) {
      const answered = !res.ok && ANSWERED_BADLY.has(res.failure.kind);
      return { ...base, ok: false, kind: answered ? 'invalid' : out.kind, reason: out.reason };
    }
    // EB-HTTP-06: 303 to the offer set, or 200 with the offer set itself; anything else is not an answer to POST.
    const direct = res.ok && res.response.redirects.length === 0;
    if (direct && out.status !== 200) {
      return {
        ...base,
        ok: false,
        kind: 'invalid',
        reason: `answered ${out.status} to POST /requests instead of 303 See Other to the offer set or 200 with it`,
      };
    }
    const doc = out.value;
    const errors = validate(doc, { type: 'offerset' }).findings.filter((f) => f.level === 'error');
    // An invalid offer costs that offer (as at the aggregator, EB-FED-09); a set broken elsewhere costs the answer.
    const badOffers = new Map<number, (typeof errors)[number]>();
    const findings = errors.filter((f) => {
      const at = /^\/offers\/(\d+)(?:\/|$)/.exec(f.pointer);
      if (!at) return true;
      if (!badOffers.has(Number(at[1]))) badOffers.set(Number(at[1]), f);
      return false;
    });
    if (findings.length > 0) {
      const f = findings[0]!;
      const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : '';
      return {
        ...base,
        ok: false,
        kind: 'invalid',
        reason: `answered an invalid offer set: ${f.ruleId} at ${f.pointer || '/'}: ${oneLine(f.message, 200)}${more}`,
      };
    }
    if (doc.result !== 'YES' && doc.result !== 'NO') {
      // The schema leaves result optional, so {} or an error document validates; neither answers the request (the
      // aggregator drops such an answer alike).
      const code = typeof doc.code === 'string' ? ` (an error document, code ${oneLine(doc.code, 60)})` : '';
      return {
        ...base,
        ok: false,
        kind: 'invalid',
        reason: `answered with a document that is not an offer set: it has no result YES or NO${code}`,
      };
    }
    if (doc.result === 'NO') {
      const why = messagesOf(doc, ['WARN', 'ERROR', 'INFO']);
      return {
        ...base,
        ok: false,
        kind: 'no',
        reason: `answered NO${why.length > 0 ? `: ${joinSentences(why)}` : ' (no reason given)'}`,
      };
    }
    // A 200 came from /requests itself: the set's own URL is its meta.url, else the Content-Location it names.
    const offerSet =
      isObj(doc.meta) && typeof doc.meta.url === 'string'
        ? doc.meta.url
        : ((direct ? contentLocation(out.url, out.headers) : undefined) ?? out.url);
    const notes = messagesOf(doc, ['WARN', 'ERROR']);
    const offers: OfferRow[] = [];
    let foreign = 0;
    // Valid offers that cannot be accepted for this request: the aggregator drops them, and a --pick must not take one.
    const unfit = unfitOffers(request, doc);
    let firstUnfit: string | undefined;
    let unfitCount = 0;
    for (const [index, o] of (Array.isArray(doc.offers) ? doc.offers : []).entries()) {
      if (!isObj(o) || badOffers.has(index)) continue;
      const why = unfit.get(index);
      if (why !== undefined) {
        unfitCount++;
        firstUnfit ??= `/offers/${index}: ${oneLine(why, 300)}`;
        continue;
      }
      const summary = summarizeOffer(o);
      // An offer is accepted at its own URL with this broker's credentials: never at another origin.
      if (summary.url === undefined || !client.isAllowed(summary.url)) {
        foreign++;
        continue;
      }
      offers.push({ broker: target.name, url: summary.url, offerSet, summary, document: o });
    }
    if (foreign > 0) notes.push(`${foreign} offer(s) left out: their URL is not on the broker's origin`);
    if (firstUnfit !== undefined)
      notes.push(
        `${unfitCount} offer(s) left out: they cannot be accepted for this request (the first, ${firstUnfit})`,
      );
    const [first] = badOffers.values();
    if (first)
      notes.push(
        `${badOffers.size} invalid offer(s) left out (the first: ${first.ruleId} at ${first.pointer}: ${oneLine(first.message, 200)})`,
      );
    return { ...base, ok: true, offerSet, offers, notes };
  } finally {
    await client.close();
  }
}

/** Asks every broker concurrently; one that fails costs its own answer only. */
export async function requestOffers(
  request: unknown,
  /** Each a target, or its text as `ebkit offers --broker` reads it (`NAME=URL` or a bare URL). */
  brokers: readonly (BrokerTarget | string)[],
  opts: RequestOffersOptions = {},
): Promise<OffersResult> {
  const answers = await Promise.all(
    brokers.map((given) => {
      let b: BrokerTarget;
      if (typeof given === 'string') {
        const read = parseBrokerArg(given);
        if (!read.ok) {
          const shown = oneLine(displayUrl(given), 200);
          return Promise.resolve<BrokerAnswer>({
            broker: shown,
            url: shown,
            ok: false,
            kind: 'refused',
            reason: read.reason,
          });
        }
        b = read.target;
      } else b = given;
      return hasUserInfo(b.url)
        ? Promise.resolve<BrokerAnswer>({
            broker: b.name,
            url: displayUrl(b.url),
            ok: false,
            kind: 'refused',
            reason: userInfoRefusal(b.url),
          })
        : askBroker(request, b, opts).catch((err: unknown): BrokerAnswer => ({
            broker: b.name,
            url: b.url,
            ok: false,
            kind: 'unreachable',
            reason: `failed (${err instanceof Error ? err.name : 'error'})`,
          }));
    }),
  );
  return {
    answers,
    offers: rankOffers(
      answers.flatMap((a) => (a.ok ? a.offers : [])),
      opts.sort ?? 'cost',
    ),
  };
}

/** Offers ordered by the shared ranking policy (`compareOffers`, EB-FED-02); stable. */
export function rankOffers(offers: readonly OfferRow[], by: RankBy): OfferRow[] {
  const cmp = compareOffers(by);
  return [...offers].sort((a, b) => cmp(a.summary, b.summary));
}

/** The best offer still OFFERED by `by` (`cost`: cheapest, `start`: earliest, a metric: highest); none when no offer has the key. */
export function pickOffer(offers: readonly OfferRow[], by: RankBy): OfferRow | undefined {
  const open = offers.filter((o) => o.summary.phase === 'OFFERED' && hasKey(o.summary, by));
  return rankOffers(open, by)[0];
}

function hasKey(s: OfferSummary, by: RankBy): boolean {
  if (by === 'cost') return totalCost(s) !== undefined;
  if (by === 'start') return s.startMs !== undefined;
  if ('cost' in by) return totalCost(s, by.cost) !== undefined;
  return s.metrics.some((m) => m.type === by.metric && (m.min !== undefined || m.max !== undefined));
}

export interface AcceptBestResult {
  picked: OfferRow;
  accepted: SessionOutcome;
  /** Offers of the other brokers' offer sets rejected after the acceptance (unless `keepOthers`). */
  released: { offer: OfferRow; outcome: SessionOutcome }[];
}

/**
 * Accepts `picked` and then rejects every OFFERED offer of the other offer sets, so the brokers not chosen free
 * what they hold at once (the chosen broker withdraws its own siblings: EB-LIFE-02; an aggregator does the same for a merged set: EB-FED-05).
 */
export async function acceptPicked(
  picked: OfferRow,
  result: OffersResult,
  opts: BrokerCallOptions & { keepOthers?: boolean } = {},
): Promise<AcceptBestResult> {
  const accepted = await acceptOffer(picked.url, opts);
  if (!accepted.ok || opts.keepOthers) return { picked, accepted, released: [] };
  const others = result.offers.filter((o) => o.offerSet !== picked.offerSet && o.summary.phase === 'OFFERED');
  const released = await Promise.all(
    others.map(async (offer) => ({ offer, outcome: await rejectOffer(offer.url, opts) })),
  );
  return { picked, accepted, released };
}

/** Message texts as one line: a text that ends a sentence is followed by a space, any other by a semicolon. */
function joinSentences(texts: string[]): string {
  return texts.map((t, i) => (i === texts.length - 1 || /[.!?…]$/.test(t) ? t : `${t};`)).join(' ');
}
