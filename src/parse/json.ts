import type { Finding } from '../findings.js';
import { parseFinding } from './finding.js';
import { scanJson, type JsonScan } from './json-scan.js';
import type { LineIndex } from './lines.js';
import { safeCopy } from './safe-value.js';
import { UNDERFLOW_HINT, bigIntegerProblem } from './number-range.js';
import { UNSAFE_KEYS, errorMessage } from '../util/index.js';
import { parse as parseLenient, type ParseError } from 'jsonc-parser';

export interface JsonResult {
  ok: boolean;
  value: unknown;
  findings: Finding[];
  /** Set when the slow path already scanned; the locator reuses it. */
  scan?: JsonScan;
}

/**
 * Hot path: JSON.parse (native, and safe with any nesting), then one bounded
 * walk of the result and two native substring counts. Only a document that
 * looks anomalous pays for the exact scan (scanJson), which finds every
 * problem with its pointer and position.
 */
export function parseJson(text: string, maxDepth: number, lines: LineIndex): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, value: undefined, findings: [syntaxFinding(e, text, lines)] };
  }
  const stats: WalkStats = { members: 0, suspicious: false };
  walk(value, 1, maxDepth, stats);
  if (!stats.suspicious && !duplicatesPossible(text, stats.members) && !UNDERFLOW_HINT.test(text))
    return { ok: true, value, findings: [] };
  return slowPath(text, value, maxDepth, lines);
}

interface WalkStats {
  members: number;
  /** Too deep, an unsafe key, an unsafe integer or an infinite number: the exact scan decides. */
  suspicious: boolean;
}

/** Counts members and flags what needs the exact scan; never descends past maxDepth. */
function walk(v: unknown, depth: number, maxDepth: number, stats: WalkStats): void {
  if (typeof v !== 'object' || v === null) return;
  if (depth > maxDepth) {
    stats.suspicious = true;
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object') walk(x, depth + 1, maxDepth, stats);
      else if (typeof x === 'number' && unsafe(x)) stats.suspicious = true;
    }
    return;
  }
  for (const k in v) {
    stats.members++;
    if (UNSAFE_KEYS.has(k)) stats.suspicious = true;
    const x: unknown = (v as Record<string, unknown>)[k];
    if (typeof x === 'object') walk(x, depth + 1, maxDepth, stats);
    else if (typeof x === 'number' && unsafe(x)) stats.suspicious = true;
  }
}

/** An integer past ±2^53−1, or a literal beyond a double's range (read as Infinity). */
function unsafe(x: number): boolean {
  return (!Number.isSafeInteger(x) && Number.isInteger(x)) || !Number.isFinite(x);
}

/**
 * JSON.parse keeps only the last of duplicate keys, so duplicates leave fewer
 * members than key separators. When no colon follows whitespace, every
 * separator is written `":`; string contents can add to that count (`\":`)
 * but never lower it, so equal counts prove there is no duplicate.
 */
function duplicatesPossible(text: string, members: number): boolean {
  let n = 0;
  // one pass over the (rare) colons, not over every character
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    const before = text.charCodeAt(i - 1);
    if (before === 34) n++;
    else if (before === 32 || before === 10 || before === 9 || before === 13) return true;
  }
  return n !== members;
}

function slowPath(text: string, parsed: unknown, maxDepth: number, lines: LineIndex): JsonResult {
  const scan = scanJson(text, maxDepth);
  if (scan.tooDeep) {
    const f = parseFinding(
      'EBK_TOO_DEEP',
      `The JSON nests deeper than ${maxDepth} levels; it was not accepted.`,
      scan.tooDeep.pointer,
      lines.position(scan.tooDeep.offset),
      'error',
      { maxDepth },
    );
    return { ok: false, value: undefined, findings: [f], scan };
  }
  const findings: Finding[] = [];
  for (const d of scan.duplicates) {
    findings.push(
      parseFinding(
        'EBK_DUPLICATE_KEY',
        `The key "${d.key}" appears more than once in the same object; the last value would silently win.`,
        d.pointer,
        lines.position(d.offset),
        'error',
        { key: d.key },
      ),
    );
  }
  for (const u of scan.unsafeKeys) findings.push(unsafeKeyFinding(u.key, u.pointer, lines.position(u.offset)));
  for (const u of scan.unsafeNumbers) {
    const big = u.problem === undefined ? bigIntegerProblem(u.text, Number(u.text)) : undefined;
    findings.push(
      parseFinding(
        'EBK_UNSAFE_NUMBER',
        u.problem ?? big!.message,
        u.pointer,
        lines.position(u.offset),
        big?.level ?? 'error',
        { text: u.text },
      ),
    );
  }
  let value = parsed;
  if (scan.unsafeKeys.length > 0) value = safeCopy(parsed, Infinity, maxDepth).value;
  return { ok: true, value, findings, scan };
}

export function unsafeKeyFinding(
  key: string,
  pointer: string,
  at: { line: number; column: number } | undefined,
): Finding {
  return parseFinding(
    'EBK_UNSAFE_KEY',
    `The key "${key}" is refused (it could alter object prototypes); the member was removed.`,
    pointer,
    at,
    'error',
    { key },
  );
}

function syntaxFinding(e: unknown, text: string, lines: LineIndex): Finding {
  const message = errorMessage(e);
  const m = /at position (\d+)/.exec(message);
  const offset = m ? Number(m[1]) : /^Unexpected end/.test(message) ? text.length : faultOffset(text);
  const reason = message
    .replace(/( in JSON)? at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  return parseFinding('EBK_SYNTAX', `The JSON is not well-formed: ${reason}.`, '', lines.position(offset), 'error', {
    offset,
  });
}

/**
 * Where the first fault is, for the messages of V8 that name no position ("Unexpected token ','" quotes a piece of
 * the text instead): jsonc-parser's strict scan reports each error at an offset. Only a text already refused pays.
 */
function faultOffset(text: string): number {
  const errors: ParseError[] = [];
  try {
    parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses: text nested deeper than the stack is placed at its end, as V8's message leaves it.
    return text.length;
  }
  return errors[0]?.offset ?? text.length;
}
