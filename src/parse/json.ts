import type { Finding } from '../findings.js';
import { parseFinding } from './finding.js';
import { prescanJson, scanJson, type JsonScan } from './json-scan.js';
import type { LineIndex } from './lines.js';
import { safeCopy } from './safe-value.js';
import { UNSAFE_KEYS } from './types.js';

export interface JsonResult {
  ok: boolean;
  value: unknown;
  findings: Finding[];
  /** Set when the slow path already scanned; the locator reuses it. */
  scan?: JsonScan;
}

const UNSAFE_WORDS = [...UNSAFE_KEYS];

/**
 * Hot path: one cheap pre-scan (depth, member count, long digit runs), then
 * JSON.parse. Only a document that looks anomalous (fewer members than ':'
 * tokens, a long digit run, an unsafe word anywhere) pays for the exact scan.
 */
export function parseJson(text: string, maxDepth: number, lines: LineIndex): JsonResult {
  const pre = prescanJson(text, maxDepth);
  if (pre.tooDeepAt >= 0) {
    return {
      ok: false,
      value: undefined,
      findings: [
        parseFinding(
          'EBK_TOO_DEEP',
          `The JSON nests deeper than ${maxDepth} levels; it was not parsed.`,
          '',
          lines.position(pre.tooDeepAt),
          'error',
          { maxDepth },
        ),
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, value: undefined, findings: [syntaxFinding(e, text, lines)] };
  }
  const suspicious =
    pre.longDigits || countMembers(value) < pre.keyTokens || UNSAFE_WORDS.some((w) => text.includes(w));
  if (!suspicious) return { ok: true, value, findings: [] };
  return slowPath(text, value, maxDepth, lines);
}

function slowPath(text: string, parsed: unknown, maxDepth: number, lines: LineIndex): JsonResult {
  const scan = scanJson(text, maxDepth);
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
    findings.push(
      parseFinding(
        'EBK_UNSAFE_NUMBER',
        `The number ${u.text} is beyond the safe integer range (±2^53−1) and would lose precision.`,
        u.pointer,
        lines.position(u.offset),
        'error',
        { text: u.text },
      ),
    );
  }
  let value = parsed;
  if (scan.unsafeKeys.length > 0) value = safeCopy(parsed, Infinity, Infinity).value;
  return { ok: true, value, findings, scan };
}

export function unsafeKeyFinding(key: string, pointer: string, at: { line: number; column: number } | undefined): Finding {
  return parseFinding(
    'EBK_UNSAFE_KEY',
    `The key "${key}" is refused (it could alter object prototypes); the member was removed.`,
    pointer,
    at,
    'error',
    { key },
  );
}

/** Members of all objects in a parsed JSON value (JSON.parse keeps the last of duplicate keys). */
function countMembers(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) n += countMembers(v[i]);
    return n;
  }
  for (const key in v) {
    n += 1 + countMembers((v as Record<string, unknown>)[key]);
  }
  return n;
}

function syntaxFinding(e: unknown, text: string, lines: LineIndex): Finding {
  const message = e instanceof Error ? e.message : String(e);
  const m = /at position (\d+)/.exec(message);
  const offset = m ? Number(m[1]) : text.length;
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  return parseFinding('EBK_SYNTAX', `The JSON is not well-formed: ${reason}.`, '', lines.position(offset), 'error', {
    offset,
  });
}
