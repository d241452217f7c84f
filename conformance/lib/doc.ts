/** Reading documents the broker sent, which may be anything. */
import { ACTIVE_PHASES, FINAL_PHASES } from './fixtures.js';

export type Doc = Record<string, unknown>;

export function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function get(value: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') cur = Array.isArray(cur) ? cur[key] : undefined;
    else cur = isDoc(cur) ? cur[key] : undefined;
  }
  return cur;
}

/** Phase-option values a session advertises for `path: phase` (or `/phase`); undefined when it has no meta.options. */
export function phaseOptions(session: unknown): string[] | undefined {
  const options = get(session, 'meta', 'options');
  if (options === undefined) return undefined;
  const values: string[] = [];
  for (const o of asArray(options)) {
    const path = get(o, 'path');
    if (path === 'phase' || path === '/phase') for (const v of asArray(get(o, 'values'))) values.push(String(v));
  }
  return values;
}

export function isFinal(phase: unknown): boolean {
  return FINAL_PHASES.has(String(phase));
}

export function isActive(phase: unknown): boolean {
  return ACTIVE_PHASES.has(String(phase));
}

export function sessionUrlOf(session: unknown, target: string): string | undefined {
  const url = get(session, 'meta', 'url');
  if (typeof url === 'string') {
    try {
      return new URL(url, target).href;
    } catch {
      return undefined;
    }
  }
  const uuid = get(session, 'meta', 'uuid');
  return typeof uuid === 'string' ? new URL(`sessions/${uuid}`, `${target.replace(/\/$/, '')}/`).href : undefined;
}

/** An offer set's result as a message names it: `result "MAYBE"`, or `no result` when the member is absent. */
export function resultText(result: unknown): string {
  return result === undefined ? 'no result' : `result ${JSON.stringify(result)}`;
}
