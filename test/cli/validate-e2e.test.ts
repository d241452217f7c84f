import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../validate/helpers/schema-facts.js';
import { exampleText } from '../validate/helpers/corpus.js';

/** The real binary, as users run it (needs `npm run build`, which `npm test` does first). */
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const exec = promisify(execFile);

async function ebkit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.skipIf(!existsSync(BIN))('node dist/src/cli/bin.js validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-e2e-'));
  const valid = join(dir, 'request.yaml');
  const invalid = join(dir, 'dangling.yaml');
  writeFileSync(valid, exampleText('valid/request-docker-ports-volumes.yaml', 'yaml')!);
  writeFileSync(invalid, exampleText('invalid/request-dangling-volume-resource.yaml', 'yaml')!);

  it('exits 0, 1 and 2 as documented', async () => {
    expect((await ebkit(['validate', valid])).code).toBe(0);
    const bad = await ebkit(['validate', invalid]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('EB-REF-03');
    const missing = await ebkit(['validate', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it.skipIf(!existsSync('/dev/zero'))(
    'refuses an input that never ends, by path or on standard input, once it passes the limit (no hang, no OOM)',
    async () => {
      const device = await ebkit(['validate', '--max-bytes', '100000', '/dev/zero']);
      expect(device.code).toBe(2);
      expect(device.stderr.trim()).toBe(
        'ebkit validate: /dev/zero: the input is over the 100000-byte limit (reading stopped there) (EBK_TOO_LARGE; see --max-bytes)',
      );
      const piped = spawnSync('sh', ['-c', `node ${BIN} validate - < /dev/zero`], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(piped.status).toBe(2);
      expect(piped.stderr).toMatch(
        /^ebkit validate: -: the input is over the \d+-byte limit \(reading stopped there\)/,
      );
      for (const cmd of [
        ['migrate', '--check', '/dev/zero'],
        ['compose', '/dev/zero'],
        ['offers', '/dev/zero', '--broker', 'http://127.0.0.1:9'],
      ]) {
        const r = await ebkit(cmd);
        expect(r.code, cmd.join(' ')).not.toBe(0);
        expect(`${r.stdout}${r.stderr}`, cmd.join(' ')).toMatch(/over the \d+-byte limit \(reading stopped there\)/);
      }
    },
    120_000,
  );
});
