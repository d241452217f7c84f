import { UNSAFE_KEYS, childPointer } from '../util/index.js';
import { numberRangeProblem } from './number-range.js';

/** Offset of the quote closing the string opened at `start`, or -1. */
export function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1) {
    let k = j - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((j - k) % 2 === 1) return j; // an even number of backslashes before it
    j = text.indexOf('"', j + 1);
  }
  return -1;
}

export interface KeyHit {
  pointer: string;
  key: string;
  offset: number;
}

/** The slow, exact scan: positions of every value plus the anomalies, with pointers. */
export interface JsonScan {
  /** Pointer → offset of the value's first character (the later one for a duplicate key). */
  offsets: Map<string, number>;
  duplicates: KeyHit[];
  unsafeKeys: KeyHit[];
  /** Integers past ±2^53−1, and numbers a double cannot hold (`problem` says why). */
  unsafeNumbers: { pointer: string; text: string; offset: number; problem?: string }[];
  tooDeep?: { pointer: string; offset: number };
}

interface Frame {
  array: boolean;
  pointer: string;
  index: number;
  keys: Set<string> | undefined;
}

const WS = new Set([32, 9, 10, 13]);

/**
 * Iterative (no recursion, so no stack overflow) and total: on malformed input
 * it stops and returns what it found, never throws.
 */
export function scanJson(text: string, maxDepth = Infinity): JsonScan {
  const out: JsonScan = { offsets: new Map(), duplicates: [], unsafeKeys: [], unsafeNumbers: [] };
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  let pointer = '';
  const skipWs = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  // state: 0 expect value, 1 after value, 2 expect key
  let state = 0;
  for (;;) {
    skipWs();
    if (i >= n) return out;
    const c = text.charCodeAt(i);
    if (state === 0) {
      out.offsets.set(pointer, i);
      if (c === 123 || c === 91) {
        if (stack.length >= maxDepth) {
          out.tooDeep = { pointer, offset: i };
          return out;
        }
        const array = c === 91;
        stack.push({ array, pointer, index: 0, keys: array ? undefined : new Set() });
        i++;
        skipWs();
        const close = text.charCodeAt(i);
        if (close === (array ? 93 : 125)) {
          i++;
          stack.pop();
          state = 1;
        } else if (array) pointer = childPointer(pointer, 0);
        else state = 2;
      } else if (c === 34) {
        const end = stringEnd(text, i);
        if (end < 0) return out;
        i = end + 1;
        state = 1;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        const start = i;
        i++;
        while (i < n && /[0-9.eE+-]/.test(text[i] ?? '')) i++;
        const num = text.slice(start, i);
        if (/^-?\d{16,}$/.test(num) && !Number.isSafeInteger(Number(num))) {
          out.unsafeNumbers.push({ pointer, text: num, offset: start });
        } else {
          const problem = numberRangeProblem(num, Number(num));
          if (problem !== undefined) out.unsafeNumbers.push({ pointer, text: num, offset: start, problem });
        }
        state = 1;
      } else if (c >= 97 && c <= 122) {
        while (i < n && text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122) i++;
        state = 1;
      } else return out;
    } else if (state === 1) {
      const top = stack[stack.length - 1];
      if (!top) return out;
      if (c === 44) {
        i++;
        if (top.array) pointer = childPointer(top.pointer, ++top.index);
        else state = 2;
        if (top.array) state = 0;
      } else if (c === (top.array ? 93 : 125)) {
        i++;
        stack.pop();
        pointer = top.pointer;
      } else return out;
    } else {
      const top = stack[stack.length - 1];
      if (!top || c !== 34) return out;
      const end = stringEnd(text, i);
      if (end < 0) return out;
      const raw = text.slice(i + 1, end);
      let key = raw;
      if (raw.includes('\\')) {
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return out;
        }
      }
      const hit = { pointer: childPointer(top.pointer, key), key, offset: i };
      if (top.keys?.has(key)) out.duplicates.push(hit);
      else top.keys?.add(key);
      if (UNSAFE_KEYS.has(key)) out.unsafeKeys.push(hit);
      i = end + 1;
      skipWs();
      if (text.charCodeAt(i) !== 58) return out;
      i++;
      pointer = hit.pointer;
      state = 0;
    }
  }
}
