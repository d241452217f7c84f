/**
 * Executable kinds a lower broker runs, read from its VOSI capabilities and cached with a TTL (EB-FED-14).
 * ebkit's convention: `<executableKind>URI</executableKind>` elements (any namespace prefix) inside the
 * ExecutionBroker capability. A broker that lists none, or whose capabilities cannot be read, is "unknown"
 * and is asked anyway: a missing capability document must not silence a broker.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Upstream } from './upstream.js';

export type KindSet = ReadonlySet<string> | 'unknown';

/** The kinds listed in a capabilities document; 'unknown' when it lists none or is not usable XML. */
export function executableKindsOf(xml: string): KindSet {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return 'unknown';
  let tree: unknown;
  try {
    tree = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      parseTagValue: false,
      removeNSPrefix: true,
    }).parse(xml);
  } catch {
    return 'unknown';
  }
  const kinds = new Set<string>();
  const walk = (node: unknown, inBroker: boolean, depth: number): void => {
    if (depth > 32 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inBroker, depth + 1);
      return;
    }
    const obj = node as Record<string, unknown>;
    const std = obj['@_standardID'];
    const here = inBroker || (typeof std === 'string' && std.startsWith('ivo://ivoa.net/std/ExecutionBroker'));
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'executableKind' && here) {
        for (const item of Array.isArray(v) ? v : [v]) {
          const text =
            typeof item === 'string'
              ? item
              : typeof item === 'object' && item !== null
                ? (item as Record<string, unknown>)['#text']
                : undefined;
          if (typeof text === 'string' && text.trim() !== '') kinds.add(text.trim());
        }
      } else if (!k.startsWith('@_')) walk(v, here, depth + 1);
    }
  };
  walk(tree, false, 0);
  return kinds.size > 0 ? kinds : 'unknown';
}

/**
 * Per-broker cache of kinds; a fetch in flight is shared, failures are cached for the TTL as 'unknown'. Routing
 * reads it with `peek`, which never waits: a broker whose capabilities are still being fetched is 'unknown' (asked),
 * so a stalled /capabilities cannot delay an answer beyond the upstream timeout (EB-FED-15).
 */
export class CapabilityCache {
  private readonly entries = new Map<string, { at: number; kinds: Promise<KindSet>; ready?: KindSet }>();

  /** The kinds known now (fetching in the background when stale or never fetched). */
  peek(upstream: Upstream): KindSet {
    if (upstream.config.executableKinds) return new Set(upstream.config.executableKinds);
    void this.kinds(upstream);
    return this.entries.get(upstream.name)?.ready ?? 'unknown';
  }

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  kinds(upstream: Upstream): Promise<KindSet> {
    if (upstream.config.executableKinds) return Promise.resolve(new Set(upstream.config.executableKinds));
    const hit = this.entries.get(upstream.name);
    const t = this.now();
    if (hit && t - hit.at < this.ttlMs) return hit.kinds;
    const entry: { at: number; kinds: Promise<KindSet>; ready?: KindSet } = {
      at: t,
      kinds: Promise.resolve<KindSet>('unknown'),
      ...(hit?.ready ? { ready: hit.ready } : {}),
    };
    entry.kinds = upstream
      .capabilities()
      .then(
        (xml) => (xml === undefined ? 'unknown' : executableKindsOf(xml)),
        (): KindSet => 'unknown',
      )
      .then((k) => {
        entry.ready = k;
        return k;
      });
    this.entries.set(upstream.name, entry);
    return entry.kinds;
  }
}
