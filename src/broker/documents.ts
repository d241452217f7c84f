import type { SessionRow, OfferSetRow } from './store.js';
import { KINDS, type LifecyclePhase, type SessionPhase } from '../model/index.js';
import { isList, isObject, type JsonRecord } from '../util/index.js';
import { message, type MessageItem } from './messages.js';
import { formatDuration, formatInstant } from './time.js';
import { wireParameters } from './parameters.js';
import { acceptedTimeline } from './lifecycle/engine.js';

/** The component phase (LifecyclePhase) matching a session phase; none for offers that never ran. */
const COMPONENT_PHASE: Partial<Record<SessionPhase, LifecyclePhase>> = {
  OFFERED: 'INITIALIZING',
  REJECTED: 'INITIALIZING',
  EXPIRED: 'INITIALIZING',
  ACCEPTED: 'WAITING',
  WAITING: 'WAITING',
  PREPARING: 'PREPARING',
  AVAILABLE: 'AVAILABLE',
  RUNNING: 'RUNNING',
  RELEASING: 'RELEASING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
};

export interface RenderContext {
  baseUrl: string;
  /** The options a session advertises in its phase. */
  options: (phase: SessionPhase) => unknown[];
}

export const sessionUrl = (base: string, uuid: string): string => `${base}/sessions/${uuid}`;
export const offerSetUrl = (base: string, uuid: string): string => `${base}/offersets/${uuid}`;

/**
 * Bodies already in hand when their row was made: POST /requests renders the offers it has just stored, and
 * parsing their text back was ~6% of its CPU. Keyed by the row object, so a row read from the store (or a copy
 * of one) parses its own text.
 */
const bodiesInHand = new WeakMap<SessionRow, JsonRecord>();

/** Records `body` as what `row.body` (its JSON text) parses to, for renderSession; returns the row. */
export function withBodyInHand<R extends SessionRow>(row: R, body: JsonRecord): R {
  bodiesInHand.set(row, body);
  return row;
}

/** A session (an offer is a session in OFFERED) as a ScheduledExecutionSession document. */
export function renderSession(row: SessionRow, ctx: RenderContext): JsonRecord {
  const body = bodiesInHand.get(row) ?? (JSON.parse(row.body) as JsonRecord);
  const phase = row.phase;
  const componentPhase = COMPONENT_PHASE[phase];
  const withPhase = (c: unknown): unknown => (componentPhase && isObject(c) ? { ...c, phase: componentPhase } : c);
  const options = ctx.options(phase);
  const messages = JSON.parse(row.messages) as MessageItem[];
  if (phase === 'FAILED' && row.faultPhase && messages.length === 0) {
    messages.push(
      message(
        'urn:test-trigger-failed',
        'ERROR',
        'Simulated fault [${name}] while entering [${phase}]',
        { name: String(executableName(body)), phase: row.faultPhase },
        row.modified,
      ),
    );
  }
  const meta: JsonRecord = {
    uuid: row.uuid,
    name: `offer-${row.idx}`,
    url: sessionUrl(ctx.baseUrl, row.uuid),
    created: formatInstant(row.created),
    modified: formatInstant(row.modified),
  };
  if (messages.length > 0) meta.messages = messages;
  if (options.length > 0) meta.options = options;
  const doc: JsonRecord = { kind: KINDS.ScheduledExecutionSession, meta, phase };
  if (phase === 'OFFERED') doc.expires = formatInstant(row.expires);
  doc.executable = withPhase(body.executable);
  if (body.compute !== undefined) doc.compute = withPhase(body.compute);
  if (Array.isArray(body.storage) && body.storage.length > 0) doc.storage = body.storage.map(withPhase);
  if (Array.isArray(body.data) && body.data.length > 0) doc.data = body.data.map(withPhase);
  if (body.unplanned === true) return doc; // a FAILED direct execution never had a slot
  // One slot per offer (EB-OFF-14): the available start is an instant written as a zero-length interval.
  const duration = row.runEnd - row.availableStart;
  // Accepted late (within acceptedHold of the planned preparing start, or after it), the session prepares later
  // than offered and is still ready when offered: the schedule states the preparing it will have, so a client
  // reading it is not told of a phase that, begun late and ended on time, is shorter than stated.
  // The preparing still ends at the stated available start (the slot, EB-OFF-14), so a session accepted after
  // that keeps the plan it was offered.
  const timeline = row.acceptedAt === null ? [] : acceptedTimeline(row);
  const late = timeline.find((st) => st.to === 'PREPARING')?.at ?? row.prepareStart;
  const prepare = late <= row.availableStart ? late : row.prepareStart;
  doc.schedule = {
    preparing: {
      start: formatInstant(prepare),
      duration: formatDuration(row.availableStart - prepare),
    },
    available: { start: `${formatInstant(row.availableStart)}/PT0S`, duration: formatDuration(duration) },
    releasing: { start: formatInstant(row.runEnd), duration: formatDuration(row.releaseEnd - row.runEnd) },
  };
  // The platform's quote (config costs and metrics), fixed when the offer was made.
  if (Array.isArray(body.costs)) doc.costs = body.costs;
  if (Array.isArray(body.metrics)) doc.metrics = body.metrics;
  return doc;
}

/** An OfferSetResponse: YES with its offers in their current phases, or NO with the reasons. */
export function renderOfferSet(row: OfferSetRow, sessions: SessionRow[], ctx: RenderContext): JsonRecord {
  const messages = JSON.parse(row.messages) as MessageItem[];
  const meta: JsonRecord = {
    uuid: row.uuid,
    url: offerSetUrl(ctx.baseUrl, row.uuid),
    created: formatInstant(row.created),
  };
  if (messages.length > 0) meta.messages = messages;
  return { meta, result: row.result, offers: sessions.map((s) => renderSession(s, ctx)) };
}

/** The request's components echoed as sent (phases stripped), for a session that never got a plan. */
export function echoBody(request: JsonRecord): JsonRecord {
  const out = offerBody(request, 0, 0, []);
  out.compute = request.compute === undefined ? undefined : stripPhase(request.compute);
  if (Array.isArray(request.storage)) out.storage = request.storage.map(stripPhase);
  return out;
}

/**
 * A shallow copy without the client's `phase`. Shallow is enough: the result is only ever JSON-stringified
 * into the stored body, never mutated below the top level (structuredClone cost ~4% of a POST /requests).
 */
function withoutPhase(x: JsonRecord): JsonRecord {
  const { phase: _phase, ...rest } = x;
  return rest;
}

/** `withoutPhase` for a value that may not be an object (left as it is; a validated request has none). */
function stripPhase(x: unknown): unknown {
  return isObject(x) ? withoutPhase(x) : x;
}

/** `executable.meta.name` of a request or stored body, when there is one. */
export function executableName(body: JsonRecord): unknown {
  const exe = body.executable;
  return isObject(exe) && isObject(exe.meta) ? exe.meta.name : undefined;
}

/** A volume as the broker mounts it: READONLY and at /volumes/<resource> unless the request says (EB-DEF-04). */
function volumeDefaults(v: unknown): unknown {
  if (!isObject(v)) return v;
  const vol = v;
  const resource = typeof vol.resource === 'string' ? vol.resource : 'volume';
  return { ...vol, mode: vol.mode ?? 'READONLY', path: vol.path ?? `/volumes/${resource}` };
}

/** The echoed components of an offer with the offered values filled in (EB-OFF-19). */
export function offerBody(request: JsonRecord, cores: number, memory: number, storage: number[]): JsonRecord {
  // Components are echoed without any client-set phase: the broker owns phases. Results are stringified at once.
  const clone = stripPhase;
  const compute: JsonRecord = isObject(request.compute)
    ? withoutPhase(request.compute)
    : { kind: KINDS.SimpleComputeResource, meta: { name: 'compute' } };
  compute.cores = { min: cores, max: cores };
  compute.memory = { min: memory, max: memory };
  if (Array.isArray(compute.volumes)) compute.volumes = compute.volumes.map(volumeDefaults);
  const out: JsonRecord = { executable: clone(request.executable), compute };
  if (isList(request.storage)) {
    out.storage = request.storage.map((s, i) =>
      isObject(s) ? { ...withoutPhase(s), size: { min: storage[i] ?? 0, max: storage[i] ?? 0 } } : s,
    );
  }
  if (Array.isArray(request.data)) out.data = request.data.map(clone);
  wireParameters(out); // EB-OFF-24: linked inputs and outputs mounted and named in the environment
  return out;
}
