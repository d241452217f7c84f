/**
 * Judges the conformance suite by a broker none of its code wrote (issue 11): test/independent-broker/ is a
 * second ExecutionBroker written from spec/ alone. The real CLI is spawned against it, conformant (several
 * configurations) and with one injected fault per run, and the JSON report is judged by requirement ID:
 * a conformant broker gets no fail and exit 0; a fault is flagged by some check citing its requirement, and no
 * check citing only unrelated requirements fails. Where today's suite is wrong the correct assertion is kept
 * and the case is listed in KNOWN_SUITE_DEFECTS (run as `it.fails`), to be removed as the suite is fixed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BrokerOptions, Timings } from '../independent-broker/broker.js';
import { FAULTS, type FaultInfo, type FaultName } from '../independent-broker/faults.js';
import { startBrokers, type Running } from '../independent-broker/server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/src/cli/bin.js');

/** Short stages for CI; `realistic` below keeps the broker's defaults (10 s offers, 2–5 s phases). */
const FAST: Partial<Timings> = {
  offer: 6,
  accepted: 0.4,
  waiting: 0.4,
  preparing: 0.4,
  available: 0.4,
  running: 0.4,
  releasing: 0.4,
};
const BASIC = `Authorization: Basic ${Buffer.from('eb-user:eb-password').toString('base64')}`;

interface Scenario {
  name: string;
  options: BrokerOptions;
  classes?: string[];
  headers?: string[];
  deadline: number;
  fault?: FaultName;
}

const CONFORMANT: Scenario[] = [
  // Its components carry URLs it serves: the one conformant broker here on which core-component-urls is judged.
  { name: 'independent', options: { timings: FAST, componentUrls: true }, deadline: 60 },
  { name: 'three-offers', options: { timings: FAST, offers: 3 }, classes: ['core', 'lifecycle'], deadline: 60 },
  {
    name: 'working-group',
    options: { mode: 'working-group', timings: FAST, alignSeconds: 2 },
    headers: [BASIC],
    deadline: 60,
  },
  { name: 'realistic', options: {}, deadline: 120 },
];
const NO_CREDENTIALS: Scenario = {
  name: 'working-group-anonymous',
  options: { mode: 'working-group', timings: FAST, alignSeconds: 2 },
  classes: ['vosi', 'core', 'errors'],
  deadline: 40,
};
const FAULT_RUNS: Scenario[] = (Object.keys(FAULTS) as FaultName[]).map((fault) => {
  const info: FaultInfo = FAULTS[fault];
  const options: BrokerOptions = { timings: { ...FAST, ...info.timings }, faults: [fault] };
  if (info.anonymousWorkingGroup) Object.assign(options, { mode: 'working-group', alignSeconds: 2 });
  return { name: `fault-${fault}`, fault, options, classes: [...info.classes], deadline: 45 };
});

/**
 * Wrong verdicts of today's suite on this broker. `check` is a check id, '(exit code)' or '(flagged)' (no check
 * citing the fault's requirement flags it). Each entry is asserted the correct way round with `it.fails`, so an
 * entry whose defect is fixed makes this file fail until it is removed.
 */
interface KnownDefect {
  scenario: string;
  check: string;
  requirement: string;
  wrong: string;
  why: string;
}

// Empty since every listed defect was fixed; a new one is added as
// `{ scenario: 'fault-<name>', check: '<check id>' | '(flagged)' | '(exit code)', requirement, wrong, why }`.
export const KNOWN_SUITE_DEFECTS: KnownDefect[] = [];

interface CheckResult {
  id: string;
  level: string;
  requirements: string[];
  outcome: 'pass' | 'fail' | 'warn' | 'skip' | 'error';
  message: string;
}
interface Outcome {
  code: number | null;
  checks: CheckResult[];
  stderr: string;
}

const LEVELS = new Map<string, string>(
  (
    parse(readFileSync(join(ROOT, 'spec/requirements.yaml'), 'utf8')) as {
      requirements: { id: string; level: string }[];
    }
  ).requirements.map((r) => [r.id, r.level]),
);

function runSuite(url: string, s: Scenario, dir: string): Promise<Outcome> {
  const report = join(dir, `${s.name}.json`);
  const args = [BIN, 'conformance', url, '--report', report, '--deadline', String(s.deadline)];
  if (s.classes) args.push('--classes', s.classes.join(','));
  for (const h of s.headers ?? []) args.push('--header', h);
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      let checks: CheckResult[] = [];
      try {
        checks = (JSON.parse(readFileSync(report, 'utf8')) as { checks: CheckResult[] }).checks;
      } catch {
        /* no report: the assertions below say so */
      }
      done({ code, checks, stderr });
    });
  });
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

const all = [...CONFORMANT, NO_CREDENTIALS, ...FAULT_RUNS];
const results = new Map<string, Outcome>();
let running: Running;
let dir: string;

beforeAll(async () => {
  // INDEPENDENT_BROKER_REPORTS=DIR keeps every run's JSON report there, for reading the verdicts.
  dir = process.env.INDEPENDENT_BROKER_REPORTS ?? mkdtempSync(join(tmpdir(), 'ebkit-independent-'));
  running = await startBrokers(Object.fromEntries(all.map((s) => [`/${s.name}`, s.options])));
  // The realistic run is the longest: start it first, alongside the others.
  await pool(
    [...all].sort((a, b) => b.deadline - a.deadline),
    4,
    async (s) => {
      results.set(s.name, await runSuite(running.url(`/${s.name}`), s, dir));
    },
  );
}, 300_000);

afterAll(async () => {
  await running?.close();
  if (dir && !process.env.INDEPENDENT_BROKER_REPORTS) rmSync(dir, { recursive: true, force: true });
});

function outcome(name: string): Outcome {
  const r = results.get(name);
  if (!r) throw new Error(`no run for ${name}`);
  if (r.checks.length === 0) throw new Error(`${name}: no report (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
  return r;
}
const show = (c: CheckResult): string => `${c.id} [${c.requirements.join(',')}] ${c.outcome}: ${c.message}`;
const defectsOf = (scenario: string): KnownDefect[] => KNOWN_SUITE_DEFECTS.filter((d) => d.scenario === scenario);
const excused = (scenario: string, check: string): boolean => defectsOf(scenario).some((d) => d.check === check);
/** `it` for an assertion today's suite meets, `it.fails` for one a KNOWN_SUITE_DEFECTS entry says it breaks. */
function itUnless(known: boolean, name: string, fn: () => void): void {
  if (known) it.fails(name, fn);
  else it(name, fn);
}

/** A check flags a requirement when it fails, or warns for a SHOULD or MAY (the register decides). */
function flags(c: CheckResult, requirement: string): boolean {
  if (!c.requirements.includes(requirement)) return false;
  return c.outcome === 'fail' || (c.outcome === 'warn' && LEVELS.get(requirement) !== 'MUST');
}

const unjudged = (c: CheckResult): boolean =>
  c.outcome === 'fail' || c.outcome === 'error' || (c.level === 'MUST' && c.outcome === 'skip');

describe('the suite on a conformant independent broker', () => {
  for (const s of CONFORMANT) {
    it(`${s.name}: every MUST check is judged and no check fails (apart from KNOWN_SUITE_DEFECTS)`, () => {
      const bad = outcome(s.name).checks.filter((c) => unjudged(c) && !excused(s.name, c.id));
      expect(bad.map(show)).toEqual([]);
    });
    if (s.name === 'independent')
      it('independent: core-component-urls is judged and passes (its components carry a meta.url it serves)', () => {
        const c = outcome(s.name).checks.find((x) => x.id === 'core-component-urls');
        expect(c ? `${c.outcome}: ${c.message}` : 'missing').toMatch(/^pass: /);
      });
    itUnless(excused(s.name, '(exit code)'), `${s.name}: exit code 0`, () => {
      expect(outcome(s.name).code).toBe(0);
    });
    for (const d of defectsOf(s.name).filter((x) => !x.check.startsWith('('))) {
      it.fails(`${s.name}: ${d.check} is judged and does not fail (${d.requirement}; suite defect: ${d.wrong})`, () => {
        const c = outcome(s.name).checks.find((x) => x.id === d.check);
        expect(c && (unjudged(c) || c.outcome === 'skip') ? show(c) : 'ok').toBe('ok');
      });
    }
  }

  it('working group broker without credentials: no check fails, the VOSI checks pass, the rest say credentials are needed', () => {
    const r = outcome(NO_CREDENTIALS.name);
    expect(r.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map(show)).toEqual([]);
    expect(r.checks.filter((c) => c.id.startsWith('vosi-') && c.outcome !== 'pass').map(show)).toEqual([]);
    expect(r.checks.filter((c) => c.outcome === 'skip' && !/credentials/.test(c.message)).map(show)).toEqual([]);
    expect(r.code).not.toBe(0);
  });
});

describe('the suite on the independent broker with one fault each', () => {
  for (const s of FAULT_RUNS) {
    const info = FAULTS[s.fault as FaultName] as FaultInfo;
    const related = new Set([info.requirement, ...(info.alsoBreaks ?? [])]);
    itUnless(
      excused(s.name, '(flagged)'),
      `${s.fault} (${info.requirement}): a check citing ${info.requirement} flags it`,
      () => {
        const r = outcome(s.name);
        const citing = r.checks.filter((c) => c.requirements.includes(info.requirement));
        expect(
          citing.filter((c) => flags(c, info.requirement)).map((c) => c.id),
          citing.map(show).join('\n') || 'no check cites it',
        ).not.toEqual([]);
      },
    );
    it(`${s.fault} (${info.requirement}): no check citing only unrelated requirements fails`, () => {
      const bad = outcome(s.name).checks.filter(
        (c) => c.outcome === 'fail' && !c.requirements.some((q) => related.has(q)) && !excused(s.name, c.id),
      );
      expect(bad.map(show)).toEqual([]);
    });
    for (const d of defectsOf(s.name).filter((x) => !x.check.startsWith('('))) {
      it.fails(`${s.fault}: ${d.check} does not fail (${d.requirement}; suite defect: ${d.wrong})`, () => {
        const c = outcome(s.name).checks.find((x) => x.id === d.check);
        expect(c?.outcome === 'fail' ? show(c) : 'ok').toBe('ok');
      });
    }
  }
});

describe('the independent broker itself', () => {
  const examples = (kind: 'valid' | 'invalid'): string[] =>
    readdirSync(join(ROOT, 'spec/examples', kind)).filter((f) => f.startsWith('request-') && f.endsWith('.yaml'));

  it('answers every valid example request with an offer set and every invalid one with 422 or NO', async () => {
    const base = running.url('/independent');
    const seen: string[] = [];
    for (const kind of ['valid', 'invalid'] as const) {
      for (const file of examples(kind)) {
        const body = readFileSync(join(ROOT, 'spec/examples', kind, file), 'utf8');
        const res = await fetch(`${base}/requests`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/yaml', accept: 'application/json' },
          redirect: 'manual',
        });
        let verdict = String(res.status);
        if (res.status === 303) {
          const set = (await (
            await fetch(res.headers.get('location') ?? '', { headers: { accept: 'application/json' } })
          ).json()) as { result: string };
          verdict = set.result;
        } else await res.body?.cancel();
        seen.push(
          `${kind}/${file}: ${kind === 'valid' ? (verdict === 'YES' || verdict === 'NO' ? 'ok' : verdict) : verdict === '422' || verdict === 'NO' ? 'ok' : verdict}`,
        );
      }
    }
    expect(seen.filter((l) => !l.endsWith(': ok'))).toEqual([]);
    expect(seen.length).toBeGreaterThan(20);
  });
});
