/**
 * Judges the conformance suite by a broker in another language that none of its code wrote:
 * test/independent-broker-py/broker.py, a Python ExecutionBroker written from spec/ alone, whose sessions run on
 * the real clock (every phase after acceptance lasts seconds, offers expire after seconds). Conformant, it must get
 * every MUST check passed and a settled run; with a deliberate fault, the check citing the broken requirement must
 * flag it, and no check may fail for a requirement the fault does not break.
 * In front of it, the reference aggregator must pass the suite as the broker does (EB-FED-03): proxied sessions on
 * the real clock of a broker none of the toolkit wrote.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS, exitCodeOf, runConformance, type RunReport } from '../../conformance/index.js';
import type { CheckClass } from '../../conformance/types.js';
import { startAggregator, type RunningAggregator } from '../../src/aggregator/index.js';

const BROKER = join(resolve(import.meta.dirname, '../..'), 'test/independent-broker-py/broker.py');
const PYTHON = 'python3';

/** python3 absent: skip, saying so. python3 without PyYAML: fail, saying what to install. */
function pythonState(): 'absent' | 'no-yaml' | 'ready' {
  const version = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return 'absent';
  const yaml = spawnSync(PYTHON, ['-c', 'import yaml'], { encoding: 'utf8' });
  return yaml.status === 0 ? 'ready' : 'no-yaml';
}
const PYTHON_STATE = pythonState();

interface Scenario {
  name: string;
  args: string[];
  classes?: CheckClass[];
  deadlineMs: number;
}

/** The conformant broker: 2-second phases, 10-second offers, the real clock. */
const CONFORMANT: Scenario = {
  name: 'conformant',
  args: ['--phase-seconds', '2', '--offer-seconds', '10'],
  deadlineMs: 60_000,
};

interface FaultCase extends Scenario {
  /** The check that must flag the fault, its outcome and the requirement it names. */
  check: string;
  outcome: 'fail' | 'warn';
  requirement: string;
  /** Every requirement a flagged check may name: those the fault breaks. */
  breaks: string[];
}

const fault = (
  name: string,
  classes: CheckClass[],
  rest: Omit<FaultCase, 'name' | 'args' | 'classes' | 'deadlineMs'>,
) => ({
  name,
  args: ['--phase-seconds', '1', '--offer-seconds', '5', '--fault', name],
  classes,
  deadlineMs: 45_000,
  ...rest,
});

const FAULTS: FaultCase[] = [
  fault('yaml-default-json', ['negotiation', 'errors'], {
    check: 'negotiation-default-yaml',
    outcome: 'fail',
    requirement: 'EB-HTTP-03',
    breaks: ['EB-HTTP-03', 'EB-ERR-01'],
  }),
  fault('no-sibling-reject', ['lifecycle'], {
    check: 'lifecycle-accept-rejects-siblings',
    outcome: 'warn',
    requirement: 'EB-LIFE-02',
    breaks: ['EB-LIFE-02'],
  }),
  fault('no-expiry', ['expiry'], {
    check: 'expiry-offers-expire',
    outcome: 'fail',
    requirement: 'EB-LIFE-01',
    breaks: ['EB-LIFE-01', 'EB-LIFE-09'],
  }),
  fault('accept-expired', ['expiry'], {
    check: 'expiry-accept-expired-refused',
    outcome: 'fail',
    requirement: 'EB-LIFE-09',
    breaks: ['EB-LIFE-09'],
  }),
  fault('sticky-offer-options', ['lifecycle', 'expiry'], {
    check: 'lifecycle-reject',
    outcome: 'fail',
    requirement: 'EB-LIFE-07',
    breaks: ['EB-LIFE-07'],
  }),
];

/** Starts broker.py on a free port; resolves once it prints the URL it listens on. */
function startBroker(args: string[]): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  return new Promise((done, failed) => {
    const child = spawn(PYTHON, [BROKER, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => failed(new Error(`broker.py did not start: ${err}`)), 15_000);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        done({ url: m[1], child, log: () => err });
      }
    });
    child.on('exit', (code) => failed(new Error(`broker.py exited (${String(code)}): ${err}`)));
  });
}

const reports = new Map<string, RunReport>();
const children: ChildProcess[] = [];
const aggregators: RunningAggregator[] = [];
/** The report of the suite run against the reference aggregator in front of a conformant broker.py (EB-FED-03). */
const THROUGH_AGGREGATOR = 'conformant, through the aggregator';

const describeWithPython = PYTHON_STATE === 'absent' ? describe.skip : describe;
if (PYTHON_STATE === 'absent') console.warn(`independent-broker-py: skipped, ${PYTHON} is not on PATH`);

describeWithPython('the suite on the independent Python broker (real-time sessions)', () => {
  beforeAll(async () => {
    if (PYTHON_STATE !== 'ready') return;
    const throughAggregator = async (): Promise<void> => {
      const broker = await startBroker(CONFORMANT.args);
      children.push(broker.child);
      const aggregator = await startAggregator({ db: ':memory:', upstreams: [{ name: 'py', url: broker.url }] });
      aggregators.push(aggregator);
      reports.set(
        THROUGH_AGGREGATOR,
        await runConformance({ target: aggregator.url, checks: ALL_CHECKS, deadlineMs: CONFORMANT.deadlineMs }),
      );
    };
    await Promise.all([
      throughAggregator(),
      ...[CONFORMANT, ...FAULTS].map(async (s) => {
        const broker = await startBroker(s.args);
        children.push(broker.child);
        const report = await runConformance({
          target: broker.url,
          checks: ALL_CHECKS,
          deadlineMs: s.deadlineMs,
          ...(s.classes ? { classes: s.classes } : {}),
        });
        reports.set(s.name, report);
      }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(aggregators.map((a) => a.close()));
    for (const child of children) child.kill('SIGTERM');
  });

  const reportOf = (name: string): RunReport => {
    expect(PYTHON_STATE, `${PYTHON} has no PyYAML: apt-get install -y python3-yaml`).toBe('ready');
    const report = reports.get(name);
    if (!report) throw new Error(`no report for ${name}`);
    return report;
  };
  const show = (r: RunReport, keep: (outcome: string) => boolean): string[] =>
    r.checks.filter((c) => keep(c.outcome)).map((c) => `${c.id}: ${c.outcome}: ${c.message}`);

  it.each([CONFORMANT.name, THROUGH_AGGREGATOR])(
    '%s: every MUST check passes (or does not apply), nothing fails, errors or skips; exit 0',
    (name) => {
      const r = reportOf(name);
      expect(show(r, (o) => o === 'fail' || o === 'error' || o === 'skip' || o === 'warn')).toEqual([]);
      for (const c of r.checks.filter((x) => x.level === 'MUST'))
        expect(['pass', 'na'], `${c.id}: ${c.message}`).toContain(c.outcome);
      expect(r.summary.mustFailed).toBe(0);
      expect(r.summary.mustNotRun).toBe(0);
      expect(r.summary.mustPassed).toBe(r.summary.mustTotal);
      expect(exitCodeOf(r)).toBe(0);
    },
  );

  it.each([CONFORMANT.name, THROUGH_AGGREGATOR])(
    '%s: the run settles inside its deadline, every session it made is left settled',
    (name) => {
      const r = reportOf(name);
      expect(r.deadlineHit).toBe(false);
      expect(r.leftovers).toEqual([]);
      expect(r.sessionsCreated).toBeGreaterThan(0);
      // Expiry and the whole lifecycle were waited for on the real clock, not skipped.
      for (const id of ['expiry-offers-expire', 'expiry-accept-expired-refused', 'lifecycle-phases-follow-table'])
        expect(r.checks.find((c) => c.id === id)?.outcome, id).toBe('pass');
    },
  );

  it("conformant: the toolkit's validator finds no error or warning in any body the broker sent", () => {
    const r = reportOf(CONFORMANT.name);
    expect(r.bodyFindings.byRule.filter((b) => b.level !== 'info')).toEqual([]);
  });

  for (const f of FAULTS) {
    it(`fault ${f.name}: ${f.check} flags ${f.requirement}, and nothing fails for a requirement the fault keeps`, () => {
      const r = reportOf(f.name);
      const c = r.checks.find((x) => x.id === f.check);
      expect(c?.outcome, c?.message).toBe(f.outcome);
      expect(c?.broken?.requirement, c?.message).toBe(f.requirement);
      const flagged = r.checks.filter((x) => x.outcome === 'fail' || x.outcome === 'warn' || x.outcome === 'error');
      for (const x of flagged) expect(f.breaks, `${x.id}: ${x.outcome}: ${x.message}`).toContain(x.broken?.requirement);
    });
  }
});
