/**
 * Whether two readings of one resource (its JSON and its XML or YAML form) say the same: compared member by member
 * where both carry it. A member only one carries is counted, not judged: an extension member a broker writes in
 * JSON has no place in the XSD. Instants are compared as instants (an XML writer may put `+00:00` for `Z`),
 * durations as durations (`PT1H`, `P0Y0M0DT1H0M0.000S`), intervals part by part, numbers as numbers.
 */
import { durationValue, instantAfter } from './time.js';
import { escapeToken, isObject } from '../../src/util/index.js';

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

/** The same instant, to the last digit written. */
const sameInstant = (a: unknown, b: unknown): boolean => instantAfter(a, b) === false && instantAfter(b, a) === false;

function sameDuration(a: unknown, b: unknown): boolean {
  const x = durationValue(a);
  const y = durationValue(b);
  return x !== undefined && y !== undefined && x.months === y.months && x.ms === y.ms;
}

/** Instants, durations, and intervals of two of them (`start/end`, `start/duration`), each part as what it is. */
function sameTimeText(a: string, b: string): boolean {
  const pa = a.split('/');
  const pb = b.split('/');
  return (
    pa.length === pb.length && pa.length <= 2 && pa.every((x, i) => sameInstant(x, pb[i]) || sameDuration(x, pb[i]))
  );
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  return typeof a === 'string' && typeof b === 'string' && sameTimeText(a, b);
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
    if (isObject(a) && isObject(b)) {
      for (const [k, v] of Object.entries(a)) {
        const at = `${pointer}/${escapeToken(k)}`;
        if (!Object.hasOwn(b, k)) {
          if (v !== null && !(Array.isArray(v) && v.length === 0)) out.onlyFirst.push(at);
          continue;
        }
        walk(v, b[k], at, depth + 1);
      }
      return;
    }
    if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b) || !sameScalar(a, b))
      out.disagreements.push({ pointer: pointer || '/', first: shown(a), second: shown(b) });
  };
  walk(first, second, '', 0);
  return out;
}
