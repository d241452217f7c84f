import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { computeCoverage } from '../../src/cli/commands/coverage.js';
import { buildCoverage, citedIds, coverageMarkdown, typedBlocks, type Coverage } from '../../src/spec-tools/coverage.js';
import type { RegisterEntry } from '../../src/spec-tools/register.js';
import { memoryIO } from '../support/memory-io.js';

const entry = (id: string, level: RegisterEntry['level'], untestable?: string): RegisterEntry => ({
  id,
  level,
  statement: `statement of ${id}`,
  section: '2.3',
  source: 'test',
  origin: 'new',
  ...(untestable ? { untestable } : {}),
});


describe('buildCoverage', () => {
  const register = [entry('EB-A-01', 'MUST'), entry('EB-A-02', 'MUST', 'cannot be observed'), entry('EB-A-03', 'SHOULD'), entry('EB-A-04', 'MUST')];
  const cov = buildCoverage(register, {
    rules: [{ name: 'rule-one', requirements: ['EB-A-01', 'EB-Z-99'], file: 'a/rule-one.ts' }],
    checks: [{ name: 'check-one', requirements: ['EB-A-01'], file: 'core/check-one.ts' }],
    lints: [{ name: 'lint:drift', requirements: ['EB-A-03'], file: 'drift.ts' }],
  });

  it('marks each requirement covered, untestable or uncovered', () => {
    expect(cov.rows.map((r) => r.status)).toEqual(['covered', 'untestable', 'covered', 'uncovered']);
    expect(cov.rows[0]).toMatchObject({ rules: ['rule-one'], checks: ['check-one'], lints: [] });
    expect(cov.rows[2]).toMatchObject({ rules: [], checks: [], lints: ['lint:drift'] });
    expect(cov.summary).toEqual({ total: 4, covered: 2, unproven: 0, untestable: 1, uncovered: 1, mustUncovered: 1 });
  });

  it('reports IDs that a rule declares but the register lacks', () => {
    expect(cov.unknown).toEqual([{ id: 'EB-Z-99', by: 'rule rule-one' }]);
  });

  it('renders a Markdown table with one row per requirement', () => {
    const md = coverageMarkdown(cov);
    expect(md.split('\n').filter((l) => l.startsWith('| EB-'))).toHaveLength(4);
    expect(md).toContain('untestable: cannot be observed');
  });
});

describe('citedIds and typedBlocks', () => {
  const md = [
    'A rule [EB-OFF-01] and another [EB-REF-03].',
    '```yaml type=request title="x"',
    'executable: {kind: k} # [EB-NOT-99] inside a fence is not a citation',
    '```',
    '```mermaid',
    'graph TD',
    '```',
    'Bare EB-OFF-02 without brackets is not a citation.',
  ].join('\n');

  it('finds bracketed IDs outside fences only', () => {
    expect([...citedIds(md)].sort()).toEqual(['EB-OFF-01', 'EB-REF-03']);
  });

  it('finds fenced blocks that declare a document type', () => {
    const blocks = typedBlocks(md);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ type: 'request', title: 'x', line: 2 });
    expect(blocks[0]?.body).toContain('executable');
  });
});

describe('the project coverage matrix', () => {
  let coverage: Coverage | undefined;
  it('loads every rule and check module and knows every ID they declare', async () => {
    const res = await computeCoverage();
    coverage = res.coverage;
    expect(res.problems).toEqual([]);
    expect(coverage?.loadErrors).toEqual([]);
    expect(coverage?.unknown).toEqual([]);
    expect(coverage?.summary.covered).toBeGreaterThan(0);
  });

  it('leaves no MUST requirement without a rule or a check unless the register marks it untestable', async () => {
    coverage ??= (await computeCoverage()).coverage;
    const gaps = (coverage?.rows ?? []).filter((r) => r.level === 'MUST' && r.status === 'uncovered').map((r) => `${r.id}: ${r.statement}`);
    expect(gaps).toEqual([]);
  });
});

describe('ebkit coverage', () => {
  it('prints the matrix as JSON', async () => {
    const io = memoryIO();
    const code = await cli(['coverage', '--format', 'json'], io);
    const parsed = JSON.parse(io.out.join('')) as Coverage;
    expect(parsed.rows.length).toBeGreaterThan(50);
    expect(parsed.rows.find((r) => r.id === 'EB-OFF-01')).toBeDefined();
    expect(code).toBe(0);
  });

  it('refuses an unknown format with a usage error', async () => {
    const io = memoryIO();
    expect(await cli(['coverage', '--format', 'pdf'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/unknown --format "pdf"/);
  });

  it('says clearly when the register cannot be read', async () => {
    const io = memoryIO();
    expect(await cli(['coverage', '--register', 'no/such/file.yaml'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/cannot read the requirement register/);
  });

  it('names the --register file it could not parse, and says where a too deep one goes too deep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-coverage-'));
    const deep = join(dir, 'my-register.yaml');
    writeFileSync(deep, '['.repeat(10_000) + ']'.repeat(10_000));
    const io = memoryIO();
    expect(await cli(['coverage', '--register', deep], io)).toBe(2);
    expect(io.err.join('')).toMatch(
      /^ebkit coverage: my-register\.yaml: not valid YAML \(it nests deeper than 256 levels at line 1, column \d+; it was not parsed\)\n$/,
    );
  });
});

describe('a defective register', () => {
  it('exits 1 and names each problem at its line in the --register file, the matrix still printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-coverage-'));
    const file = join(dir, 'edited.yaml');
    const text = readFileSync(join(import.meta.dirname, '../../spec/requirements.yaml'), 'utf8');
    const start = text.indexOf('  - id: EB-OFF-03');
    const entry = text.slice(start, text.indexOf('  - id:', start + 1));
    writeFileSync(file, `${text}${entry.replace('level: MAY', 'level: OPTIONAL')}`);
    const io = memoryIO();
    expect(await cli(['coverage', '--register', file], io)).toBe(1);
    const line = text.split('\n').length;
    expect(io.err.join('')).toContain(`ebkit coverage: edited.yaml:${line}: requirements[`);
    expect(io.err.join('')).toMatch(/\(EB-OFF-03\): duplicate id\n/);
    expect(io.err.join('')).toMatch(/\(EB-OFF-03\): level must be MUST, SHOULD or MAY\n/);
    expect(io.out.join('')).toMatch(/requirements: \d+ covered/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('readRegister names the file it read', () => {
  it('a register without a requirements list is reported under its own name, not requirements.yaml', async () => {
    const { readRegister } = await import('../../src/spec-tools/register.js');
    expect(readRegister('hello\n', 'plain.txt').problems).toEqual(['plain.txt: top-level "requirements" list missing']);
  });
});
