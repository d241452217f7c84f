/**
 * Which lower brokers a request goes to (EB-FED-14) and the message that says why (EB-FED-13): first by data
 * location (the config's data map against what the request's data resources name), then by executable kind.
 */
import { KINDS } from '../model/index.js';
import type { DataMap } from './config.js';
import type { CapabilityCache } from './capabilities.js';
import type { Upstream } from './upstream.js';
import { isObject as isObj } from '../util/index.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What a request's data resources name, by the keys a data map can match. */
export interface DataKeys {
  urls: string[];
  rucioScopes: string[];
  storageElements: string[];
  ivoids: string[];
}

export function dataKeysOf(request: unknown): DataKeys {
  const keys: DataKeys = { urls: [], rucioScopes: [], storageElements: [], ivoids: [] };
  const data = isObj(request) && Array.isArray(request.data) ? request.data : [];
  for (const d of data) {
    if (!isObj(d)) continue;
    const push = (list: string[], v: unknown): void => {
      const s = str(v);
      if (s) list.push(s);
    };
    push(keys.urls, d.location);
    push(keys.urls, d.endpoint);
    if (isObj(d.rucio)) push(keys.rucioScopes, d.rucio.scope);
    if (isObj(d.ivoa)) push(keys.ivoids, d.ivoa.ivoid);
    if (isObj(d.skao)) {
      push(keys.rucioScopes, d.skao.namespace);
      for (const r of Array.isArray(d.skao.replicas) ? d.skao.replicas : []) {
        if (!isObj(r)) continue;
        push(keys.storageElements, r.rsename);
        push(keys.urls, r.dataurl);
      }
    }
  }
  return keys;
}

/** Why a data map matches the keys ("rucio scope X"), or undefined. */
export function dataMatch(map: DataMap | undefined, keys: DataKeys): string | undefined {
  if (!map) return undefined;
  const url = keys.urls.find((u) => map.urlPrefixes.some((p) => u.startsWith(p)));
  if (url) return `data at ${url}`;
  const scope = keys.rucioScopes.find((s) => map.rucioScopes.includes(s));
  if (scope) return `Rucio scope ${scope}`;
  const se = keys.storageElements.find((s) => map.storageElements.includes(s));
  if (se) return `storage element ${se}`;
  const ivoid = keys.ivoids.find((i) => map.ivoids.some((p) => i.toLowerCase().startsWith(p.toLowerCase())));
  if (ivoid) return `ivoid ${ivoid}`;
  return undefined;
}

export interface Route {
  targets: Upstream[];
  /** One sentence naming the brokers asked and why the others were left out. */
  reason: string;
}

/** Routes a request: brokers holding its data (all when none declares it), then those that run its kind. */
export function route(request: unknown, upstreams: readonly Upstream[], caps: CapabilityCache): Route {
  const keys = dataKeysOf(request);
  const named = keys.urls.length + keys.rucioScopes.length + keys.storageElements.length + keys.ivoids.length > 0;
  const matches = named
    ? upstreams.map((u) => ({ u, why: dataMatch(u.config.data, keys) })).filter((m) => m.why !== undefined)
    : [];
  const holders = matches.map((m) => m.u);
  const byData = `by data location: ${matches.map((m) => `${m.u.name} (${m.why})`).join(', ')}`;
  const exe = isObj(request) && isObj(request.executable) ? str(request.executable.kind) : undefined;
  const runsKind = (u: Upstream): boolean => {
    if (exe === undefined) return true;
    const kinds = caps.peek(u);
    return kinds === 'unknown' || kinds.has(exe);
  };
  const kindNote = (left: readonly Upstream[]): string[] =>
    left.length > 0 && exe !== undefined
      ? [
          `left out ${names(left)} (the kinds they run, from their capabilities or the config, do not include ${shortKind(exe)})`,
        ]
      : [];
  let targets: Upstream[];
  const notes: string[] = [];
  if (holders.length > 0 && holders.some(runsKind)) {
    targets = holders.filter(runsKind);
    const elsewhere = upstreams.filter((u) => !holders.includes(u));
    notes.push(byData);
    if (elsewhere.length > 0) notes.push(`left out ${names(elsewhere)} (no declared copy of the data)`);
    notes.push(...kindNote(holders.filter((u) => !runsKind(u))));
  } else if (holders.length > 0) {
    // The data's brokers come first (spec §4.4), not alone: when none of them runs the executable, a broker that
    // does may still stage the data, so it is asked rather than answering NO unasked.
    targets = upstreams.filter(runsKind);
    const which = `which ${holders.length > 1 ? 'do' : 'does'} not run ${shortKind(exe!)}`;
    notes.push(
      targets.length > 0
        ? `${byData}, ${which}, so the brokers that run it were asked (they may stage the data)`
        : `${byData}, ${which}`,
    );
    notes.push(...kindNote(upstreams.filter((u) => !runsKind(u))));
  } else {
    targets = upstreams.filter(runsKind);
    if (named) notes.push('no broker declares the data the request names, so none was left out for it');
    notes.push(...kindNote(upstreams.filter((u) => !runsKind(u))));
  }
  const asked = targets.length > 0 ? `Asked ${names(targets)}` : 'Asked no broker';
  return {
    targets,
    reason: notes.length > 0 ? `${asked}: ${notes.join('; ')}.` : `${asked} (no routing constraint applied).`,
  };
}

const names = (us: readonly Upstream[]): string => us.map((u) => u.name).join(', ');

function shortKind(kind: string): string {
  const known = Object.entries(KINDS).find(([, v]) => v === kind);
  return known ? known[0] : kind;
}
