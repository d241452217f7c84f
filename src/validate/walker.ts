import type { DocumentType } from '../findings.js';
import { KNOWN_KINDS, type KnownKind } from './known-kinds.js';
import type { Family } from './family.js';
import { isList, isObject, type JsonRecord } from '../util/index.js';

/**
 * The one typed walker (STYLE.md item 8): a single pass over the document that
 * follows the data model's shape and collects the nodes rules ask for. Rules
 * never traverse on their own. Linear in the document size; pointers are
 * plain strings built as the walk goes.
 */

export interface ComponentNode {
  readonly pointer: string;
  readonly value: JsonRecord;
  readonly family: Family;
  /** The `kind` member when it is a string. */
  readonly kind: string | undefined;
  /** What the schema says of that kind; undefined for an unknown or absent kind (looked up once, here). */
  readonly known: KnownKind | undefined;
}

export interface MinMaxNode {
  readonly pointer: string;
  readonly value: JsonRecord;
  /** What the pair measures (`cores`, `memory`, `size`, `cost`, `metric`, `option`). */
  readonly name: string;
  /** Deltas may be negative. */
  readonly allowNegative: boolean;
}

/** `start` = an instant or an interval giving a start range; `date-time` = RFC 3339 timestamps. */
export type TimeSyntax = 'instant' | 'duration' | 'start' | 'date-time';

export interface TimeNode {
  readonly pointer: string;
  readonly value: unknown;
  readonly syntax: TimeSyntax;
}

export interface ValueNode {
  readonly pointer: string;
  readonly value: unknown;
}

/** The units of an integer option or update, with the path the option or update is about. */
export interface UnitsNode extends ValueNode {
  readonly path: unknown;
}

/** A set of components resolved against each other: a request, or one session/offer. */
export interface ScopeNode {
  readonly pointer: string;
  readonly value: JsonRecord;
  executable?: ComponentNode;
  compute?: ComponentNode;
  readonly storage: ComponentNode[];
  readonly data: ComponentNode[];
  readonly volumes: ComponentNode[];
}

export interface SessionNode {
  readonly pointer: string;
  readonly value: JsonRecord;
  /** True when the session is an offer inside an offer set. */
  readonly inOfferSet: boolean;
  readonly scope: ScopeNode;
}

export interface DocumentNodes {
  readonly components: ComponentNode[];
  readonly minmax: MinMaxNode[];
  readonly times: TimeNode[];
  readonly units: UnitsNode[];
  /** Every item of a `meta.messages` list. */
  readonly messages: ValueNode[];
  readonly scopes: ScopeNode[];
  readonly sessions: SessionNode[];
  /** The request scope (request documents only). */
  readonly request: ScopeNode | undefined;
  byFamily(family: Family): ComponentNode[];
}

/** One lookup per kind (a Map, not an own-property check plus a read of a record with long URI keys). */
const KNOWN: ReadonlyMap<string, KnownKind> = new Map(Object.entries(KNOWN_KINDS));

const STEPS = ['preparing', 'available', 'releasing'] as const;
const NONE: ComponentNode[] = [];

class Collector {
  readonly components: ComponentNode[] = [];
  readonly minmax: MinMaxNode[] = [];
  readonly times: TimeNode[] = [];
  readonly units: UnitsNode[] = [];
  readonly messages: ValueNode[] = [];
  /** The components again, by family, filled as they are found. */
  readonly families = new Map<Family, ComponentNode[]>();
  readonly scopes: ScopeNode[] = [];
  readonly sessions: SessionNode[] = [];
  requestScope: ScopeNode | undefined;

  time(obj: JsonRecord, key: string, ptr: string, syntax: TimeSyntax): void {
    const v = obj[key];
    if (v !== undefined) this.times.push({ pointer: `${ptr}/${key}`, value: v, syntax });
  }

  pair(obj: JsonRecord, key: string, ptr: string, allowNegative = false): void {
    const v = obj[key];
    if (isObject(v)) this.minmax.push({ pointer: `${ptr}/${key}`, value: v, name: key, allowNegative });
  }

  component(v: unknown, ptr: string, family: Family): ComponentNode | undefined {
    if (!isObject(v)) return undefined;
    const kind = typeof v.kind === 'string' ? v.kind : undefined;
    const known = kind === undefined ? undefined : KNOWN.get(kind);
    const node: ComponentNode = { pointer: ptr, value: v, family, kind, known };
    this.components.push(node);
    const same = this.families.get(family);
    if (same) same.push(node);
    else this.families.set(family, [node]);
    // Child pointers are built only for members that are there: most components have no costs or metrics.
    if (isObject(v.meta)) this.meta(v.meta, `${ptr}/meta`);
    if (Array.isArray(v.costs)) this.items(v.costs, `${ptr}/costs`, 'cost');
    if (Array.isArray(v.metrics)) this.items(v.metrics, `${ptr}/metrics`, 'metric');
    if (isObject(v.schedule) && family !== 'session') this.lifecycleSchedule(v.schedule, `${ptr}/schedule`);
    switch (family) {
      case 'compute':
        this.pair(v, 'cores', ptr);
        this.pair(v, 'memory', ptr);
        if (Array.isArray(v.accelerators))
          v.accelerators.forEach((a, i) => this.component(a, `${ptr}/accelerators/${i}`, 'accelerator'));
        break;
      case 'accelerator':
        this.pair(v, 'count', ptr);
        this.pair(v, 'memory', ptr);
        break;
      case 'storage':
        this.pair(v, 'size', ptr);
        this.time(v, 'lifetime', ptr, 'duration');
        break;
      case 'option':
      case 'update':
        if (v.min !== undefined || v.max !== undefined) {
          const isDelta = typeof v.kind === 'string' && v.kind.includes('delta');
          this.minmax.push({ pointer: ptr, value: v, name: family, allowNegative: isDelta });
        }
        if (v.units !== undefined) this.units.push({ pointer: `${ptr}/units`, value: v.units, path: v.path });
        break;
      default:
        break;
    }
    return node;
  }

  items(list: unknown, ptr: string, family: 'cost' | 'metric'): void {
    if (!isList(list)) return;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const p = `${ptr}/${i}`;
      if (this.component(item, p, family) && isObject(item) && (item.min !== undefined || item.max !== undefined)) {
        this.minmax.push({ pointer: p, value: item, name: family, allowNegative: false });
      }
    }
  }

  meta(meta: unknown, ptr: string): void {
    if (!isObject(meta)) return;
    this.time(meta, 'created', ptr, 'date-time');
    this.time(meta, 'modified', ptr, 'date-time');
    if (isList(meta.messages)) {
      for (let i = 0; i < meta.messages.length; i++) {
        const m = meta.messages[i];
        const p = `${ptr}/messages/${i}`;
        this.messages.push({ pointer: p, value: m });
        if (isObject(m)) this.time(m, 'time', p, 'date-time');
      }
    }
    if (Array.isArray(meta.options)) {
      for (let i = 0; i < meta.options.length; i++) this.component(meta.options[i], `${ptr}/options/${i}`, 'option');
    }
  }

  lifecycleSchedule(s: JsonRecord, ptr: string): void {
    for (const step of STEPS) {
      const block = s[step];
      if (!isObject(block)) continue;
      const p = `${ptr}/${step}`;
      this.time(block, 'start', p, step === 'available' ? 'start' : 'instant');
      this.time(block, 'duration', p, 'duration');
    }
  }

  /** executable, compute (+volumes), storage[], data[] of a request or a session. */
  scope(v: JsonRecord, ptr: string): ScopeNode {
    const scope: ScopeNode = { pointer: ptr, value: v, storage: [], data: [], volumes: [] };
    scope.executable = this.component(v.executable, `${ptr}/executable`, 'executable');
    scope.compute = this.component(v.compute, `${ptr}/compute`, 'compute');
    if (scope.compute && Array.isArray(scope.compute.value.volumes)) {
      const vols = scope.compute.value.volumes;
      for (let i = 0; i < vols.length; i++) {
        const n = this.component(vols[i], `${ptr}/compute/volumes/${i}`, 'volume');
        if (n) scope.volumes.push(n);
      }
    }
    for (const family of ['storage', 'data'] as const) {
      const list = v[family];
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        const n = this.component(list[i], `${ptr}/${family}/${i}`, family);
        if (n) scope[family].push(n);
      }
    }
    this.scopes.push(scope);
    return scope;
  }

  request(v: JsonRecord): void {
    this.requestScope = this.scope(v, '');
    this.items(v.costs, '/costs', 'cost');
    this.items(v.metrics, '/metrics', 'metric');
    if (isObject(v.schedule) && isObject(v.schedule.requested)) {
      const start = v.schedule.requested.start;
      // One start range, or a list of alternatives (EB-SCH-12): each item is a start of its own.
      if (Array.isArray(start))
        start.forEach((s, i) =>
          this.times.push({ pointer: `/schedule/requested/start/${i}`, value: s, syntax: 'start' }),
        );
      else this.time(v.schedule.requested, 'start', '/schedule/requested', 'start');
      this.time(v.schedule.requested, 'duration', '/schedule/requested', 'duration');
    }
  }

  session(v: JsonRecord, ptr: string, inOfferSet: boolean): void {
    this.component(v, ptr, 'session');
    this.time(v, 'expires', ptr, 'date-time');
    if (isObject(v.schedule)) this.lifecycleSchedule(v.schedule, `${ptr}/schedule`);
    const scope = this.scope(v, ptr);
    this.sessions.push({ pointer: ptr, value: v, inOfferSet, scope });
  }

  offerset(v: JsonRecord): void {
    if (isObject(v.meta)) this.meta(v.meta, '/meta');
    if (!isList(v.offers)) return;
    for (let i = 0; i < v.offers.length; i++) {
      const o = v.offers[i];
      if (isObject(o)) this.session(o, `/offers/${i}`, true);
    }
  }
}

/** Walks a document of a known type once and returns its nodes. */
export function walk(root: unknown, type: DocumentType): DocumentNodes {
  const c = new Collector();
  if (isObject(root)) {
    switch (type) {
      case 'request':
        c.request(root);
        break;
      case 'offerset':
        c.offerset(root);
        break;
      case 'session':
        c.session(root, '', false);
        break;
      case 'update':
        c.component(root, '', 'update');
        break;
      case 'error':
        break;
    }
  }
  return {
    components: c.components,
    minmax: c.minmax,
    times: c.times,
    units: c.units,
    messages: c.messages,
    scopes: c.scopes,
    sessions: c.sessions,
    request: c.requestScope,
    byFamily(family) {
      return c.families.get(family) ?? NONE;
    },
  };
}
