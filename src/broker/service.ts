import { formatInstant } from './time.js';
import type { BrokerConfig, Timings } from './config.js';
import type { Clock } from './clock.js';
import { DUE_LIMIT, type BrokerStore as Store, type SessionRow, type OfferSetRow } from './store.js';
import type { Planner, PlannedOffer } from './planner.js';
import { dueSteps, faultPhaseFor, nextChange, type TimelineFn } from './lifecycle/engine.js';
import { checkTransition, type Transition } from './lifecycle/transitions.js';
import { KINDS, isSessionPhase, type SessionPhase } from '../model/index.js';
import { echoBody, executableName, offerBody, withBodyInHand } from './documents.js';
import { isObject, type JsonRecord } from '../util/index.js';
import type { MessageItem } from './messages.js';
import { newUuid } from './uuid.js';

/** How many due sessions a POST /requests advances before planning (the timer sweeps the rest). */
const SUBMIT_SWEEP = 50;

/** Replaceable function listing the options a phase advertises (a mutant can lie here). */
export type OptionsFn = (phase: SessionPhase, table: readonly Transition[]) => unknown[];

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  config: BrokerConfig;
  timings: Timings;
  planner: Planner;
  transitions: readonly Transition[];
  timeline: TimelineFn;
  options: OptionsFn;
}

export type UpdateOutcome =
  | { ok: true; row: SessionRow }
  | {
      ok: false;
      code: 'UNKNOWN_SESSION' | 'UPDATE_NOT_OFFERED' | 'OFFER_EXPIRED' | 'OFFER_WITHDRAWN';
      message: string;
    };

/**
 * The broker's behaviour without HTTP: plans offers, stores them, moves sessions along their lifecycle as the
 * clock passes, and applies client updates. Every phase change is checked against the one transition table.
 */
export class BrokerService {
  constructor(readonly deps: ServiceDeps) {}

  /** POST /requests: plans and stores a new offer set (EB-HTTP-05: never idempotent). */
  submit(
    request: JsonRecord,
    owner: string | null,
    maxOffers = this.deps.config.maxOffers,
  ): { offerset: OfferSetRow; sessions: SessionRow[] } {
    const { store, clock, config, timings } = this.deps;
    return store.atomically(() => {
      const now = clock.now();
      // A bounded share of the backlog: planning does not need it (the ledger drops expired offers and ended
      // slots by itself; what it cannot know is a fault's FAILED), and a full sweep of a backlog of expired
      // offers inside one POST held every connection queued behind it (the p99 of the load test).
      this.sweep(now, SUBMIT_SWEEP);
      const plan = this.deps.planner({
        request,
        now,
        config,
        timings,
        reservations: store.reservations(now),
        maxOffers,
      });
      const offerset: OfferSetRow = {
        uuid: newUuid(),
        owner,
        created: now,
        result: plan.result,
        messages: JSON.stringify(plan.messages),
      };
      const sessions =
        plan.result === 'YES' ? plan.offers.map((o, i) => this.offerRow(offerset.uuid, i, owner, now, request, o)) : [];
      store.insertOfferSet(offerset, sessions);
      return { offerset, sessions };
    });
  }

  /** POST /direct: at most one offer, accepted at once; nothing offerable ⇒ a stored FAILED session. */
  direct(request: JsonRecord, owner: string | null): { row: SessionRow; ok: boolean } {
    const { store } = this.deps;
    return store.atomically(() => {
      const { offerset, sessions } = this.submit(request, owner, 1);
      const offer = sessions[0];
      if (offer) {
        const out = this.applyUpdate(offer, 'ACCEPTED', this.deps.clock.now());
        if (out.ok) return { row: out.row, ok: true };
      }
      const now = this.deps.clock.now();
      const failed: SessionRow = {
        ...this.offerRow(offerset.uuid, 0, owner, now, request, {
          cores: 0,
          memory: 0,
          storage: [],
          prepareStart: now,
          availableStart: now,
          duration: 0,
          releaseEnd: now,
        }),
        phase: 'FAILED',
        nextChange: null,
        messages: offerset.messages,
        body: JSON.stringify({ ...echoBody(request), unplanned: true }),
      };
      store.insertSessions([failed]);
      return { row: failed, ok: false };
    });
  }

  offerSet(uuid: string, owner: string | null): { offerset: OfferSetRow; sessions: SessionRow[] } | undefined {
    const { store } = this.deps;
    const offerset = store.getOfferSet(uuid);
    if (!offerset || offerset.owner !== owner) return undefined;
    const now = this.deps.clock.now();
    const sessions = store.sessionsOf(uuid).map((s) => this.advance(s, now));
    return { offerset, sessions };
  }

  /** True when a session of this uuid exists, whoever owns it (an update by another is refused as theirs). */
  hasSession(uuid: string): boolean {
    return this.deps.store.getSession(uuid) !== undefined;
  }

  session(uuid: string, owner: string | null): SessionRow | undefined {
    const row = this.deps.store.getSession(uuid);
    if (!row || row.owner !== owner) return undefined;
    return this.advance(row, this.deps.clock.now());
  }

  /** POST /sessions/{uuid}: applies one update if the session's current options offer it (EB-UPD-06). */
  update(uuid: string, owner: string | null, update: JsonRecord): UpdateOutcome {
    const { store, clock } = this.deps;
    return store.atomically((): UpdateOutcome => {
      const found = store.getSession(uuid);
      if (!found || found.owner !== owner)
        return { ok: false, code: 'UNKNOWN_SESSION', message: `No session ${uuid}.` };
      const now = clock.now();
      const row = this.advance(found, now);
      const path = typeof update.path === 'string' ? update.path.replace(/^\//, '') : undefined;
      const value = update.value;
      const offered = this.deps.options(row.phase, this.deps.transitions).some((opt) => {
        return (
          isObject(opt) &&
          typeof opt.kind === 'string' &&
          opt.kind.replace(/-option$/, '-update') === update.kind &&
          typeof opt.path === 'string' &&
          opt.path.replace(/^\//, '') === path &&
          Array.isArray(opt.values) &&
          opt.values.includes(value)
        );
      });
      if (!offered || path !== 'phase' || !isSessionPhase(value)) {
        if (row.phase === 'EXPIRED' && (value === 'ACCEPTED' || value === 'REJECTED')) {
          return {
            ok: false,
            code: 'OFFER_EXPIRED',
            message: `The offer ${uuid} expired; it can no longer be ${String(value).toLowerCase()}.`,
          };
        }
        if (
          row.phase === 'REJECTED' &&
          value === 'ACCEPTED' &&
          store.sessionsOf(row.offerset).some((s) => s.acceptedAt !== null)
        ) {
          return {
            ok: false,
            code: 'OFFER_WITHDRAWN',
            message: `The offer ${uuid} was withdrawn because another offer of its set was accepted.`,
          };
        }
        return {
          ok: false,
          code: 'UPDATE_NOT_OFFERED',
          message: notOfferedMessage(row.phase, update, this.deps.options(row.phase, this.deps.transitions)),
        };
      }
      if (value === 'ACCEPTED' && row.phase === 'OFFERED' && now >= row.runEnd) {
        // Accepting now would "run" a slot that is already over: the session would go straight to COMPLETED.
        return {
          ok: false,
          code: 'OFFER_EXPIRED',
          message: `The offer ${uuid} can no longer be accepted: the run it offered ended at ${formatInstant(row.runEnd)}.`,
        };
      }
      return this.applyUpdate(row, value, now);
    });
  }

  /**
   * Advances the sessions with a change due (at most `limit`, oldest first), returning how many changed phase;
   * the timer calls this, reads do it lazily per session. The caller chooses the transaction.
   */
  sweep(now = this.deps.clock.now(), limit = DUE_LIMIT): number {
    let n = 0;
    for (const row of this.deps.store.due(now, limit)) {
      const after = this.advance(row, now);
      if (after.phase !== row.phase) n++;
    }
    return n;
  }

  private applyUpdate(row: SessionRow, to: SessionPhase, now: number): UpdateOutcome {
    const { store, transitions } = this.deps;
    if (!checkTransition(transitions, row.phase, to, 'client')) {
      return { ok: false, code: 'UPDATE_NOT_OFFERED', message: `The transition ${row.phase} → ${to} is not allowed.` };
    }
    const acceptedAt = to === 'ACCEPTED' ? now : row.acceptedAt;
    const next = { ...row, phase: to, modified: now, acceptedAt };
    next.nextChange = nextChange(next, transitions, this.deps.timeline);
    store.updatePhase(next);
    if (to === 'ACCEPTED') {
      // EB-LIFE-02: the other offers of the set are withdrawn, releasing their reservations.
      for (const sib of store.sessionsOf(row.offerset)) {
        if (sib.uuid === row.uuid) continue;
        const s = this.advance(sib, now);
        if (s.phase === 'OFFERED' && checkTransition(transitions, 'OFFERED', 'REJECTED', 'service')) {
          store.updatePhase({ uuid: s.uuid, phase: 'REJECTED', modified: now, acceptedAt: null, nextChange: null });
        }
      }
    }
    return { ok: true, row: next };
  }

  /** Applies the service steps due by `now` and persists the result. */
  private advance(row: SessionRow, now: number): SessionRow {
    const steps = dueSteps(row, now, this.deps.transitions, this.deps.timeline);
    const last = steps[steps.length - 1];
    if (!last) return row;
    const next: SessionRow = { ...row, phase: last.to, modified: last.at };
    next.nextChange = nextChange(next, this.deps.transitions, this.deps.timeline);
    this.deps.store.updatePhase(next);
    return next;
  }

  private offerRow(
    offerset: string,
    idx: number,
    owner: string | null,
    now: number,
    request: JsonRecord,
    o: PlannedOffer,
  ): SessionRow {
    const { config, timings, transitions } = this.deps;
    const exeName = executableName(request);
    const body = offerBody(request, o.cores, o.memory, o.storage);
    Object.assign(body, priceOffer(config, o));
    const row: SessionRow = {
      uuid: newUuid(),
      offerset,
      idx,
      owner,
      phase: 'OFFERED',
      created: now,
      modified: now,
      expires: now + timings.offerLifetime,
      acceptedAt: null,
      prepareStart: o.prepareStart,
      availableStart: o.availableStart,
      runEnd: o.availableStart + o.duration,
      releaseEnd: o.releaseEnd,
      acceptedHold: timings.acceptedHold,
      startup: timings.startup,
      faultPhase: faultPhaseFor(exeName, config),
      cores: o.cores,
      memory: o.memory,
      storage: o.storage.reduce((a, b) => a + b, 0),
      nextChange: null,
      body: JSON.stringify(body),
      messages: '[]',
    };
    row.nextChange = nextChange(row, transitions, this.deps.timeline);
    return withBodyInHand(row, body);
  }
}

/**
 * Why an update is refused, naming what the phase does offer. Phase values are case-sensitive enum values:
 * `accepted` is refused (never guessed), with a hint at the upper-case value a client most likely meant.
 */
function notOfferedMessage(phase: SessionPhase, update: JsonRecord, options: unknown[]): string {
  const offered = options.flatMap((opt) => {
    return isObject(opt) && Array.isArray(opt.values)
      ? [`${String(opt.kind).replace(/-option$/, '-update')} ${String(opt.path)} → ${opt.values.join(' | ')}`]
      : [];
  });
  const value = update.value;
  const hint =
    typeof value === 'string' &&
    value !== value.toUpperCase() &&
    options.some((o) => isObject(o) && Array.isArray(o.values) && o.values.includes(value.toUpperCase()))
      ? ` Phase values are upper case: did you mean ${value.toUpperCase()}?`
      : '';
  const now = offered.length > 0 ? ` It offers: ${offered.join('; ')}.` : ' It offers no updates in this phase.';
  return `The session in phase ${phase} does not offer the update ${describe(update)}.${hint}${now}`;
}

function describe(update: JsonRecord): string {
  return `{kind: ${String(update.kind)}, path: ${String(update.path)}, value: ${JSON.stringify(update.value ?? update.delta)}}`;
}

export type { MessageItem };

/**
 * The platform's costs and metrics for an offer (none unless configured): each cost is its fixed part plus a rate
 * per core-hour of what is offered, so offers differ by size and length and a client can rank them.
 */
function priceOffer(config: BrokerConfig, o: PlannedOffer): JsonRecord {
  const coreHours = (o.cores * o.duration) / 3_600_000;
  const out: JsonRecord = {};
  if (config.costs.length > 0)
    out.costs = config.costs.map((c) => {
      // Six decimals: a short run's cost stays visible, and float noise (3.0000000000000004) does not.
      const amount = Math.round((c.fixed + c.perCoreHour * coreHours) * 1e6) / 1e6;
      return {
        kind: KINDS.SimpleMinMaxFloatCost,
        type: c.type,
        ...(c.description ? { description: c.description } : {}),
        min: amount,
        max: amount,
      };
    });
  if (config.metrics.length > 0)
    out.metrics = config.metrics.map((m) => ({
      kind: KINDS.SimpleMinMaxFloatMetric,
      type: m.type,
      ...(m.description ? { description: m.description } : {}),
      min: m.min,
      max: m.max,
    }));
  return out;
}
