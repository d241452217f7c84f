import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { EXAMPLES, exampleText } from '../validate/helpers/corpus.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], over: Partial<CliIO> = {}, stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => Buffer.from(stdin),
    env: {},
    isTTY: false,
    cwd: EXAMPLES,
    ...over,
  };
  const code = await cli(['validate', ...argv], io);
  return { code, stdout, stderr };
}

/** The corpus YAML abbreviates kind URIs; write expanded copies to a scratch directory. */
const dir = mkdtempSync(join(tmpdir(), 'ebkit-validate-'));
function scratch(file: string): string {
  const path = join(dir, file.replace(/\//g, '_'));
  writeFileSync(path, exampleText(file, 'yaml')!);
  return path;
}

const VALID = scratch('valid/request-docker-ports-volumes.yaml');
const INVALID = scratch('invalid/request-dangling-volume-resource.yaml');
const WARN_ONLY = scratch('invalid/offerset-yes-without-offers.yaml');

describe('ebkit validate', () => {
  it('exits 0 on a valid document and prints a summary', async () => {
    const r = await run([VALID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 valid');
    expect(r.stderr).toBe('');
  });

  it('exits 1 with file:line:col findings on an invalid one', async () => {
    const r = await run([INVALID]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${INVALID.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:25:\\d+ error EB-REF-03`));
  });

  it('exits 0 when findings are only warnings', async () => {
    const r = await run([WARN_ONLY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('EB-OFF-09');
  });

  it('writes json, junit and sarif', async () => {
    const json = JSON.parse((await run(['--format', 'json', INVALID])).stdout) as {
      files: { findings: { ruleId: string }[] }[];
    };
    expect(json.files[0]?.findings.map((f) => f.ruleId)).toContain('EB-REF-03');
    expect((await run(['--format', 'junit', INVALID])).stdout).toMatch(/<testsuites?[\s>]/);
    const sarif = JSON.parse((await run(['--format', 'sarif', INVALID])).stdout) as { version: string };
    expect(sarif.version).toBe('2.1.0');
  });

  it('reads standard input with -', async () => {
    const r = await run(['-'], {}, exampleText('invalid/update-unknown-units.yaml', 'yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('EB-DM-04');
  });

  it('compares offer sets with --against', async () => {
    const offers = scratch('valid/offerset-compare-below-minimum.yaml');
    const alone = await run([offers]);
    expect(alone.code).toBe(0);
    const r = await run(['--against', VALID, offers]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/:\d+:\d+ error EB-OFF-01/);
  });

  it('honours --type', async () => {
    const r = await run(['--type', 'update', VALID]);
    expect(r.code).toBe(1);
  });

  it('colours only on a TTY without NO_COLOR', async () => {
    expect((await run([INVALID], { isTTY: true })).stdout).toContain('\u001b[');
    expect((await run([INVALID], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run([INVALID], { isTTY: false })).stdout).not.toContain('\u001b[');
  });

  describe('usage errors and unreadable input exit 2 with one line', () => {
    const cases: [string, string[], RegExp][] = [
      ['missing file', ['no-such-file.yaml'], /cannot read no-such-file\.yaml: no such file/],
      ['a directory', ['valid'], /is a directory/],
      ['bad --type', ['--type', 'banana', VALID], /banana/],
      ['bad --format', ['--format', 'pdf', VALID], /pdf/],
      [
        'bad --max-bytes',
        ['--max-bytes', 'lots', VALID],
        /--max-bytes must be a whole number of bytes from 1 to 67108864/,
      ],
      [
        'a --max-bytes past any integer',
        ['--max-bytes', '99999999999999999999', VALID],
        /from 1 to 67108864 \(64 MiB\), got "99999999999999999999"/,
      ],
      [
        '--max-bytes past 64 MiB',
        ['--max-bytes', '1000000000', VALID],
        /--max-bytes may be at most 67108864 \(64 MiB\)/,
      ],
      ['too large', ['--max-bytes', '10', VALID], /EBK_TOO_LARGE/],
      ['no files', [], /missing required argument|at least one file/],
      ['bad --against', ['--against', INVALID, VALID], /--against/],
      [
        '--against an offer set',
        ['--against', 'valid/offerset-compare-below-minimum.yaml', VALID],
        /--against \S+offerset-compare-below-minimum\.yaml: it is an offer set, not a request/,
      ],
    ];
    for (const [name, argv, pattern] of cases) {
      it(name, async () => {
        const r = await run(argv);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(pattern);
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      });
    }
  });

  it('reports an unparseable file as a finding, not a crash', async () => {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"executable": ');
    const r = await run([bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/EBK_/);
  });
});
