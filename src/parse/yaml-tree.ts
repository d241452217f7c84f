import type { Document, LineCounter, Node } from 'yaml';
import type { Finding } from '../findings.js';
import { bigIntegerProblem, numberRangeProblem } from './number-range.js';
import { parseFinding } from './finding.js';
import { unsafeKeyFinding } from './json.js';
import { UNSAFE_KEYS, childPointer } from '../util/index.js';
import { yamlLib } from './yaml-lib.js';

export interface YamlWalk {
  /** Pointer → offset of the value node (the key when the value is empty). */
  offsets: Map<string, number>;
  findings: Finding[];
}

/**
 * One walk over a `yaml` Document's nodes: the pointer→offset index for the
 * locator and, when `check` is set, the anomalies js-yaml refused (duplicate,
 * non-string and unsafe keys, unsafe integers, depth). Aliases are not followed.
 */
export function walkYaml(doc: Document, lc: LineCounter, maxDepth: number, check: boolean): YamlWalk {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
  const out: YamlWalk = { offsets: new Map(), findings: [] };
  const pos = (offset: number): { line: number; column: number } => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  let tooDeep = false;
  const visit = (node: unknown, pointer: string, depth: number, fallback: number): void => {
    const range = (node as Node | null)?.range;
    // an empty value (`key:`) has a zero-width range after the colon: point at the key instead
    out.offsets.set(pointer, range && range[1] > range[0] ? range[0] : fallback);
    if (node === null || node === undefined || isAlias(node)) return;
    if (isScalar(node)) {
      if (!check) return;
      const v = node.value;
      if (typeof v !== 'number') return;
      const source = String(node.source ?? v);
      const big = Number.isInteger(v) && !Number.isSafeInteger(v) ? bigIntegerProblem(source, v) : undefined;
      const problem = big?.message ?? numberRangeProblem(source, v);
      if (problem !== undefined)
        out.findings.push(
          parseFinding('EBK_UNSAFE_NUMBER', problem, pointer, pos(range?.[0] ?? fallback), big?.level ?? 'error', {
            text: source,
          }),
        );
      return;
    }
    if (!isMap(node) && !isSeq(node)) return;
    if (depth >= maxDepth) {
      if (check && !tooDeep) {
        tooDeep = true;
        out.findings.push(
          parseFinding(
            'EBK_TOO_DEEP',
            `The YAML nests deeper than ${maxDepth} levels.`,
            pointer,
            pos(range?.[0] ?? fallback),
            'error',
            { maxDepth },
          ),
        );
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, childPointer(pointer, i), depth + 1, range?.[0] ?? fallback));
      return;
    }
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyOffset = keyNode?.range?.[0] ?? range?.[0] ?? fallback;
      let key: string;
      if (isScalar(keyNode) && typeof keyNode.value === 'string') key = keyNode.value;
      else if (isScalar(keyNode) || keyNode === null) {
        key = String(isScalar(keyNode) ? keyNode.value : null);
        if (check)
          out.findings.push(
            parseFinding(
              'EBK_SYNTAX',
              `A mapping key is not a string (${key}); it is read as the string "${key}".`,
              childPointer(pointer, key),
              pos(keyOffset),
              'warning',
              { key },
            ),
          );
      } else {
        if (check)
          out.findings.push(
            parseFinding(
              'EBK_SYNTAX',
              'A mapping key is a collection or alias; only string keys are allowed.',
              pointer,
              pos(keyOffset),
              'error',
            ),
          );
        continue;
      }
      const child = childPointer(pointer, key);
      if (check && seen.has(key)) {
        out.findings.push(
          parseFinding(
            'EBK_DUPLICATE_KEY',
            `The key "${key}" appears more than once in the same mapping.`,
            child,
            pos(keyOffset),
            'error',
            { key },
          ),
        );
      }
      seen.add(key);
      if (check && UNSAFE_KEYS.has(key)) out.findings.push(unsafeKeyFinding(key, child, pos(keyOffset)));
      visit(pair.value, child, depth + 1, keyOffset);
    }
  };
  visit(doc.contents, '', 0, 0);
  return out;
}
