/** Text ↔ value conversion of simple members, per the leaf type in the mapping table. */
import type { LeafType } from './mapping.js';

const INTEGER = /^[+-]?\d+$/;
// xs:double lexical space without INF/NaN (JSON has no such numbers).
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?$/;

export type LeafResult = { ok: true; value: unknown } | { ok: false; value: string; expected: string };

/** Canonical text of a value (numbers in shortest round-trip form, booleans as true/false). */
export function leafToText(value: unknown): string {
  if (typeof value === 'string') return value;
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
      if (!Number.isSafeInteger(n)) return { ok: false, value: text, expected: 'an integer within ±2^53' };
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
