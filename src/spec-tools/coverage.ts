/**
 * Which requirement is tested by what: the coverage matrix (requirement → validator rules and
 * conformance checks), and the helpers that read requirement citations and typed example blocks
 * out of the standard's Markdown text.
 *
 * Rules and checks are discovered by importing every module under a directory and keeping the
 * exports that declare `requirements`, so the matrix follows the files themselves, not an index
 * that might lag behind them. The caller names the directories (spec-tools must not import the
 * conformance suite by name).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RegisterEntry } from './register.js';
import { citationsOf } from './citations.js';
import { errorMessage, isObject } from '../util/index.js';

/** A rule or a check, as far as coverage cares. */
export interface Provider {
  /** Rule slug or check id. */
  name: string;
  requirements: string[];
  /** Path relative to the scanned directory, e.g. `ref/unique-names.ts`. */
  file: string;
}

/**
 * A deliberately broken broker as coverage sees it: the requirements it breaks and the checks that catch it (fail
 * or warn against it, which its own test asserts). It is what shows a check *can* fail on a requirement.
 */
export interface MutantProvider {
  name: string;
  requirements: string[];
  catches: string[];
}

/** Mutants, and the requirements checks cite that no mutant can break (with the reason). */
export interface MutantProof {
  mutants: readonly MutantProvider[];
  unbreakable?: Readonly<Record<string, string>>;
}

export interface CoverageRow {
  id: string;
  level: RegisterEntry['level'];
  statement: string;
  section: string;
  rules: string[];
  checks: string[];
  /** Validator stages (schema, compare) and spec linters (lint-spec, drift) that report it. */
  lints: string[];
  /** Mutants that break it and are caught by a check citing it: the proof that those checks can fail on it. */
  mutants: string[];
  untestable?: string;
  /** Why no mutant can make a check citing it fail (status unproven). */
  unproven?: string;
  /**
   * covered: a rule or linter tests it, or a check that some mutant shows can fail on it; unproven: only checks
   * cite it and no mutant shows any of them failing on it; untestable: the register says why not; uncovered: none.
   */
  status: 'covered' | 'unproven' | 'untestable' | 'uncovered';
}

export interface Coverage {
  rows: CoverageRow[];
  /** IDs that rules or checks declare but the register lacks. */
  unknown: { id: string; by: string }[];
  /** Modules that failed to load, with the reason (never thrown). */
  loadErrors: string[];
  summary: {
    total: number;
    covered: number;
    unproven: number;
    untestable: number;
    uncovered: number;
    mustUncovered: number;
  };
}

/**
 * A value that declares requirements, named by `slug` (rules), `id`, or else by its path: a check at
 * `<class>/<name>.ts` declares neither and is `<class>-<name>` (conformance/checks/index.ts says the same).
 */
function asProvider(v: unknown, file: string): Provider | undefined {
  if (!isObject(v)) return undefined;
  const reqs = v['requirements'];
  if (!Array.isArray(reqs) || !reqs.every((r) => typeof r === 'string')) return undefined;
  const fromPath = /^([^/]+)\/([^/]+)\.(ts|js)$/.exec(file);
  const name =
    typeof v['slug'] === 'string'
      ? v['slug']
      : typeof v['id'] === 'string'
        ? v['id']
        : fromPath
          ? `${fromPath[1]}-${fromPath[2]}`
          : undefined;
  if (!name) return undefined;
  return { name, requirements: [...reqs], file };
}

async function listModules(root: string, rel = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listModules(root, path)));
    // Only files inside a sub-folder are rules/checks (<area>/<slug>); top-level files are indexes and helpers.
    else if (rel && /\.(ts|js)$/.test(e.name) && !/\.d\.ts$/.test(e.name) && !/\.test\./.test(e.name)) out.push(path);
  }
  return out;
}

/**
 * Imports every `<group>/<name>.{ts,js}` under `dir` and returns the exports that declare
 * requirements. A missing directory yields no providers; a module that fails to import is
 * reported in `errors`.
 */
export async function loadProviders(dir: string | URL): Promise<{ providers: Provider[]; errors: string[] }> {
  const root = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const providers: Provider[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const file of await listModules(root)) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
    } catch (err) {
      errors.push(`${file}: ${errorMessage(err)}`);
      continue;
    }
    for (const value of Object.values(mod)) {
      const p = asProvider(value, file);
      if (p && !seen.has(p.name)) {
        seen.add(p.name);
        providers.push(p);
      }
    }
  }
  return { providers, errors };
}

function asMutant(v: unknown): MutantProvider | undefined {
  if (!isObject(v) || typeof v['id'] !== 'string' || typeof v['start'] !== 'function') return undefined;
  const strings = (x: unknown): string[] =>
    Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
  if (!Array.isArray(v['requirements']) || !Array.isArray(v['catches'])) return undefined;
  return {
    name: v['id'],
    requirements: strings(v['requirements']),
    catches: [...strings(v['catches']), ...strings(v['warns'])],
  };
}

/**
 * Imports every module directly under `dir` and keeps the values that are mutants (`id`, `requirements`,
 * `catches`, `start`), and any `UNBREAKABLE` record of requirement → reason. Failures go to `errors`.
 */
export async function loadMutants(dir: string | URL): Promise<MutantProof & { errors: string[] }> {
  const root = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let names: string[];
  try {
    names = (await readdir(root))
      .filter((n) => /\.(ts|js)$/.test(n) && !/\.d\.ts$/.test(n) && !/\.test\./.test(n))
      .sort();
  } catch {
    return { mutants: [], errors: [] };
  }
  const mutants = new Map<string, MutantProvider>();
  const unbreakable: Record<string, string> = {};
  const errors: string[] = [];
  for (const name of names) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(join(root, name)).href)) as Record<string, unknown>;
    } catch (err) {
      errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    for (const [key, value] of Object.entries(mod)) {
      const m = asMutant(value);
      if (m && !mutants.has(m.name)) mutants.set(m.name, m);
      if (key === 'UNBREAKABLE' && isObject(value))
        for (const [id, why] of Object.entries(value)) if (typeof why === 'string') unbreakable[id] = why;
    }
  }
  return { mutants: [...mutants.values()], unbreakable, errors };
}

/**
 * Providers that declare nothing but emit findings: the spec linters (lint-spec, schema drift)
 * and the validator's own stages (schema, compare) report fixed requirement IDs as
 * `ruleId: 'EB-…'` or `requirement: 'EB-…'` literals. Each module that does is one
 * provider named after its file. Reading the literals keeps the matrix honest without asking
 * those modules for a second, hand-kept list.
 */
export async function scanEmittedIds(
  dir: string | URL,
  prefix: string,
  exclude: readonly string[] = [],
): Promise<Provider[]> {
  const root = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => /\.(ts|js)$/.test(n) && !/\.d\.ts$/.test(n)).sort();
  } catch {
    return [];
  }
  const out: Provider[] = [];
  for (const name of names) {
    const stem = name.replace(/\.(ts|js)$/, '');
    if (exclude.includes(stem)) continue;
    const text = await readFile(join(root, name), 'utf8');
    const ids = new Set(
      [...text.matchAll(/(?:ruleId|requirement):\s*['"](EB-[A-Z]+-\d{2})['"]/g)].map((m) => m[1] ?? ''),
    );
    if (ids.size > 0) out.push({ name: `${prefix}${stem}`, requirements: [...ids].sort(), file: name });
  }
  return out;
}

/** Builds the matrix; pure, so tests can feed it any register, rules and checks. */
export function buildCoverage(
  register: readonly RegisterEntry[],
  providers: {
    rules: readonly Provider[];
    checks: readonly Provider[];
    lints?: readonly Provider[];
    proof?: MutantProof;
  },
  loadErrors: string[] = [],
): Coverage {
  const known = new Set(register.map((e) => e.id));
  const unknown: Coverage['unknown'] = [];
  const index = (list: readonly Provider[], what: string): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    for (const p of list)
      for (const id of p.requirements) {
        if (!known.has(id)) unknown.push({ id, by: `${what} ${p.name}` });
        m.set(id, [...(m.get(id) ?? []), p.name]);
      }
    return m;
  };
  const byRule = index(providers.rules, 'rule');
  const byCheck = index(providers.checks, 'check');
  const byLint = index(providers.lints ?? [], 'linter');
  const rows = register.map((e): CoverageRow => {
    const r = (byRule.get(e.id) ?? []).sort();
    const c = (byCheck.get(e.id) ?? []).sort();
    const l = (byLint.get(e.id) ?? []).sort();
    // A check proves nothing until a mutant that breaks the requirement is caught by it (or by another check citing it).
    const m = (providers.proof?.mutants ?? [])
      .filter((mu) => mu.requirements.includes(e.id) && mu.catches.some((id) => c.includes(id)))
      .map((mu) => mu.name)
      .sort();
    const status =
      r.length + l.length + m.length > 0
        ? 'covered'
        : c.length > 0
          ? 'unproven'
          : e.untestable
            ? 'untestable'
            : 'uncovered';
    const row: CoverageRow = {
      id: e.id,
      level: e.level,
      statement: e.statement,
      section: e.section,
      rules: r,
      checks: c,
      lints: l,
      mutants: m,
      status,
    };
    if (e.untestable) row.untestable = e.untestable;
    if (status === 'unproven')
      row.unproven = providers.proof?.unbreakable?.[e.id] ?? 'no mutant makes a check citing it fail';
    return row;
  });
  const count = (s: CoverageRow['status']): number => rows.filter((r) => r.status === s).length;
  return {
    rows,
    unknown,
    loadErrors,
    summary: {
      total: rows.length,
      covered: count('covered'),
      unproven: count('unproven'),
      untestable: count('untestable'),
      uncovered: count('uncovered'),
      mustUncovered: rows.filter((r) => r.status === 'uncovered' && r.level === 'MUST').length,
    },
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The matrix as a Markdown table (also what the docs site renders). */
export function coverageMarkdown(cov: Coverage): string {
  const lines = [
    '| Requirement | Level | Section | Validator rules | Conformance checks | Validator stages and spec linters | Status |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of cov.rows) {
    const status =
      r.status === 'untestable'
        ? `untestable: ${r.untestable ?? ''}`
        : r.status === 'unproven'
          ? `unproven: ${r.unproven ?? ''}`
          : r.status;
    lines.push(
      `| ${r.id} | ${r.level} | ${r.section} | ${cell(r.rules.join(', ') || '—')} | ${cell(r.checks.join(', ') || '—')} | ${cell(r.lints.join(', ') || '—')} | ${cell(status)} |`,
    );
  }
  const s = cov.summary;
  lines.push(
    '',
    `${s.total} requirements: ${s.covered} covered, ${s.unproven} unproven (cited by checks no mutant makes fail), ${s.untestable} untestable, ${s.uncovered} uncovered (${s.mustUncovered} of them MUST).`,
  );
  return lines.join('\n') + '\n';
}

/** The matrix as aligned plain text for a terminal. */
export function coverageText(cov: Coverage): string {
  const head = ['requirement', 'level', 'rules', 'checks', 'stages/linters', 'status'];
  const list = (xs: string[]): string =>
    xs.length === 0 ? '-' : xs.length <= 2 ? xs.join(',') : `${xs.slice(0, 2).join(',')} +${xs.length - 2}`;
  const body = cov.rows.map((r) => [r.id, r.level, list(r.rules), list(r.checks), list(r.lints), r.status]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]): string =>
    row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  const s = cov.summary;
  return (
    [fmt(head), ...body.map(fmt)].join('\n') +
    `\n\n${s.total} requirements: ${s.covered} covered, ${s.unproven} unproven, ${s.untestable} untestable, ${s.uncovered} uncovered (${s.mustUncovered} MUST uncovered)\n`
  );
}

/** Requirement IDs cited as `[EB-XXX-nn]` in a Markdown text, outside fenced code blocks. */
export function citedIds(markdown: string): Set<string> {
  return new Set(citationsOf(markdown).map((c) => c.id));
}

export interface TypedBlock {
  /** The declared document type (unchecked string). */
  type: string;
  title?: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/**
 * Fenced blocks whose info string declares a document type, e.g.
 * ```` ```yaml type=request title="…" ````; these must be valid documents of that type.
 */
export function typedBlocks(markdown: string): TypedBlock[] {
  const out: TypedBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s+(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const info = open[2] ?? '';
    const type = /(?:^|\s)type=("?)([\w-]+)\1/.exec(info)?.[2];
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j] ?? '')) j++;
    if (type) {
      const block: TypedBlock = { type, body: lines.slice(i + 1, j).join('\n'), line: i + 1 };
      const title = /title="([^"]*)"/.exec(info)?.[1];
      if (title !== undefined) block.title = title;
      out.push(block);
    }
    i = j;
  }
  return out;
}
