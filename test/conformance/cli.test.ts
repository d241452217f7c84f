import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { memoryIO } from '../support/memory-io.js';
import { reportFlags } from '../support/report-flags.js';
import { expectSchemaValidReport } from '../support/report-schema.js';

const io = (cwd: string) => memoryIO({ cwd });

describe('ebkit conformance', () => {
  it('exits 2 on an unknown class, a bad header or a bad URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
    for (const argv of [
      ['--classes', 'bogus'],
      ['--header', 'no colon here'],
      ['ftp://x'],
      ['--timeout', '-5'],
      ['--evidence', 'some'],
    ]) {
      const t = io(dir);
      expect(await cli(['conformance', ...argv], t), argv.join(' ')).toBe(2);
      expect(t.err.join('')).toMatch(/ebkit conformance: |--evidence/);
    }
  });

  it('reads --timeout as milliseconds or with a unit, and refuses a bare number too small to be milliseconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
    const t = io(dir);
    expect(await cli(['conformance', 'http://127.0.0.1:1/', '--timeout', '5'], t)).toBe(2);
    expect(t.err.join('')).toContain(
      'ebkit conformance: --timeout 5 is 5 milliseconds, too short for a broker to answer; write 5s for seconds, or 5000 (milliseconds)',
    );
    // With a unit, or milliseconds: the run starts (and finds nothing listening).
    for (const ok of ['5s', '750ms', '2000']) {
      const u = io(dir);
      expect(await cli(['conformance', 'http://127.0.0.1:1/', '--timeout', ok], u), ok).toBe(2);
      expect(u.err.join(''), ok).toContain('EBK_UNREACHABLE');
    }
  });

  it('exits 2 with EBK_UNREACHABLE when nothing listens, and still writes every report (an "unreachable" badge)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
    const t = io(dir);
    const files = reportFlags();
    expect(await cli(['conformance', 'http://127.0.0.1:1/', ...files], t)).toBe(2);
    expect(t.err.join('')).toContain('EBK_UNREACHABLE');
    expect(t.out.join('')).toMatch(/No check was run: the broker cannot be reached/);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(JSON.parse(read('r.json'))).toMatchObject({ exitCode: 2, notStarted: { kind: 'unreachable' } });
    expectSchemaValidReport(JSON.parse(read('r.json')));
    expect(JSON.parse(read('b.json'))).toMatchObject({ message: 'unreachable', color: 'e05d44', isError: true });
    expect(read('b.svg')).toContain('ExecutionBroker: unreachable');
    expect(read('r.xml')).toMatch(/<testsuites [^>]*errors="[1-9]\d*"/);
    expect(read('r.html')).toMatch(/No check was run: the broker cannot be reached/);
  });

  it('checks every report path before the run: a directory is refused at once, a missing folder is made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
    const t = io(dir);
    // The target is never asked: a refusal of the path comes before the reachability probe.
    expect(await cli(['conformance', 'http://127.0.0.1:1/', '--junit', 'ok.xml', '--report', '.'], t)).toBe(2);
    expect(t.err.join('')).toBe('ebkit conformance: cannot write .: it is a directory; nothing was run\n');
    expect(existsSync(join(dir, 'ok.xml'))).toBe(false);
    const u = io(dir);
    expect(await cli(['conformance', 'http://127.0.0.1:1/', '--junit', 'reports/ci/r.xml'], u)).toBe(2);
    expect(u.err.join('')).toContain('EBK_UNREACHABLE');
    expect(readFileSync(join(dir, 'reports/ci/r.xml'), 'utf8')).toMatch(/<testsuites /);
  });

  it('on a terminal colours each result line, and NO_COLOR turns the colours off (the status line still redraws)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
    const coloured = memoryIO({ cwd: dir, isTTY: true });
    expect(await cli(['conformance', '--classes', 'vosi'], coloured)).toBe(0);
    expect(coloured.out.join('')).toMatch(/\x1b\[3\dm/);
    const plain = memoryIO({ cwd: dir, isTTY: true, env: { NO_COLOR: '1' } });
    expect(await cli(['conformance', '--classes', 'vosi'], plain)).toBe(0);
    expect(plain.out.join('')).not.toMatch(/\x1b\[\d+m/);
    expect(plain.out.join('')).toContain('\r\x1b[2K');
  });

  it('exits 2 when the classes chosen hold no check (expiry with --skip-slow), before anything is asked', async () => {
    const t = io(mkdtempSync(join(tmpdir(), 'ebkit-')));
    expect(await cli(['conformance', 'http://127.0.0.1:1/', '--classes', 'expiry', '--skip-slow'], t)).toBe(2);
    expect(t.err.join('')).toBe(
      'ebkit conformance: --classes expiry with --skip-slow selects no check; drop one of them\n',
    );
  });

  it('exits 2 with EBK_UNREACHABLE, at once, when the broker takes the connection and never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as AddressInfo).port;
    try {
      const t = io(mkdtempSync(join(tmpdir(), 'ebkit-')));
      const started = Date.now();
      expect(await cli(['conformance', `http://127.0.0.1:${port}/`, '--timeout', '1s'], t)).toBe(2);
      expect(t.err.join('')).toMatch(/EBK_UNREACHABLE: .*no answer to GET \/availability within 1 s \(--timeout\)/);
      expect(Date.now() - started).toBeLessThan(10_000);
      // A short --deadline bounds the wait, and the message names it, not --timeout.
      const d = io(mkdtempSync(join(tmpdir(), 'ebkit-')));
      expect(await cli(['conformance', `http://127.0.0.1:${port}/`, '--timeout', '100s', '--deadline', '6'], d)).toBe(
        2,
      );
      expect(d.err.join('')).toMatch(/within 1\.5 s \(a quarter of --deadline\)/);
    } finally {
      silent.closeAllConnections();
      await new Promise((done) => silent.close(done));
    }
  });

  it('runs the embedded broker and writes the JSON, JUnit, HTML and badge files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
    const t = io(dir);
    const code = await cli(
      ['conformance', '--classes', 'vosi,errors', ...reportFlags(['report', 'junit', 'html', 'badge'])],
      t,
    );
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
      target: string;
      startedAt: string;
      summary: Record<string, number>;
      checks: { class: string }[];
    };
    expect(Object.keys(report.summary)).toEqual(
      expect.arrayContaining(['passed', 'failed', 'warned', 'skipped', 'errors']),
    );
    expect(new Set(report.checks.map((c) => c.class))).toEqual(new Set(['vosi', 'errors']));
    expectSchemaValidReport(report);
    expect(code).toBe(report.summary['mustFailed']! > 0 ? 1 : report.summary['mustNotRun']! > 0 ? 3 : 0);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toMatch(/<testsuites[^>]*tests="\d+"/);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).not.toMatch(/<script/);
    expect(readFileSync(join(dir, 'b.svg'), 'utf8')).toContain('ExecutionBroker');
    expect(t.out.join('')).toMatch(/class +pass fail warn info +n\/a skip error/);
  });
});

describe('ebkit conformance --format json', () => {
  it('puts the JSON report alone on stdout (the same as --report writes), the live lines on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
    const t = io(dir);
    const code = await cli(['conformance', '--classes', 'vosi', '--format', 'json', '--report', 'r.json'], t);
    const out = t.out.join('');
    const printed = JSON.parse(out) as { exitCode: number; checks: { id: string }[] };
    expect(printed.exitCode).toBe(code);
    expect(printed.checks.length).toBeGreaterThan(0);
    expect(printed).toEqual(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
    const err = t.err.join('');
    expect(err).toMatch(/^Started the embedded reference broker at /);
    expect(err).toMatch(/PASS vosi-/);
    const bad = io(dir);
    expect(await cli(['conformance', '--format', 'xml'], bad)).toBe(2);
    // --help says where the live lines go, so a script reading stdout knows not to expect them there.
    const help = io(dir);
    await cli(['conformance', '--help'], help).catch(() => 0);
    expect((help.out.join('') + help.err.join('')).replace(/\s+/g, ' ')).toMatch(
      /the JSON report \(then alone: the line per check and the notes go to standard error\)/,
    );
  });
});

describe('ebkit conformance --evidence', () => {
  it('writes bodies of passing checks only with --evidence all', async () => {
    const sizes: number[] = [];
    for (const extra of [[], ['--evidence', 'all']]) {
      const dir = mkdtempSync(join(tmpdir(), 'ebkit-'));
      await cli(['conformance', '--classes', 'vosi', ...extra, '--report', 'r.json'], io(dir));
      const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
        checks: { outcome: string; evidence: { brief?: boolean; bodyExcerpt?: string }[] }[];
      };
      const passing = report.checks.filter((c) => c.outcome === 'pass').flatMap((c) => c.evidence);
      expect(passing.length).toBeGreaterThan(0);
      expect(
        passing.every((e) =>
          extra.length === 0 ? e.brief === true && e.bodyExcerpt === undefined : e.brief === undefined,
        ),
      ).toBe(true);
      sizes.push(readFileSync(join(dir, 'r.json')).length);
    }
    expect(sizes[0]).toBeLessThan(sizes[1]!);
  });
});
