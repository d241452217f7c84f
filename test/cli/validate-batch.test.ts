/** `ebkit validate a b c`: one unreadable or oversized file is a finding for that file, never the end of the batch. */
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { exampleText } from '../validate/helpers/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'ebkit-batch-'));
writeFileSync(join(dir, 'good.yaml'), exampleText('valid/request-docker-ports-volumes.yaml', 'yaml')!);
writeFileSync(join(dir, 'bad.yaml'), exampleText('invalid/request-dangling-volume-resource.yaml', 'yaml')!);
mkdirSync(join(dir, 'folder'));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => Buffer.alloc(0),
    env: {},
    isTTY: false,
    cwd: dir,
  };
  const code = await cli(['validate', ...argv], io);
  return { code, stdout, stderr };
}

describe('ebkit validate batches', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a missing file', 'missing.yaml', 'EBK_READ_FAILED', /cannot read missing\.yaml: no such file/],
    ['a directory', 'folder', 'EBK_READ_FAILED', /cannot read folder: is a directory/],
  ];
  for (const [name, file, ruleId, message] of cases) {
    it(`${name} is a finding for that file; the files before and after it are still validated`, async () => {
      const r = await run(['--format', 'json', 'good.yaml', file, 'bad.yaml']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      const report = JSON.parse(r.stdout) as {
        files: { path: string; valid: boolean; findings: { ruleId: string; pointer: string; level: string }[] }[];
      };
      expect(report.files.map((f) => [f.path, f.valid])).toEqual([
        ['good.yaml', true],
        [file, false],
        ['bad.yaml', false],
      ]);
      expect(report.files[1]!.findings).toEqual([expect.objectContaining({ ruleId, level: 'error', pointer: '' })]);
      expect(report.files[2]!.findings.length).toBeGreaterThan(0);
    });
  }

  it('an oversized file is EBK_TOO_LARGE for that file only', async () => {
    const small = statSync(join(dir, 'bad.yaml')).size;
    expect(statSync(join(dir, 'good.yaml')).size).toBeGreaterThan(small);
    const r = await run(['--format', 'json', '--max-bytes', String(small), 'good.yaml', 'bad.yaml']);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    expect(r.code).toBe(2);
    expect(report.files.map((f) => [f.path, f.findings.some((x) => x.ruleId === 'EBK_TOO_LARGE')])).toEqual([
      ['good.yaml', true],
      ['bad.yaml', false],
    ]);
    expect(report.files[1]!.findings.length).toBeGreaterThan(0);
  });

  it('the text report names the unreadable file with its code', async () => {
    const r = await run(['good.yaml', 'missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/missing\.yaml.*EBK_READ_FAILED/);
    // Once per line: the code is the finding's, not repeated at the end of its message.
    const line = r.stdout.split('\n').find((l) => l.includes('missing.yaml'))!;
    expect(line.match(/EBK_READ_FAILED/g)).toHaveLength(1);
    // A size refusal too: the file named once, the code once, its hint kept.
    const big = await run(['--max-bytes', '10', 'good.yaml']);
    expect(big.stdout.split('\n')[0]).toMatch(
      /^good\.yaml error EBK_TOO_LARGE the input is \d+ bytes, over the 10-byte limit; see --max-bytes$/,
    );
  });

  it('--help states the exit codes these runs give', async () => {
    const help = await run(['--help']);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Exit 0 when no document has an error-level finding (warnings and infos allowed), 1 when');
    expect(text).toContain(
      '2 for usage errors or an input that could not be read (missing, a directory, larger than --max-bytes)',
    );
    expect((await run(['good.yaml'])).code).toBe(0);
    expect((await run(['good.yaml', 'bad.yaml'])).code).toBe(1);
    expect((await run(['bad.yaml', 'folder'])).code).toBe(2);
  });
});
