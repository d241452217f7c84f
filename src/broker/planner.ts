import type { AcceleratorSpec, BrokerConfig, Timings } from './config.js';
import type { Reservation } from './store.js';
import { message, type MessageItem } from './messages.js';
import { formatInstant, parseDuration } from './time.js';
import { KINDS, KINDS_BY_TYPE } from '../model/kinds.js';
import { olderKind } from '../validate/generations.js';
import { intervalBounds, isTimeError, parseInterval } from '../validate/iso8601.js';
import { isObject, toText, type JsonRecord } from '../util/index.js';

export interface PlanInput {
  request: Record<string, unknown>;
  now: number;
  config: BrokerConfig;
  timings: Timings;
  /** Resources already held by live offers and sessions. */
  reservations: Reservation[];
  /** Most offers to return (1 for /direct). */
  maxOffers: number;
}

/** One offer: the resources and the single time slot (EB-OFF-14) it books. */
export interface PlannedOffer {
  cores: number;
  memory: number;
  /** Offered size of each requested storage resource, in request order. */
  storage: number[];
  prepareStart: number;
  availableStart: number;
  duration: number;
  releaseEnd: number;
}

export type PlanResult =
  { result: 'YES'; offers: PlannedOffer[]; messages: MessageItem[] } | { result: 'NO'; messages: MessageItem[] };

/** Replaceable planner (mutants swap it for one that breaks a rule on purpose). */
export type Planner = (input: PlanInput) => PlanResult;

const nameOf = (c: JsonRecord, fallback: string): string => {
  const meta = c.meta;
  return isObject(meta) && typeof meta.name === 'string' ? meta.name : fallback;
};

interface Range {
  base: number;
  upper: number;
}

/** A span of time in ms, both ends included. */
interface Window {
  start: number;
  end: number;
}

/** Free platform resources at one start. */
interface Free {
  cores: number;
  memory: number;
  storage: number;
}

/** What the request asks of the platform, once read and checked. */
interface Needs {
  cores: Range;
  memory: Range;
  storage: number[];
  storageTotal: number;
  duration: number;
  /** Where a start may fall: the requested ranges clipped to what the platform can do, earliest first. */
  windows: Window[];
}

/** Collects the reasons for a NO answer (EB-OFF-09), each a MessageItem. */
class Refusals {
  readonly messages: MessageItem[] = [];
  constructor(private readonly now: number) {}

  add(kind: string, template: string, values: Record<string, string | number>): void {
    this.messages.push(message(kind, 'WARN', template, values, this.now));
  }

  /**
   * EB-KIND-02: NO for a kind this platform does not run; for an older generation's URI (e.g. the Calycopis
   * broker's own K/computer/…) the message names the 1.0 kind, so the client can fix the request.
   */
  unknownKind(family: string, kind: unknown): void {
    const replacement = typeof kind === 'string' ? olderKind(kind)?.replacement : undefined;
    if (replacement) {
      this.add('uri:unknown-type', `Unsupported ${family} kind [\${kind}] of an older draft; use [\${replacement}]`, {
        kind: String(kind),
        replacement,
      });
    } else this.add('uri:unknown-type', `Unknown or unsupported ${family} kind [\${kind}]`, { kind: String(kind) });
  }
}

/** min/max of a `{min, max}` block: offer at least `min`, at most `max`; absent ⇒ 1 and twice the base. */
function rangeOf(block: unknown): Range | 'inverted' {
  const b = isObject(block) ? block : {};
  const min = typeof b.min === 'number' && b.min >= 0 ? Math.ceil(b.min) : 0;
  const max = typeof b.max === 'number' && b.max >= 0 ? Math.floor(b.max) : Infinity;
  if (max < min) return 'inverted';
  const base = Math.max(min, Math.min(1, max));
  return { base, upper: Math.min(max, Math.max(base * 2, base + 1)) };
}

function checkExecutable(request: JsonRecord, config: BrokerConfig, no: Refusals): void {
  const executable = request.executable;
  if (!isObject(executable)) no.add('urn:executable-required', 'An execution request needs an executable', {});
  else if (typeof executable.kind !== 'string' || !config.executableKinds.includes(executable.kind))
    no.unknownKind('executable', executable.kind);
  else if (executable.kind === KINDS.DockerContainer) checkDocker(executable, no);
}

/**
 * What this platform will not do for a container, answered NO rather than quietly dropped: privileged
 * execution (EB-OFF-21) and an external port the client chose (EB-OFF-20, EB-DM-11).
 */
function checkDocker(executable: JsonRecord, no: Refusals): void {
  const name = nameOf(executable, 'executable');
  if (executable.privileged === true) {
    no.add('urn:not-supported', 'Privileged execution of [${resource}] is not supported (privileged: true)', {
      resource: name,
    });
  }
  const ports = isObject(executable.network) && Array.isArray(executable.network.ports) ? executable.network.ports : [];
  for (const [i, port] of ports.entries()) {
    if (!isObject(port) || port.external === undefined) continue;
    const external =
      isObject(port.external) && typeof port.external.port === 'number' ? String(port.external.port) : 'given';
    no.add(
      'urn:not-supported',
      'The external port [${port}] of [${resource}] network.ports[${index}] is chosen by the service; leave external out',
      { port: external, resource: name, index: i },
    );
  }
}

/** Cores and memory to offer; the defaults (1, up to 2) when the request has no compute resource. */
function computeNeeds(request: JsonRecord, config: BrokerConfig, no: Refusals): { cores: Range; memory: Range } {
  const out = { cores: { base: 1, upper: 2 }, memory: { base: 1, upper: 2 } };
  const compute = request.compute;
  if (compute === undefined) return out;
  if (!isObject(compute) || compute.kind !== KINDS.SimpleComputeResource) {
    no.unknownKind('compute', isObject(compute) ? compute.kind : compute);
    return out;
  }
  const name = nameOf(compute, 'compute');
  for (const [key, total] of [
    ['cores', config.cores],
    ['memory', config.memory],
  ] as const) {
    const r = rangeOf(compute[key]);
    if (r === 'inverted') {
      no.add('urn:invalid-value', 'Minimum ${field} of [${resource}] is above its maximum', {
        field: key,
        resource: name,
      });
    } else if (r.base > total) {
      no.add('urn:resource-limit', 'Minimum ${field} of [${resource}] exceeds the platform [${requested}][${limit}]', {
        field: key,
        resource: name,
        requested: r.base,
        limit: total,
      });
    } else out[key] = r;
  }
  checkAccelerators(compute, config, no);
  return out;
}

const lower = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);

/** Whether one configured device kind meets a requested accelerator (type, vendor, model, memory, count). */
function provides(spec: AcceleratorSpec, want: JsonRecord): boolean {
  const count = rangeOf(want.count);
  const memory = rangeOf(want.memory);
  if (count === 'inverted' || memory === 'inverted') return false;
  const minMemory = isObject(want.memory) && typeof want.memory.min === 'number' ? want.memory.min : 0;
  return (
    (want.type === undefined || want.type === spec.type) &&
    (want.vendor === undefined || lower(want.vendor) === lower(spec.vendor)) &&
    (want.model === undefined || lower(want.model) === lower(spec.model)) &&
    spec.memory >= minMemory &&
    spec.count >= count.base
  );
}

/** EB-OFF-22: each requested accelerator is one the platform has, else NO naming it. */
function checkAccelerators(compute: JsonRecord, config: BrokerConfig, no: Refusals): void {
  const list = Array.isArray(compute.accelerators) ? compute.accelerators : [];
  for (const [i, a] of list.entries()) {
    if (!isObject(a) || a.kind !== KINDS.SimpleAccelerator) {
      no.unknownKind('accelerator', isObject(a) ? a.kind : a);
      continue;
    }
    if (config.accelerators.some((spec) => provides(spec, a))) continue;
    const what = [a.type, a.vendor, a.model].filter((x) => typeof x === 'string').join(' ') || 'accelerator';
    no.add(
      'urn:not-supported',
      'No accelerator on this platform meets [${resource}] ([${accelerator}], count [${count}], memory [${memory}] GiB)',
      {
        resource: nameOf(a, `accelerator-${i}`),
        accelerator: what,
        count: isObject(a.count) && typeof a.count.min === 'number' ? a.count.min : 1,
        memory: isObject(a.memory) && typeof a.memory.min === 'number' ? a.memory.min : 0,
      },
    );
  }
}

/** Offered size of each storage resource, in request order. */
function storageNeeds(request: JsonRecord, config: BrokerConfig, no: Refusals): number[] {
  const storage: number[] = [];
  const list = Array.isArray(request.storage) ? request.storage : [];
  for (const [i, s] of list.entries()) {
    if (!isObject(s) || s.kind !== KINDS.SimpleStorageResource) {
      no.unknownKind('storage', isObject(s) ? s.kind : s);
      continue;
    }
    const name = nameOf(s, `storage-${i}`);
    if (s.lifecycle === 'unmanaged') {
      // Existing storage the client names: only mounted, never allocated here (EB-DM-12); reachable or NO (EB-OFF-17).
      const where = typeof s.location === 'string' ? s.location : '';
      if (!reachable(where, config)) {
        no.add(
          'urn:not-supported',
          'Unmanaged storage [${resource}] at [${location}] is outside the locations this platform can reach',
          { resource: name, location: where },
        );
      }
      storage.push(0);
      continue;
    }
    const r = rangeOf(s.size);
    if (r === 'inverted')
      no.add('urn:invalid-value', 'Minimum size of [${resource}] is above its maximum', { resource: name });
    else storage.push(r.base);
  }
  const total = storage.reduce((a, b) => a + b, 0);
  if (total > config.storage)
    no.add('urn:resource-limit', 'Requested storage exceeds the platform [${requested}][${limit}]', {
      requested: total,
      limit: config.storage,
    });
  return storage;
}

/** EB-OFF-17: data the platform cannot reach is answered NO, never offered and left to fail later. */
function checkData(request: JsonRecord, config: BrokerConfig, no: Refusals): void {
  const list = Array.isArray(request.data) ? request.data : [];
  const dataKinds: readonly string[] = KINDS_BY_TYPE.AbstractDataResource;
  for (const [i, d] of list.entries()) {
    if (!isObject(d) || typeof d.kind !== 'string' || !dataKinds.includes(d.kind)) {
      no.unknownKind('data', isObject(d) ? d.kind : d);
      continue;
    }
    const where =
      d.kind === KINDS.SimpleDataResource ? d.location : d.kind === KINDS.S3DataResource ? d.endpoint : undefined;
    if (typeof where === 'string' && !reachable(where, config)) {
      no.add(
        'urn:not-supported',
        'Data [${resource}] at [${location}] is outside the locations this platform can reach',
        { resource: nameOf(d, `data-${i}`), location: where },
      );
    }
  }
}

function requestedSchedule(request: JsonRecord): JsonRecord {
  return isObject(request.schedule) && isObject(request.schedule.requested) ? request.schedule.requested : {};
}

/** The run length: the requested duration (a minimum, EB-SCH-04) or the platform default. */
function durationNeed(request: JsonRecord, config: BrokerConfig, timings: Timings, no: Refusals): number {
  const requested = requestedSchedule(request).duration;
  if (requested === undefined) return timings.defaultDuration;
  const d = typeof requested === 'string' ? parseDuration(requested) : undefined;
  if (d === undefined || d <= 0)
    no.add('urn:input-syntax-fail', 'Cannot use the requested duration [${duration}]', { duration: toText(requested) });
  else if (d > timings.maxDuration)
    no.add('urn:resource-limit', 'Requested duration [${duration}] exceeds the platform limit [${limit}]', {
      duration: toText(requested),
      limit: config.maxDuration,
    });
  else return d;
  return timings.defaultDuration;
}

/**
 * The windows a start may fall in: each requested range (one, or a list, EB-SCH-12) clipped to the earliest
 * possible start and to the look-ahead; with no requested start, the look-ahead from the earliest start.
 */
function startWindows(request: JsonRecord, now: number, timings: Timings, no: Refusals): Window[] {
  const earliest = Math.ceil((now + timings.prepare) / 1000) * 1000;
  const first = alignUp(earliest, timings.slot);
  const start = requestedSchedule(request).start;
  if (start === undefined) return [{ start: first, end: first + timings.lookAhead }];
  const texts = Array.isArray(start) ? start : [start];
  const windows: Window[] = [];
  for (const text of texts) {
    const w = typeof text === 'string' ? startWindow(text) : undefined;
    if (w === undefined) {
      no.add('urn:input-syntax-fail', 'Cannot use the requested start [${start}]', { start: String(text) });
      continue;
    }
    const lo = Math.ceil(w.start / 1000) * 1000;
    const from = lo >= earliest ? lo : first;
    const to = Math.min(w.end, from + timings.lookAhead);
    if (from <= to) windows.push({ start: from, end: to });
  }
  if (windows.length === 0 && no.messages.length === 0) {
    const shown = texts.map(String).join(', ');
    no.add(
      'urn:resource-limit',
      'The requested start window [${start}] ends before the earliest possible start [${earliest}]',
      { start: shown, earliest: formatInstant(earliest) },
    );
  }
  return windows.sort((a, b) => a.start - b.start);
}

/** Reads and checks everything the request asks for; every problem becomes a refusal. */
function readNeeds(input: PlanInput, no: Refusals): Needs {
  const { request, config, timings, now } = input;
  checkExecutable(request, config, no);
  const { cores, memory } = computeNeeds(request, config, no);
  const storage = storageNeeds(request, config, no);
  checkData(request, config, no);
  const duration = durationNeed(request, config, timings, no);
  const windows = startWindows(request, now, timings, no);
  return { cores, memory, storage, storageTotal: storage.reduce((a, b) => a + b, 0), duration, windows };
}

/** The booking calendar of the platform: what is free around a start. */
class Calendar {
  constructor(
    private readonly input: PlanInput,
    private readonly needs: Needs,
  ) {}

  /** Prepare start and release end of a run available at `t`. */
  span(t: number): [number, number] {
    const { timings } = this.input;
    return [t - timings.prepare, t + this.needs.duration + timings.release];
  }

  free(t: number): Free {
    const [a, b] = this.span(t);
    const { config, reservations } = this.input;
    const f = { cores: config.cores, memory: config.memory, storage: config.storage };
    for (const r of reservations) {
      if (r.start < b && r.end > a) {
        f.cores -= r.cores;
        f.memory -= r.memory;
        f.storage -= r.storage;
      }
    }
    return f;
  }

  fits(t: number): Free | undefined {
    const f = this.free(t);
    const n = this.needs;
    return f.cores >= n.cores.base && f.memory >= n.memory.base && f.storage >= n.storageTotal ? f : undefined;
  }

  inWindow(t: number): boolean {
    return this.needs.windows.some((w) => t >= w.start && t <= w.end);
  }

  /** Free resources only change where a reservation ends, so those (and each window's start) are the starts worth trying. */
  candidates(): number[] {
    const { reservations, timings } = this.input;
    const set = new Set<number>(this.needs.windows.map((w) => w.start));
    for (const r of reservations) {
      const t = alignUp(r.end + timings.prepare, timings.slot);
      if (this.inWindow(t)) set.add(t);
    }
    return [...set].sort((a, b) => a - b).slice(0, 256);
  }

  offer(t: number, cores: number, memory: number): PlannedOffer {
    const [prepareStart, releaseEnd] = this.span(t);
    return {
      cores,
      memory,
      storage: [...this.needs.storage],
      prepareStart,
      availableStart: t,
      duration: this.needs.duration,
      releaseEnd,
    };
  }
}

/**
 * The earliest fitting slot with the minimum resources, the same slot with more (within the requested maxima),
 * and a later slot with more; every start inside one of the windows (EB-OFF-12).
 */
function bookSlots(input: PlanInput, needs: Needs, no: Refusals): PlanResult {
  const cal = new Calendar(input, needs);
  const starts = cal.candidates();
  const offers: PlannedOffer[] = [];
  const add = (o: PlannedOffer): void => {
    const same = offers.some(
      (x) => x.availableStart === o.availableStart && x.cores === o.cores && x.memory === o.memory,
    );
    if (!same && offers.length < input.maxOffers) offers.push(o);
  };
  const t0 = starts.find((t) => cal.fits(t) !== undefined);
  const f0 = t0 === undefined ? undefined : cal.fits(t0);
  if (t0 === undefined || !f0) {
    const first = needs.windows[0]?.start ?? input.now;
    const last = needs.windows.at(-1)?.end ?? first;
    no.add('urn:resource-limit', 'No slot between [${first}] and [${last}] has the requested resources free', {
      first: formatInstant(first),
      last: formatInstant(last),
    });
    return { result: 'NO', messages: no.messages };
  }
  const { cores, memory } = needs;
  add(cal.offer(t0, cores.base, memory.base));
  add(cal.offer(t0, Math.min(cores.upper, f0.cores), Math.min(memory.upper, f0.memory)));
  // A later slot, back to back with the first, with more resources where they are free.
  const { timings } = input;
  const backToBack = alignUp(t0 + needs.duration + timings.release + timings.prepare, timings.slot);
  const later = [...starts.filter((t) => t > t0), backToBack].filter((t) => cal.inWindow(t)).sort((a, b) => a - b);
  for (const t of later) {
    const f = cal.fits(t);
    if (f) {
      add(cal.offer(t, Math.min(cores.upper, f.cores), Math.min(memory.upper, f.memory)));
      break;
    }
  }
  return { result: 'YES', offers, messages: [] };
}

/**
 * Finds up to `maxOffers` offers on the simulated platform. Every offer meets each requested minimum
 * (EB-OFF-01), stays within each maximum (EB-OFF-05) and the platform (EB-OFF-02), and starts inside one of
 * the requested start ranges (EB-OFF-12); otherwise the answer is NO with reasons (EB-OFF-09).
 */
export const planOffers: Planner = (input) => {
  const no = new Refusals(input.now);
  const needs = readNeeds(input, no);
  if (no.messages.length > 0) return { result: 'NO', messages: no.messages };
  return bookSlots(input, needs, no);
};

/** A location under one of the configured prefixes whose host could be contacted (EB-OFF-17). */
function reachable(where: string, config: BrokerConfig): boolean {
  return config.dataLocations.some((p) => where.startsWith(p)) && reachableHost(where);
}

/**
 * Whether a data location names a host the simulated platform could contact. The planner never does a network
 * lookup; it only knows that a name under the reserved `.invalid` TLD (RFC 6761) never resolves, and that a URL
 * with a scheme needing a host but naming none cannot be fetched.
 */
export function reachableHost(location: string): boolean {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') return true;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return host !== '' && host !== 'invalid' && !host.endsWith('.invalid');
}

/**
 * The [start, end] of a requested start range in the forms EB-SCH-01 allows, read as the validator reads them
 * (no offset = UTC, EB-SCH-10; a date = its whole day, EB-SCH-11); undefined for any other form.
 */
export function startWindow(text: string): Window | undefined {
  const iv = parseInterval(text);
  if (isTimeError(iv)) return undefined;
  const b = intervalBounds(iv);
  return b && b.end >= b.start ? b : undefined;
}

function alignUp(t: number, slot: number): number {
  return Math.ceil(t / slot) * slot;
}
