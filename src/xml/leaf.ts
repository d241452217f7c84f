/** Text ↔ value conversion of simple members, per the leaf type in the mapping table. */
import { withinInt64 } from '../util/int64.js';
import type { LeafType } from './mapping.js';

const INTEGER = /^[+-]?\d+$/;
// xs:double lexical space without INF/NaN (JSON has no such numbers).
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?$/;

export type LeafResult = { ok: true; value: unknown } | { ok: false; value: string; expected: string };

/**
 * An integer past ±2^53−1 in digits, not exponent-free shortest form ("9223372036854776000" is past int64, which
 * xs:long refuses): the exact value of the double, except that ±2^63, the double a Java Long's MIN and MAX_VALUE
 * read as, is written as that Long (it reads back as the same double).
 */
function bigIntegerText(value: number): string {
  if (value === 2 ** 63) return '9223372036854775807';
  if (value === -(2 ** 63)) return '-9223372036854775808';
  return BigInt(value).toString();
}

/** Canonical text of a value (numbers in shortest round-trip form, booleans as true/false). */
export function leafToText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return bigIntegerText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return '';
  return JSON.stringify(value) ?? '';
}

/**
 * Reads the text of a leaf element. A text that does not fit its type stays a
 * string, so the JSON Schema reports it at the right place (and the XSD too).
 */
export function textToLeaf(text: string, type: LeafType): LeafResult {
  switch (type) {
    case 'integer':
    case 'count':
    case 'port':
    case 'int32': {
      const t = text.trim();
      if (!INTEGER.test(t)) return { ok: false, value: text, expected: 'an integer' };
      const n = Number(t);
      // Past ±2^53−1 a number holds only a neighbour: within int64 (the XSD's xs:long) it is read so, as JSON and
      // YAML read it (they warn); past int64 no schema integer can hold it.
      if (!Number.isSafeInteger(n) && !withinInt64(n))
        return { ok: false, value: text, expected: 'an integer within int64' };
      return { ok: true, value: n };
    }
    case 'number':
    case 'amount': {
      const t = text.trim();
      if (!DOUBLE.test(t)) return { ok: false, value: text, expected: 'a number' };
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, value: text, expected: 'a finite number' };
      return { ok: true, value: n };
    }
    case 'boolean': {
      const t = text.trim();
      if (t === 'true' || t === '1') return { ok: true, value: true };
      if (t === 'false' || t === '0') return { ok: true, value: false };
      return { ok: false, value: text, expected: 'true or false' };
    }
    default:
      return { ok: true, value: text };
  }
}

/** Whether a JS value has the JSON type the leaf type expects (else it is written as-is and left to validation). */
export function valueFitsLeaf(value: unknown, type: LeafType): boolean {
  switch (type) {
    case 'integer':
    case 'count':
    case 'port':
    case 'int32':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
    case 'amount':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}
