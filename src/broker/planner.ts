import type { BrokerConfig, Timings } from './config.js';
import type { Reservation } from './store.js';
import { message, type MessageItem } from './messages.js';
import { formatInstant, parseDuration } from './time.js';
import { intervalBounds, isTimeError, parseInterval } from '../validate/iso8601.js';
import { olderKind } from '../validate/generations.js';

const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';
export const KINDS = {
  compute: `${K}compute/simple-compute-resource.yaml`,
  storage: `${K}storage/simple-storage-resource.yaml`,
  session: `${K}session/scheduled-execution-session.yaml`,
  simpleData: `${K}data/simple-data-resource.yaml`,
  s3Data: `${K}data/S3-data-resource.yaml`,
  dataKinds: ['simple', 'S3', 'rucio', 'ivoa', 'skao'].map((n) => `${K}data/${n}-data-resource.yaml`),
} as const;

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

export type PlanResult = { result: 'YES'; offers: PlannedOffer[]; messages: MessageItem[] } | { result: 'NO'; messages: MessageItem[] };

/** Replaceable planner (mutants swap it for one that breaks a rule on purpose). */
export type Planner = (input: PlanInput) => PlanResult;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const nameOf = (c: Obj, fallback: string): string => {
  const meta = c.meta;
  return isObj(meta) && typeof meta.name === 'string' ? meta.name : fallback;
};

interface Range {
  base: number;
  upper: number;
}

/** min/max of a `{min, max}` block: offer at least `min`, at most `max`; absent ⇒ 1 and twice the base. */
function rangeOf(block: unknown): Range | 'inverted' {
  const b = isObj(block) ? block : {};
  const min = typeof b.min === 'number' && b.min >= 0 ? Math.ceil(b.min) : 0;
  const max = typeof b.max === 'number' && b.max >= 0 ? Math.floor(b.max) : Infinity;
  if (max < min) return 'inverted';
  const base = Math.max(min, Math.min(1, max));
  return { base, upper: Math.min(max, Math.max(base * 2, base + 1)) };
}

/**
 * Finds up to `maxOffers` offers on the simulated platform: the earliest slot with the minimum resources,
 * the same slot with more (within the requested maxima), and a later slot with more. Every offer meets each
 * requested minimum (EB-OFF-01), stays within each maximum (EB-OFF-05) and the platform (EB-OFF-02), and
 * starts inside the requested window (EB-OFF-12); otherwise the answer is NO with reasons (EB-OFF-09).
 */
export const planOffers: Planner = (input) => {
  const { request, now, config, timings } = input;
  const no: MessageItem[] = [];
  const refuse = (kind: string, template: string, values: Record<string, string | number>): void => {
    no.push(message(kind, 'WARN', template, values, now));
  };
  // EB-KIND-02: NO for a kind this platform does not run; for an older generation's URI (e.g. the Calycopis
  // broker's own K/computer/…) the message names the 1.0 kind, so the client can fix the request.
  const unknownKind = (family: string, kind: unknown): void => {
    const replacement = typeof kind === 'string' ? olderKind(kind)?.replacement : undefined;
    if (replacement) {
      refuse('uri:unknown-type', `Unsupported ${family} kind [\${kind}] of an older draft; use [\${replacement}]`, { kind: String(kind), replacement });
    } else refuse('uri:unknown-type', `Unknown or unsupported ${family} kind [\${kind}]`, { kind: String(kind) });
  };

  const executable = request.executable;
  if (!isObj(executable)) {
    refuse('urn:executable-required', 'An execution request needs an executable', {});
  } else if (typeof executable.kind !== 'string' || !config.executableKinds.includes(executable.kind)) {
    unknownKind('executable', executable.kind);
  }

  let cores: Range = { base: 1, upper: 2 };
  let memory: Range = { base: 1, upper: 2 };
  const compute = request.compute;
  if (compute !== undefined) {
    if (!isObj(compute) || compute.kind !== KINDS.compute) {
      unknownKind('compute', isObj(compute) ? compute.kind : compute);
    } else {
      const name = nameOf(compute, 'compute');
      for (const [key, total] of [['cores', config.cores], ['memory', config.memory]] as const) {
        const r = rangeOf(compute[key]);
        if (r === 'inverted') {
          refuse('urn:invalid-value', 'Minimum ${field} of [${resource}] is above its maximum', { field: key, resource: name });
        } else if (r.base > total) {
          refuse('urn:resource-limit', 'Minimum ${field} of [${resource}] exceeds the platform [${requested}][${limit}]', { field: key, resource: name, requested: r.base, limit: total });
        } else if (key === 'cores') cores = r;
        else memory = r;
      }
    }
  }

  const storage: number[] = [];
  const storageList = Array.isArray(request.storage) ? request.storage : [];
  for (const [i, s] of storageList.entries()) {
    if (!isObj(s) || s.kind !== KINDS.storage) {
      unknownKind('storage', isObj(s) ? s.kind : s);
      continue;
    }
    const r = rangeOf(s.size);
    if (r === 'inverted') refuse('urn:invalid-value', 'Minimum size of [${resource}] is above its maximum', { resource: nameOf(s, `storage-${i}`) });
    else storage.push(r.base);
  }
  const storageTotal = storage.reduce((a, b) => a + b, 0);
  if (storageTotal > config.storage) {
    refuse('urn:resource-limit', 'Requested storage exceeds the platform [${requested}][${limit}]', { requested: storageTotal, limit: config.storage });
  }

  const dataList = Array.isArray(request.data) ? request.data : [];
  for (const [i, d] of dataList.entries()) {
    if (!isObj(d) || typeof d.kind !== 'string' || !(KINDS.dataKinds as readonly string[]).includes(d.kind)) {
      unknownKind('data', isObj(d) ? d.kind : d);
      continue;
    }
    const where = d.kind === KINDS.simpleData ? d.location : d.kind === KINDS.s3Data ? d.endpoint : undefined;
    // EB-OFF-17: data the platform cannot reach is answered NO, never offered and left to fail later.
    if (typeof where === 'string' && (!config.dataLocations.some((p) => where.startsWith(p)) || !reachableHost(where))) {
      refuse('urn:not-supported', 'Data [${resource}] at [${location}] is outside the locations this platform can reach', { resource: nameOf(d, `data-${i}`), location: where });
    }
  }

  const requested = isObj(request.schedule) && isObj(request.schedule.requested) ? request.schedule.requested : {};
  let duration = timings.defaultDuration;
  if (requested.duration !== undefined) {
    const d = typeof requested.duration === 'string' ? parseDuration(requested.duration) : undefined;
    if (d === undefined || d <= 0) refuse('urn:input-syntax-fail', 'Cannot use the requested duration [${duration}]', { duration: String(requested.duration) });
    else if (d > timings.maxDuration) refuse('urn:resource-limit', 'Requested duration [${duration}] exceeds the platform limit [${limit}]', { duration: String(requested.duration), limit: config.maxDuration });
    else duration = d;
  }
  const earliestPossible = Math.ceil((now + timings.prepare) / 1000) * 1000;
  let first = alignUp(earliestPossible, timings.slot);
  let last = first + timings.lookAhead;
  if (requested.start !== undefined) {
    const w = typeof requested.start === 'string' ? startWindow(requested.start) : undefined;
    if (w === undefined) {
      refuse('urn:input-syntax-fail', 'Cannot use the requested start [${start}]', { start: String(requested.start) });
    } else {
      const lo = Math.ceil(w.start / 1000) * 1000;
      first = lo >= earliestPossible ? lo : alignUp(earliestPossible, timings.slot);
      last = Math.min(w.end, first + timings.lookAhead);
      if (first > last) {
        refuse('urn:resource-limit', 'The requested start window [${start}] ends before the earliest possible start [${earliest}]', { start: requested.start as string, earliest: formatInstant(earliestPossible) });
      }
    }
  }
  if (no.length > 0) return { result: 'NO', messages: no };

  // Free resources only change where a reservation ends, so those are the only starts worth trying.
  const span = (t: number): [number, number] => [t - timings.prepare, t + duration + timings.release];
  const candidates = new Set<number>([first]);
  for (const r of input.reservations) {
    const t = alignUp(r.end + timings.prepare, timings.slot);
    if (t > first && t <= last) candidates.add(t);
  }
  const starts = [...candidates].sort((a, b) => a - b).slice(0, 256);
  const freeAt = (t: number): { cores: number; memory: number; storage: number } => {
    const [a, b] = span(t);
    let c = config.cores, m = config.memory, s = config.storage;
    for (const r of input.reservations) {
      if (r.start < b && r.end > a) {
        c -= r.cores;
        m -= r.memory;
        s -= r.storage;
      }
    }
    return { cores: c, memory: m, storage: s };
  };
  const fits = (t: number): ReturnType<typeof freeAt> | undefined => {
    const f = freeAt(t);
    return f.cores >= cores.base && f.memory >= memory.base && f.storage >= storageTotal ? f : undefined;
  };

  const offers: PlannedOffer[] = [];
  const make = (t: number, c: number, m: number): PlannedOffer => {
    const [prepareStart, releaseEnd] = span(t);
    return { cores: c, memory: m, storage: [...storage], prepareStart, availableStart: t, duration, releaseEnd };
  };
  const add = (o: PlannedOffer): void => {
    const same = offers.some((x) => x.availableStart === o.availableStart && x.cores === o.cores && x.memory === o.memory);
    if (!same && offers.length < input.maxOffers) offers.push(o);
  };
  let t0: number | undefined;
  let f0: ReturnType<typeof freeAt> | undefined;
  for (const t of starts) {
    f0 = fits(t);
    if (f0) {
      t0 = t;
      break;
    }
  }
  if (t0 === undefined || !f0) {
    refuse('urn:resource-limit', 'No slot between [${first}] and [${last}] has the requested resources free', { first: formatInstant(first), last: formatInstant(last) });
    return { result: 'NO', messages: no };
  }
  add(make(t0, cores.base, memory.base));
  add(make(t0, Math.min(cores.upper, f0.cores), Math.min(memory.upper, f0.memory)));
  // A later slot, back to back with the first, with more resources where they are free.
  const later = [...starts.filter((t) => t > t0!), alignUp(t0 + duration + timings.release + timings.prepare, timings.slot)]
    .filter((t) => t <= last)
    .sort((a, b) => a - b);
  for (const t of later) {
    const f = fits(t);
    if (f) {
      add(make(t, Math.min(cores.upper, f.cores), Math.min(memory.upper, f.memory)));
      break;
    }
  }
  return { result: 'YES', offers, messages: [] };
};

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
export function startWindow(text: string): { start: number; end: number } | undefined {
  const iv = parseInterval(text);
  if (isTimeError(iv)) return undefined;
  const b = intervalBounds(iv);
  return b && b.end >= b.start ? b : undefined;
}

function alignUp(t: number, slot: number): number {
  return Math.ceil(t / slot) * slot;
}
