import { load } from 'js-yaml';
import { expect } from 'vitest';
import type { DocumentType } from '../../../src/findings.js';
import { validate, type Rule } from '../../../src/validate/index.js';
import { exampleText } from './corpus.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh copy of a valid corpus example, to mutate into a failing fixture. */
const cache = new Map<string, Json>();

export function example(file: string): Json {
  let doc = cache.get(file);
  if (!doc) {
    const text = exampleText(file, 'yaml');
    if (text === undefined) throw new Error(`missing example ${file}`);
    doc = load(text) as Json;
    cache.set(file, doc);
  }
  return structuredClone(doc);
}

export const request = (): Json => example('valid/request-docker-ports-volumes.yaml');
export const offerset = (): Json => example('valid/offerset-yes-three-offers.yaml');
export const session = (): Json => example('valid/session-offered.yaml');
export const accepted = (): Json => example('valid/session-accepted.yaml');
export const update = (): Json => example('valid/update-accept-enum-value.yaml');

export interface RuleCase {
  name: string;
  type: DocumentType;
  doc: Json;
  /** Requirement IDs the rule must report; [] for a passing fixture. */
  findings: string[];
  /** Expected level of every finding, when it matters. */
  level?: 'error' | 'warning' | 'info';
}

/** Runs one rule alone (no schema stage) and compares the IDs it reports. */
export function runCase(rule: Rule, c: RuleCase): void {
  const result = validate(c.doc, { type: c.type, rules: [rule], schema: false });
  const ids = result.findings.map((f) => f.ruleId).sort();
  expect(ids, JSON.stringify(result.findings, null, 1)).toEqual([...c.findings].sort());
  for (const f of result.findings) {
    expect(f.rule).toBe(rule.slug);
    if (c.level) expect(f.level).toBe(c.level);
  }
}
