/**
 * Whether two readings of one resource (its JSON and its XML or YAML form) say the same: compared member by member
 * where both carry it. A member only one carries is counted, not judged: an extension member a broker writes in
 * JSON has no place in the XSD. Instants are compared as instants (an XML writer may put `+00:00` for `Z`), numbers
 * as numbers.
 */
import { instantAfter } from './time.js';

export interface Disagreement {
  pointer: string;
  /** The value in the first reading and in the second, as JSON text (shortened). */
  first: string;
  second: string;
}

export interface Comparison {
  disagreements: Disagreement[];
  /** Pointers of members the first reading carries and the second does not. */
  onlyFirst: string[];
}

const MAX_LISTED = 20;
const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  const later = instantAfter(a, b);
  return later === false && instantAfter(b, a) === false;
}

export function compareReadings(first: unknown, second: unknown): Comparison {
  const out: Comparison = { disagreements: [], onlyFirst: [] };
  const walk = (a: unknown, b: unknown, pointer: string, depth: number): void => {
    if (out.disagreements.length >= MAX_LISTED || depth > 64) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        out.disagreements.push({ pointer, first: `${a.length} item(s)`, second: `${b.length} item(s)` });
        return;
      }
      a.forEach((x, i) => walk(x, b[i], `${pointer}/${i}`, depth + 1));
      return;
    }
    if (isRecord(a) && isRecord(b)) {
      for (const [k, v] of Object.entries(a)) {
        const at = `${pointer}/${escape(k)}`;
        if (!Object.hasOwn(b, k)) {
          if (v !== null && !(Array.isArray(v) && v.length === 0)) out.onlyFirst.push(at);
          continue;
        }
        walk(v, b[k], at, depth + 1);
      }
      return;
    }
    if (isRecord(a) || isRecord(b) || Array.isArray(a) || Array.isArray(b) || !sameScalar(a, b))
      out.disagreements.push({ pointer: pointer || '/', first: shown(a), second: shown(b) });
  };
  walk(first, second, '', 0);
  return out;
}
