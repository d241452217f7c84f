/**
 * The aggregator without HTTP: fans a request out to the routed lower brokers, merges their offers under its own
 * session URLs (persisted), forwards reads and updates to the broker that owns each session, and keeps at most one
 * offer of a merged set ACCEPTED by claiming the set in SQLite before forwarding an acceptance.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../broker/clock.js';
import { formatInstant } from '../broker/time.js';
import { newUuid } from '../broker/uuid.js';
import { KINDS, isFinalPhase, isUnacceptedPhase } from '../model/index.js';
import { compareOffers, summarizeOffer, type OfferSummary } from '../client/offers.js';
import type { AggregatorConfig, Credentials } from './config.js';
import type { CapabilityCache } from './capabilities.js';
import type { Redactor } from './redact.js';
import type { AggregatorStoreApi, MergedSetRow, ProxiedRow } from './store.js';
import type { Exchange, Upstream } from './upstream.js';
import { route } from './routing.js';
import { instantMs } from '../validate/iso8601.js';
import {
  isObj,
  checkOffer,
  expiredOnArrival,
  offerSetUrl,
  reasonsOf,
  rewriteSession,
  sessionProblem,
  sessionUrl,
  checkOfferSet,
} from './documents.js';
import { isList } from '../util/index.js';
import { originOf } from '../client/index.js';
import { lowerBudgetMs } from '../client/prefer-wait.js';
import {
  aboveMaximumMessage,
  droppedMessage,
  moreDroppedMessage,
  offersCutMessage,
  OFFERS_READ_PER_BROKER,
  RELAYED_PER_BROKER,
  failedMessage,
  loopMessage,
  noMessage,
  offeredByFor,
  offeredByItem,
  offeredByMessage,
  relayedMessages,
  quote,
  routeMessage,
  staleMessage,
  heldMessage,
  heldHereMessage,
  lostMessage,
  FED,
  type MessageItem,
} from './messages.js';
import { type JsonRecord as Obj } from '../util/index.js';

/** Who is asking: the owner key (hash of the bearer token, or null) and the credentials for each lower broker. */
export interface Caller {
  owner: string | null;
  credentials: (broker: string) => Credentials | undefined;
  /** The incoming Via header, if any. */
  via?: string;
  /** How soon the caller would like an answer (its Prefer: wait), in milliseconds. */
  waitMs?: number;
}

/** An open offer as shown while a sibling's acceptance is unsettled: ACCEPTED left out of its options, and why. */
function held(doc: Obj, holder: string, now: number): Obj {
  const closed = withoutAcceptance(doc);
  const meta = closed.meta as Obj;
  const messages = isList(meta.messages) ? meta.messages : [];
  return { ...closed, meta: { ...meta, messages: [...messages, heldMessage(holder, now)] } };
}

/** The document with its phase options narrowed to the values `keep` holds (other options as they are). */
function withPhaseValues(doc: Obj, keep: (value: unknown) => boolean): Obj {
  const meta = isObj(doc.meta) ? doc.meta : {};
  if (!isList(meta.options)) return { ...doc, meta };
  const options = meta.options.map((o) =>
    isObj(o) && (o.path === 'phase' || o.path === '/phase') && isList(o.values)
      ? { ...o, values: o.values.filter(keep) }
      : o,
  );
  return { ...doc, meta: { ...meta, options } };
}

/** The document with ACCEPTED left out of its phase options (it cannot be accepted: another offer of its set is). */
const withoutAcceptance = (doc: Obj): Obj => withPhaseValues(doc, (v) => v !== 'ACCEPTED');

/** A UUID in a lower broker's session URL (the last one is the session's). */
const UUID_IN_URL = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A merged offer set as stored, its offers and its messages (already redacted, so rendering need not re-read them). */
export interface Submitted {
  set: MergedSetRow;
  offers: Obj[];
  messages: MessageItem[];
}

/** An offer kept from a lower answer, with the summary it was ranked by. */
interface Kept {
  upstream: Upstream;
  doc: Obj;
  s: OfferSummary;
  /** It gives more than the request's maximum (EB-OFF-05): ranked after the offers that keep within it. */
  over: boolean;
}

/** Offers within the request first, then by cost (ties keep their order: the sort is stable). */
const byFitThenCost = (a: Kept, b: Kept): number => Number(a.over) - Number(b.over) || byCost(a.s, b.s);

const byCost = compareOffers('cost');

/** `held`: an acceptance that did not settle, its set's claim kept for the offer (accepting it again settles it). */
export type UpdateResult =
  { ok: true; doc: Obj } | { ok: false; status: number; code: string; message: string; held?: true };

/**
 * What POST /direct answers: `accepted` (303 to the session), `failed` (400 with a stored FAILED session), or `held`:
 * the chosen offer's acceptance did not settle, so it is answered as POST /sessions answers that (503 and its
 * message), naming the session that holds the set and its URL (the client never saw it) in a WARN held message.
 */
export type DirectResult =
  | { outcome: 'accepted' | 'failed'; uuid: string; doc: Obj }
  | { outcome: 'held'; uuid: string; status: number; code: string; message: string; messages: MessageItem[] };

/** A kind this aggregator lists in its own capabilities: a URI of printable ASCII, of a sane length. */
const KIND_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[\x21-\x7e]{1,500}$/;
const MAX_PUBLISHED_KINDS = 64;

/** What an acceptance's budget keeps for reading its outcome: a fifth, at most a second (the read is quick). */
const READ_SHARE = 0.2;
const READ_ALLOWANCE_MAX_MS = 1_000;

/** The least time left worth a read after an acceptance that got no usable answer (less, and it is unsettled). */
const MIN_READ_MS = 100;

/** The kinds of the messages an aggregator makes itself (a lower aggregator's findings, one hop up). */
const FEDERATION_KINDS: ReadonlySet<unknown> = new Set(Object.values(FED));

/** Most aggregators a request may have passed before this one (a second guard against loops). */
const MAX_HOPS = 16;

export class AggregatorService {
  readonly id: string;
  /** Acceptances on their way to a lower broker, by proxied session. */
  private readonly acceptances = new Map<string, Promise<UpdateResult>>();

  constructor(
    readonly deps: {
      store: AggregatorStoreApi;
      upstreams: Upstream[];
      config: AggregatorConfig;
      caps: CapabilityCache;
      clock: Clock;
      redactor: Redactor;
    },
  ) {
    this.id = deps.config.id ?? deps.store.identity();
  }

  /** Fetches every lower broker's capabilities (routing by kind uses them once they have arrived). */
  async warmCapabilities(): Promise<void> {
    await Promise.all(this.deps.upstreams.map((u) => this.deps.caps.kinds(u)));
  }

  /**
   * The executable kinds this aggregator can serve, for its own /capabilities (so an aggregator above routes by
   * them): every lower broker's, once each is known; undefined while any is unknown (then any kind may be served).
   */
  executableKinds(): string[] | undefined {
    const all = new Set<string>();
    for (const u of this.deps.upstreams) {
      const kinds = this.deps.caps.peek(u);
      if (kinds === 'unknown') return undefined;
      // Read from lower brokers' documents: only URI-shaped kinds, and a bounded number of them, are published.
      for (const k of kinds) if (KIND_URI.test(k) && all.size < MAX_PUBLISHED_KINDS) all.add(k);
    }
    return all.size > 0 ? [...all].sort() : undefined;
  }

  /**
   * The lower brokers away, when every one of them did not answer its last exchange (this aggregator can offer
   * nothing then); undefined while any answers.
   */
  allAway(): string[] | undefined {
    const away = this.deps.upstreams.filter((u) => !u.reachable).map((u) => u.name);
    return away.length > 0 && away.length === this.deps.upstreams.length ? away : undefined;
  }

  /** True when a merged session of this uuid exists, whoever owns it. */
  hasSession(uuid: string): boolean {
    return this.deps.store.getSession(uuid) !== undefined;
  }

  private upstream(name: string | null): Upstream | undefined {
    return name === null ? undefined : this.deps.upstreams.find((u) => u.name === name);
  }

  /** POST /requests (EB-FED-01, -02, -06, -07, -08, -09, -13). */
  async submit(request: Obj, caller: Caller, base: string): Promise<Submitted> {
    const { clock, store } = this.deps;
    const now = clock.now();
    const messages: MessageItem[] = [];
    const hops = viaEntries(caller.via);
    const kept: Kept[] = [];
    if (hops.includes(this.id) || hops.length >= MAX_HOPS) {
      messages.push(loopMessage(hops.includes(this.id) ? this.id : `after ${hops.length} hops`, now));
    } else {
      const r = route(request, this.deps.upstreams, this.deps.caps);
      messages.push(routeMessage(r.reason, now));
      const via = [caller.via, `1.1 ${this.id}`].filter(Boolean).join(', ');
      const budgetMs = caller.waitMs === undefined ? undefined : lowerBudgetMs(caller.waitMs, Infinity, hops.length);
      const answers = await Promise.all(
        r.targets.map(async (u) => ({ u, ex: await u.submit(request, via, caller.credentials(u.name), budgetMs) })),
      );
      for (const { u, ex } of answers) kept.push(...this.offersOf(u, ex, request, messages, caller, now));
    }
    // Each broker's best are already in order; merging several needs one more sort (stable: ties keep broker order).
    if (this.deps.upstreams.length > 1) kept.sort(byFitThenCost);
    const setUuid = newUuid(now);
    const rows: ProxiedRow[] = [];
    const offeredBy = new Map<string, MessageItem>();
    const offers = kept.map(({ upstream, doc }, idx) => {
      const uuid = newUuid(now);
      let by = offeredByFor(upstream.name, doc, now) ?? offeredBy.get(upstream.name);
      if (!by) offeredBy.set(upstream.name, (by = offeredByMessage(upstream.name, now)));
      const out = this.deps.redactor.value(rewriteSession(doc, uuid, sessionUrl(base, uuid), by));
      const remote = String((doc.meta as Obj).url);
      rows.push({
        uuid,
        offerset: setUuid,
        idx,
        owner: caller.owner,
        broker: upstream.name,
        remote,
        doc: JSON.stringify(out),
        created: now,
      });
      return out;
    });
    const shown = this.deps.redactor.value(messages);
    const set: MergedSetRow = {
      uuid: setUuid,
      owner: caller.owner,
      created: now,
      result: offers.length > 0 ? 'YES' : 'NO',
      messages: JSON.stringify(shown),
      accepted: null,
    };
    store.insertSet(set, rows);
    return { set, offers, messages: shown };
  }

  /** The usable offers of one lower answer, best N first; every problem becomes one message naming the broker. */
  private offersOf(
    u: Upstream,
    ex: Exchange,
    request: Obj,
    messages: MessageItem[],
    caller: Caller,
    now: number,
  ): Kept[] {
    if (!ex.ok) {
      messages.push(failedMessage(u.name, ex.reason, now));
      return [];
    }
    const value = ex.value;
    if (ex.status !== 200 && ex.status !== 303 && ex.status !== 201) {
      const code = isObj(value) && typeof value.code === 'string' ? ` ${quote(value.code)}` : '';
      messages.push(failedMessage(u.name, `answered HTTP ${ex.status}${code}`, now));
      return [];
    }
    if (!isObj(value) || (value.result !== 'YES' && value.result !== 'NO')) {
      messages.push(failedMessage(u.name, 'answered with a document that is not an offer set', now));
      return [];
    }
    if (value.result === 'NO') {
      const reasons = quote(reasonsOf(value));
      // Its failures keep their kind and level one hop up (a loop below stays an ERROR, not an INFO "NO"), with the
      // count of those not relayed, so none is left out silently (EB-FED-06). A warning the NO already quotes is
      // not said twice: the NO takes its level instead. A lower aggregator's own finding (a broker below it failed)
      // is relayed all the same, so its kind stays readable one hop up.
      const relayed = relayedMessages(u.name, value, now).filter(
        (m) => m.level === 'ERROR' || m.level === 'WARN' || m.values?.kind === FED.relayed,
      );
      const quoted = (m: MessageItem): boolean =>
        m.level === 'WARN' && !FEDERATION_KINDS.has(m.values?.kind) && reasons.includes(String(m.values?.text));
      const level = relayed.some(quoted) ? 'WARN' : 'INFO';
      messages.push(noMessage(u.name, reasons, now, level), ...relayed.filter((m) => !quoted(m)));
      return [];
    }
    messages.push(...relayedMessages(u.name, value, now));
    const sent = Array.isArray(value.offers) ? value.offers : [];
    const all = sent.slice(0, OFFERS_READ_PER_BROKER);
    if (sent.length > all.length) messages.push(offersCutMessage(u.name, sent.length, now));
    const checked = all.length === sent.length ? checkOfferSet(request, value) : undefined;
    const whole = checked?.valid === true;
    const above = new Map<Obj, string>();
    let dropped = 0;
    const drop = (why: string): void => {
      if (++dropped <= RELAYED_PER_BROKER) messages.push(droppedMessage(u.name, why, now));
    };
    const usable: Obj[] = [];
    // Where each lower session (by its URL's path: one broker's aliases name it alike) was first seen.
    const seen = new Map<string, number>();
    for (const [index, offer] of all.entries()) {
      const url = isObj(offer) && isObj(offer.meta) ? offer.meta.url : undefined;
      const owned = typeof url === 'string' && u.owns(url);
      const path = owned ? pathOf(url) : undefined;
      const first = path === undefined ? undefined : seen.get(path);
      // A repeat is the same lower session: passing it on twice would make two offers of one, and rejecting it
      // would reject the one kept.
      if (first !== undefined) {
        drop(`it repeats the offer at /offers/${first}`);
        continue;
      }
      if (path !== undefined) seen.set(path, index);
      const alone =
        whole || !isObj(offer) || typeof url !== 'string' || !owned ? undefined : checkOffer(request, offer, index);
      const problem = !isObj(offer)
        ? 'it is not a mapping'
        : typeof url !== 'string'
          ? 'it has no meta.url'
          : !owned
            ? foreignUrl(url, u)
            : ((whole
                ? offer.phase === 'OFFERED'
                  ? undefined
                  : `it is in phase ${String(offer.phase)}, not OFFERED`
                : alone?.problem) ?? expiredOnArrival(offer, isObj(value.meta) ? value.meta.created : undefined));
      if (problem) {
        drop(quote(problem));
        this.release(u, offer, caller);
        continue;
      }
      const usableOffer = offer as Obj;
      usable.push(usableOffer);
      const over = whole ? checked.above.get(index) : alone?.above;
      if (over !== undefined) above.set(usableOffer, over);
    }
    const [firstOver] = above.values();
    if (firstOver !== undefined) messages.push(aboveMaximumMessage(u.name, above.size, quote(firstOver), now));
    if (dropped > RELAYED_PER_BROKER) messages.push(moreDroppedMessage(u.name, dropped - RELAYED_PER_BROKER, now));
    if (usable.length === 0) {
      messages.push(
        failedMessage(u.name, all.length > 0 ? 'sent no usable offer' : 'answered YES without offers', now),
      );
      return [];
    }
    const ranked = usable
      .map((doc) => ({ upstream: u, doc, s: summarizeOffer(doc), over: above.has(doc) }))
      .sort(byFitThenCost);
    // Offers beyond the best N are rejected at once, so their reservations do not linger below (EB-FED-02).
    for (const extra of ranked.slice(this.deps.config.best)) this.release(u, extra.doc, caller);
    return ranked.slice(0, this.deps.config.best);
  }

  /** Rejects an offer at its broker, in the background (best effort: it expires anyway). */
  private release(u: Upstream, offer: unknown, caller: Caller): void {
    const url = isObj(offer) && isObj(offer.meta) ? offer.meta.url : undefined;
    if (typeof url === 'string' && u.owns(url)) void u.update(url, phaseUpdate('REJECTED'), caller.credentials(u.name));
  }

  offerSetRow(uuid: string, owner: string | null): MergedSetRow | undefined {
    const set = this.deps.store.getSet(uuid);
    return set && set.owner === owner ? set : undefined;
  }

  /** GET /offersets/{uuid}: every offer read afresh from its broker, each under its URL on `base`. */
  async offerSet(uuid: string, caller: Caller, base: string): Promise<Obj | undefined> {
    const set = this.offerSetRow(uuid, caller.owner);
    if (!set) return undefined;
    const offers = await Promise.all(
      this.deps.store.sessionsOf(uuid).map(async (row) => this.rebased(await this.read(row, caller), row.uuid, base)),
    );
    return renderSet(set, offers, base);
  }

  sessionRow(uuid: string, owner: string | null): ProxiedRow | undefined {
    const row = this.deps.store.getSession(uuid);
    return row && row.owner === owner ? row : undefined;
  }

  /** GET /sessions/{uuid}: the lower broker's current document (EB-FED-10), under its URL on `base`. */
  async session(uuid: string, caller: Caller, base: string): Promise<Obj | undefined> {
    const row = this.sessionRow(uuid, caller.owner);
    return row ? this.rebased(await this.read(row, caller), row.uuid, base) : undefined;
  }

  /**
   * A session document as served: its `meta.url` built from the base it is served under (the request's, or the
   * public URL). The store keeps each document with the URL it was first given, and a restart on the same file
   * under another port or public URL must not hand out the old address (EB-HTTP-17); the stored URL is never
   * served. The URL is the aggregator's only one in a session document (its messages name sessions by uuid).
   */
  private rebased(doc: Obj, uuid: string, base: string): Obj {
    const meta = isObj(doc.meta) ? doc.meta : {};
    return { ...doc, meta: { ...meta, url: this.deps.redactor.text(sessionUrl(base, uuid)) } };
  }

  private async read(row: ProxiedRow, caller: Caller): Promise<Obj> {
    const stored = JSON.parse(row.doc) as Obj;
    const u = this.upstream(row.broker);
    if (!u || row.remote === null)
      return row.broker === null
        ? stored
        : this.stale(stored, row.broker, 'is no longer configured', { unconfigured: true });
    if (isLost(stored)) return stored;
    const creds = caller.credentials(u.name);
    let ex = await u.get(row.remote, creds);
    let doc = this.usable(ex);
    const set = row.offerset === null ? undefined : this.deps.store.getSet(row.offerset);
    // A sibling whose rejection did not get through (its broker was away) is rejected when next read, once the
    // set's acceptance is known to have happened (a claim pending an unsettled acceptance rejects nothing).
    if (doc && doc.phase === 'OFFERED' && set?.accepted && set.accepted !== row.uuid && this.claimConfirmed(set)) {
      ex = await u.update(row.remote, phaseUpdate('REJECTED'), creds);
      doc = this.usable(ex) ?? doc;
    }
    // The claim holder seen accepted after an unsettled acceptance: settled now, so its siblings go.
    if (doc && set?.accepted === row.uuid && !isUnacceptedPhase(doc.phase) && isUnacceptedPhase(stored.phase)) {
      const out = this.remember(row, doc, u.name);
      await this.rejectSiblings(set.uuid, row.uuid, caller);
      return out;
    }
    if (!doc && ex.ok && (ex.status === 404 || ex.status === 410)) return this.lost(row, stored, u.name, ex.status);
    if (!doc) {
      const shown = this.stale(
        stored,
        u.name,
        ex.ok
          ? `answered HTTP ${ex.status} with no usable session${ex.status === 200 ? problemOf(ex.value) : ''}`
          : ex.reason,
        { claim: set?.accepted === row.uuid },
      );
      // A sibling of the offer holding the set's claim cannot be accepted, whatever its broker last said (EB-FED-05).
      if (shown.phase !== 'OFFERED' || !set?.accepted || set.accepted === row.uuid) return shown;
      return this.claimConfirmed(set) ? withoutAcceptance(shown) : held(shown, set.accepted, this.deps.clock.now());
    }
    const out = this.remember(row, doc, u.name);
    // While another offer's acceptance is unsettled, this one cannot be accepted (EB-FED-05): it must not say it can;
    // once it is settled this one is withdrawn, even if its broker did not take the rejection.
    if (out.phase === 'OFFERED' && set?.accepted && set.accepted !== row.uuid)
      return this.claimConfirmed(set) ? withoutAcceptance(out) : held(out, set.accepted, this.deps.clock.now());
    return out;
  }

  /**
   * A session its lower broker says it does not have (404, 410: a broker restarted without its store, or one that
   * purges old sessions). Its run cannot go on, so it is shown, and kept, in the final phase it has in effect: an
   * offer can no longer be accepted (EXPIRED), an accepted session will not complete (FAILED); a client watching it
   * stops instead of polling forever. A session already final keeps its phase.
   */
  private lost(row: ProxiedRow, stored: Obj, broker: string, status: number): Obj {
    const phase = stored.phase;
    if (isFinalPhase(phase)) return this.stale(stored, broker, `answered HTTP ${status}: it no longer has the session`);
    const now = this.deps.clock.now();
    const meta = isObj(stored.meta) ? stored.meta : {};
    const { options: _closed, ...rest } = meta;
    const shown = phase === 'OFFERED' || phase === 'INITIAL' ? 'EXPIRED' : 'FAILED';
    const messages = isList(meta.messages) ? meta.messages : [];
    // Only an OFFERED session carries expires (EB-SCH-06).
    const { expires: _none, ...kept } = stored;
    const out: Obj = {
      ...kept,
      phase: shown,
      meta: { ...rest, modified: formatInstant(now), messages: [...messages, lostMessage(broker, status, shown, now)] },
    };
    // Stored, so the final phase shown stays final (a later answer from the broker cannot take it back).
    this.deps.store.putDoc(row.uuid, JSON.stringify(out));
    if (row.offerset !== null && shown === 'EXPIRED' && this.deps.store.getSet(row.offerset)?.accepted === row.uuid)
      this.deps.store.release(row.offerset, row.uuid);
    return out;
  }

  /** An update to a session its broker no longer has: the session is lost (final), so the update is a 409. */
  private gone(row: ProxiedRow, broker: string, status: number): UpdateResult {
    const shown = this.lost(row, JSON.parse(row.doc) as Obj, broker, status);
    return finalRefusal(row.uuid, shown.phase, broker, status);
  }

  private usable(ex: Exchange): Obj | undefined {
    return ex.ok && ex.status === 200 && isObj(ex.value) && sessionProblem(ex.value) === undefined
      ? ex.value
      : undefined;
  }

  private remember(row: ProxiedRow, lower: Obj, broker: string): Obj {
    const stored = JSON.parse(row.doc) as Obj;
    const url = String((stored.meta as { url: string }).url);
    // The offered-by message keeps the time the offer was first passed on: a read changes what the broker changed,
    // not that message's time, so an unchanged session is not written again at every poll.
    const since = instantMs(offeredByItem(stored)?.time) ?? this.deps.clock.now();
    const out = this.deps.redactor.value(
      rewriteSession(lower, row.uuid, url, offeredByFor(broker, lower, since) ?? offeredByMessage(broker, since)),
    );
    const text = JSON.stringify(out);
    if (text !== row.doc) this.deps.store.putDoc(row.uuid, text);
    return out;
  }

  /**
   * The last state seen of a session its broker does not show now. `opts.claim`: it holds its set's acceptance
   * claim, the acceptance unsettled; `opts.unconfigured`: its broker is no longer configured, so no update reaches it.
   */
  private stale(
    stored: Obj,
    broker: string,
    reason: string,
    opts: { claim?: boolean; unconfigured?: boolean } = {},
  ): Obj {
    const now = this.deps.clock.now();
    const meta = isObj(stored.meta) ? stored.meta : {};
    const messages = isList(meta.messages) ? meta.messages : [];
    const withStale = [...messages, staleMessage(broker, quote(reason), now)];
    // The last state seen of an offer whose own expiry has passed is not open, whoever can be asked (EB-LIFE-01):
    // shown EXPIRED, with no options, so no client is invited to accept what no broker still holds. Not so for the
    // offer whose acceptance is unsettled: it may be running below (EB-FED-10: the phase is the broker's), so it
    // keeps the phase last seen and only the acceptance that settles it is offered.
    const expires = typeof stored.expires === 'string' ? Date.parse(stored.expires) : NaN;
    const { options, ...rest } = meta;
    if (stored.phase === 'OFFERED' && expires <= now && !opts.claim) {
      // Only an OFFERED session carries expires (EB-SCH-06).
      const { expires: _gone, ...doc } = stored;
      return { ...doc, phase: 'EXPIRED', meta: { ...rest, messages: withStale } };
    }
    if (opts.unconfigured) return { ...stored, meta: { ...rest, messages: withStale } };
    const shown = { ...stored, meta: { ...meta, messages: withStale } };
    return opts.claim && stored.phase === 'OFFERED' && isList(options)
      ? withPhaseValues(shown, (v) => v === 'ACCEPTED')
      : shown;
  }

  /** POST /sessions/{uuid} (EB-FED-04, -05): an acceptance claims the merged set first; the answer is on `base`. */
  async update(uuid: string, update: Obj, caller: Caller, base: string): Promise<UpdateResult> {
    const out = await this.updateStored(uuid, update, caller);
    return out.ok ? { ok: true, doc: this.rebased(out.doc, uuid, base) } : out;
  }

  /** An update, answered with the session as stored (under the URL it was first given). */
  private async updateStored(uuid: string, update: Obj, caller: Caller): Promise<UpdateResult> {
    const row = this.sessionRow(uuid, caller.owner);
    if (!row) return { ok: false, status: 404, code: 'UNKNOWN_SESSION', message: `No session ${uuid}.` };
    const u = this.upstream(row.broker);
    if (!u || row.remote === null) {
      return {
        ok: false,
        status: 409,
        code: 'UPDATE_NOT_OFFERED',
        message: `The session ${uuid} offers no updates${row.broker ? ` (its broker ${row.broker} is no longer configured)` : ''}.`,
      };
    }
    const stored = JSON.parse(row.doc) as Obj;
    if (isLost(stored)) return finalRefusal(uuid, stored.phase, u.name);
    if (update.value !== 'ACCEPTED' || row.offerset === null) return this.forward(row, u, update, caller);
    // A second acceptance of an offer while one is on its way waits for that one instead of racing it (two in flight
    // could each take the other's 409 for a refusal and free a claim the other's acceptance holds). If that one
    // accepted the offer, this one is an acceptance of an accepted session: 409 (EB-LIFE-10), as the broker's own.
    const pending = this.acceptances.get(uuid);
    if (pending) {
      const first = await pending;
      return first.ok ? alreadyAccepted(uuid, first.doc.phase) : first;
    }
    const run = this.accept(row, u, row.offerset, update, caller).finally(() => this.acceptances.delete(uuid));
    this.acceptances.set(uuid, run);
    return run;
  }

  /** Any update but an acceptance: forwarded, and the lower broker's answer relayed. */
  private async forward(row: ProxiedRow, u: Upstream, update: Obj, caller: Caller): Promise<UpdateResult> {
    const { store } = this.deps;
    const ex = await u.update(
      row.remote!,
      update,
      caller.credentials(u.name),
      lowerBudgetMs(caller.waitMs, u.timeoutMs),
    );
    const doc = this.usable(ex);
    if (!doc && isGone(ex)) return this.gone(row, u.name, ex.status);
    if (!doc) return this.refusal(u.name, ex, row);
    const out = this.remember(row, doc, u.name);
    // Rejecting the offer that holds the set's claim (after an unsettled acceptance) frees the set.
    if (row.offerset !== null && isUnacceptedPhase(doc.phase) && store.getSet(row.offerset)?.accepted === row.uuid)
      store.release(row.offerset, row.uuid);
    return { ok: true, doc: out };
  }

  /**
   * An acceptance. The claim on the set is taken first and goes back only when the lower broker shows the
   * acceptance did not happen. Whatever it answers, what it shows of the session decides: its answer, else a fresh
   * read (a refusal may come from an earlier acceptance of this offer that worked; an answer that says nothing may
   * follow one that worked all the same). After no answer at all (a timeout, a cut connection) the acceptance may
   * still be on its way, and only a final phase settles it; unsettled, the claim stays (EB-FED-05: at most one
   * accepted) and accepting this same offer again settles it.
   */
  private async accept(row: ProxiedRow, u: Upstream, set: string, update: Obj, caller: Caller): Promise<UpdateResult> {
    const { store } = this.deps;
    const uuid = row.uuid;
    const heldBefore = store.getSet(set)?.accepted === uuid;
    if (!store.claim(set, uuid)) {
      const claimed = store.getSet(set);
      if (claimed && !this.claimConfirmed(claimed))
        return {
          ok: false,
          status: 409,
          code: 'UPDATE_NOT_OFFERED',
          message: `Another offer of this set (${String(claimed.accepted)}) is being accepted and its broker has not yet shown whether it was; this offer cannot be accepted until that is settled (accepting that offer again settles it).`,
        };
      return {
        ok: false,
        status: 409,
        code: 'OFFER_WITHDRAWN',
        message: `The offer ${uuid} was withdrawn because another offer of its set was accepted.`,
      };
    }
    const creds = caller.credentials(u.name);
    // The acceptance and the read that may follow it share one budget (EB-FED-15): a broker that stalls on both
    // must not hold the client for twice the upstream timeout, nor past the wait the client asked for.
    // A little of it is kept for that read: an acceptance that took effect but whose answer was lost is then
    // settled in this one call. The siblings' rejections get what is left, the rest go on in the background.
    const budgetMs = lowerBudgetMs(caller.waitMs, u.timeoutMs);
    const started = performance.now();
    const readMs = Math.min(budgetMs * READ_SHARE, READ_ALLOWANCE_MAX_MS);
    const ex = await u.update(row.remote!, update, creds, budgetMs - readMs);
    const answered = this.usable(ex);
    const refused = ex.ok ? ex.status >= 400 && ex.status < 500 : ex.unsent === true;
    const leftMs = budgetMs - (performance.now() - started);
    const doc = answered ?? (leftMs >= MIN_READ_MS ? this.usable(await u.get(row.remote!, creds, leftMs)) : undefined);
    if (!doc) {
      if (isGone(ex)) {
        store.release(set, uuid);
        return this.gone(row, u.name, ex.status);
      }
      if (!(refused && !heldBefore)) return this.unsettled(u.name, ex);
      store.release(set, uuid);
      return this.refusal(u.name, ex, row);
    }
    const out = this.remember(row, doc, u.name);
    if (isUnacceptedPhase(doc.phase)) {
      // Only an acceptance that got no answer at all may still be under way: one the broker answered, however
      // badly (a 500, a body that does not parse), was done with when it answered, and the read shows its outcome.
      const noAnswer = !ex.ok && ex.status === undefined && ex.unsent !== true;
      if (noAnswer && !isFinalPhase(doc.phase)) return this.unsettled(u.name, ex);
      store.release(set, uuid);
      // A 200 that leaves the offer open accepted nothing: passing it on would tell the client it has a session.
      if (answered && !isFinalPhase(doc.phase))
        return {
          ok: false,
          status: 502,
          code: 'BAD_GATEWAY',
          message: `The broker ${u.name} answered the acceptance with HTTP 200 but left the session ${String(doc.phase)}, so it was not accepted; accept it again or another offer.`,
        };
      if (refused || !isFinalPhase(doc.phase)) return this.refusal(u.name, ex, row);
      return {
        ok: false,
        status: 409,
        code: doc.phase === 'EXPIRED' ? 'OFFER_EXPIRED' : 'UPDATE_NOT_OFFERED',
        message: `The offer ${uuid} is ${String(doc.phase)} at broker ${u.name}; it can no longer be accepted.`,
      };
    }
    // Accepted below, by this attempt or an earlier one: the siblings go (again, if an earlier attempt got that far).
    // Waited for within what is left of the budget; one still on its way then goes on, and a sibling whose rejection
    // does not get through is rejected when next read (read(): the claim is confirmed).
    const rejections = this.rejectSiblings(set, uuid, caller);
    const leftForSiblings = budgetMs - (performance.now() - started);
    if (leftForSiblings > 0) await Promise.race([rejections, delay(leftForSiblings, undefined, { ref: false })]);
    return refused ? this.refusal(u.name, ex, row) : { ok: true, doc: out };
  }

  /** Rejects every other offer of a merged set at its broker (EB-FED-05), remembering what each broker answers. */
  private async rejectSiblings(set: string, uuid: string, caller: Caller): Promise<void> {
    const siblings = this.deps.store.sessionsOf(set).filter((s) => s.uuid !== uuid);
    await Promise.all(
      siblings.map(async (s) => {
        const su = this.upstream(s.broker);
        if (!su || s.remote === null) return;
        const creds = caller.credentials(su.name);
        const ex = await su.update(s.remote, phaseUpdate('REJECTED'), creds);
        // A sibling at the accepted offer's own broker was withdrawn by it (EB-LIFE-02), so it refuses the rejection
        // (409): read, so the copy kept shows its final phase even when that broker cannot be asked later.
        const r =
          this.usable(ex) ?? (ex.ok && ex.status === 409 ? this.usable(await su.get(s.remote, creds)) : undefined);
        if (r) this.remember(s, r, su.name);
      }),
    );
  }

  /** True when the offer holding a set's claim is known to be accepted (not merely claimed, pending an answer). */
  private claimConfirmed(set: MergedSetRow): boolean {
    const holder = set.accepted === null ? undefined : this.deps.store.getSession(set.accepted);
    return holder !== undefined && !isUnacceptedPhase((JSON.parse(holder.doc) as Obj).phase);
  }

  /** An acceptance whose fate at the lower broker is unknown: 503, and the set stays reserved for this offer. */
  private unsettled(broker: string, ex: Exchange): UpdateResult {
    const said = ex.ok ? `answered HTTP ${ex.status} with no usable session` : ex.reason;
    return {
      ok: false,
      status: 503,
      code: 'BROKER_UNAVAILABLE',
      message: `The broker ${broker} holding this session gave no usable answer to the acceptance (it ${said}), and reading the session did not settle whether it was accepted; the other offers of the set stay withdrawn until it is settled: accept this offer again.`,
      held: true,
    };
  }

  /**
   * A lower broker's refusal relayed with its status and code (a 503 stays a 503: busy, try again). One that
   * answered badly (a server error, a body that does not parse) is 502 BAD_GATEWAY, one that did not answer in time
   * 504 GATEWAY_TIMEOUT, one that could not be reached 503 (spec §6.4).
   */
  private refusal(broker: string, ex: Exchange, row: ProxiedRow): UpdateResult {
    if (!ex.ok) {
      if (ex.status !== undefined)
        return {
          ok: false,
          status: 502,
          code: 'BAD_GATEWAY',
          message: `The broker ${broker} holding this session answered badly (it ${ex.reason}); try again.`,
        };
      return {
        ok: false,
        status: ex.timedOut ? 504 : 503,
        code: ex.timedOut ? 'GATEWAY_TIMEOUT' : 'BROKER_UNAVAILABLE',
        message: `The broker ${broker} holding this session gave no answer (it ${ex.reason}); try again.`,
      };
    }
    const v = isObj(ex.value) ? ex.value : {};
    const lowerText =
      typeof v.message === 'string' ? quote(this.ourNames(this.deps.redactor.text(v.message), row)) : undefined;
    if (ex.status >= 500 && ex.status !== 503) {
      const said = lowerText === undefined ? '' : `: ${lowerText}`;
      return {
        ok: false,
        status: 502,
        code: 'BAD_GATEWAY',
        message: `The broker ${broker} holding this session failed with HTTP ${ex.status}${said}; try again.`,
      };
    }
    const status = ex.status >= 400 && ex.status < 500 ? ex.status : 503;
    const byStatus: Record<number, string> = {
      400: 'BAD_REQUEST',
      404: 'UNKNOWN_SESSION',
      409: 'UPDATE_NOT_OFFERED',
      422: 'INVALID_DOCUMENT',
    };
    const code =
      typeof v.code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(v.code)
        ? v.code
        : (byStatus[status] ?? 'BROKER_UNAVAILABLE');
    const text = lowerText ?? `it answered HTTP ${ex.status}`;
    return { ok: false, status, code, message: `The broker ${broker} refused the update: ${text}` };
  }

  /**
   * A lower broker's message with its own identifier of the session replaced by the one the client knows: the
   * client never saw the lower uuid (EB-FED-10), and "the offer 01a2… expired" must name the offer it asked about.
   */
  private ourNames(text: string, row: ProxiedRow): string {
    const ids = row.remote === null ? [] : [...row.remote.matchAll(UUID_IN_URL)].map((m) => m[0]);
    const lower = ids[ids.length - 1];
    return lower === undefined || lower === row.uuid ? text : text.split(lower).join(row.uuid);
  }

  /**
   * POST /direct: the best merged offer accepted at once; nothing acceptable ⇒ a stored FAILED session. An
   * acceptance that does not settle within the budget is answered as through POST /sessions (503, the set kept for
   * that offer), never as the session still OFFERED: a 303 to it would pass for an acceptance that may never happen.
   */
  async direct(request: Obj, caller: Caller, base: string): Promise<DirectResult> {
    const { set, offers } = await this.submit(request, caller, base);
    for (const offer of offers) {
      const uuid = String((offer.meta as Obj).uuid);
      const out = await this.update(uuid, phaseUpdate('ACCEPTED'), caller, base);
      if (out.ok) return { outcome: 'accepted', uuid, doc: out.doc };
      // The claim stays with it: this may be the session that runs, and no other offer may be taken.
      if (this.deps.store.getSet(set.uuid)?.accepted === uuid) {
        const url = this.deps.redactor.text(sessionUrl(base, uuid));
        if (out.held)
          return {
            outcome: 'held',
            uuid,
            status: out.status,
            code: out.code,
            message: `${out.message} The offer is the session ${url}.`,
            messages: [heldHereMessage(uuid, url, this.deps.clock.now())],
          };
        // Accepted below all the same (a refusal after an earlier acceptance of it that worked): the session runs.
        const row = this.deps.store.getSession(uuid);
        if (row) return { outcome: 'accepted', uuid, doc: this.rebased(JSON.parse(row.doc) as Obj, uuid, base) };
      }
    }
    const now = this.deps.clock.now();
    const uuid = newUuid(now);
    const messages = JSON.parse(set.messages) as MessageItem[];
    const doc: Obj = {
      kind: KINDS.ScheduledExecutionSession,
      meta: {
        uuid,
        name: 'direct',
        url: sessionUrl(base, uuid),
        created: formatInstant(now),
        modified: formatInstant(now),
        ...(messages.length > 0 ? { messages } : {}),
      },
      phase: 'FAILED',
      executable: request.executable,
      ...(request.compute !== undefined ? { compute: request.compute } : {}),
    };
    this.deps.store.insertSession({
      uuid,
      offerset: null,
      idx: 0,
      owner: caller.owner,
      broker: null,
      remote: null,
      doc: JSON.stringify(doc),
      created: now,
    });
    return { outcome: 'failed', uuid, doc };
  }
}

export function renderSet(
  set: MergedSetRow,
  offers: Obj[],
  base: string,
  messages = JSON.parse(set.messages) as MessageItem[],
): Obj {
  const meta: Obj = { uuid: set.uuid, url: offerSetUrl(base, set.uuid), created: formatInstant(set.created) };
  if (messages.length > 0) meta.messages = messages;
  return { meta, result: set.result, offers };
}

/**
 * Why an offer URL off the broker's origin is refused, with the remedy when it is a URL at all: the same service
 * under another name (a public URL, `localhost` for `127.0.0.1`) is vouched for in the config, never guessed.
 */
function foreignUrl(url: string, u: Upstream): string {
  const origin = originOf(url);
  if (origin === undefined || !/^https?:\/\//.test(origin)) return 'its meta.url is not an absolute http(s) URL';
  return `its meta.url is on ${origin}, not on the broker's origin ${new URL(u.url).origin} (if that is the same service, list ${origin} under the broker's origins in the aggregator's config)`;
}

/**
 * The path (and query) of a URL the broker owns, a repeat's key: everything from the first slash after the
 * authority. No URL parse: this runs once per lower offer, and owning it already proved it an absolute http(s) URL.
 */
function pathOf(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash < 0 ? '' : url.slice(slash).replace(/\/+$/, '');
}

const phaseUpdate = (value: string): Obj => ({ kind: 'uri:enum-value-update', path: 'phase', value });

/** The `received-by` of each Via entry ("1.1 agg-a, 1.1 agg-b" ⇒ [agg-a, agg-b]). */
export function viaEntries(via: string | undefined): string[] {
  if (!via) return [];
  return via
    .split(',')
    .map((e) => e.trim().split(/\s+/)[1] ?? '')
    .filter((x) => x !== '');
}

/** The lower broker says it has no such session (404, 410). */
function isGone(ex: Exchange): ex is Extract<Exchange, { ok: true }> {
  return ex.ok && (ex.status === 404 || ex.status === 410);
}

/** Why a 200 from below is no usable session, for the stale message (a client would otherwise not know why). */
function problemOf(value: unknown): string {
  const problem = sessionProblem(value);
  return problem === undefined ? '' : `: ${problem}`;
}

/** An acceptance of a session another request has just accepted (EB-LIFE-10). */
function alreadyAccepted(uuid: string, phase: unknown): UpdateResult {
  return {
    ok: false,
    status: 409,
    code: 'UPDATE_NOT_OFFERED',
    message: `The session ${uuid} was accepted by an earlier request and is ${String(phase)}; an offer is accepted once.`,
  };
}

/**
 * An update to a session in a final phase (EB-LIFE-09, -10): 409, OFFER_EXPIRED for an expired offer. `status` is
 * what its broker answered when it turned out not to have the session any more.
 */
function finalRefusal(uuid: string, phase: unknown, broker: string, status?: number): UpdateResult {
  const why = `its broker ${broker} no longer has it${status === undefined ? '' : ` (it answered HTTP ${status})`}`;
  return {
    ok: false,
    status: 409,
    code: phase === 'EXPIRED' ? 'OFFER_EXPIRED' : 'UPDATE_NOT_OFFERED',
    message: `The session ${uuid} is ${String(phase)}: ${why}; it takes no more updates.`,
  };
}

/** A session the aggregator marked lost (its broker no longer had it): final, and not read from the broker again. */
function isLost(doc: Obj): boolean {
  const meta = isObj(doc.meta) ? doc.meta : {};
  return isFinalPhase(doc.phase) && isList(meta.messages) && meta.messages.some((m) => isObj(m) && m.kind === FED.lost);
}
