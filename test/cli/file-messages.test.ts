/**
 * A file a command cannot read or write is told in the same words everywhere (`cannot read NAME: no such file`,
 * as validate says it), never with Node's `ENOENT: no such file or directory, open '…'`.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { memoryIO } from '../client/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ebkit-file-messages-'));
const COMPOSE = join(import.meta.dirname, '../../spec/examples/compose/1-developer.yaml');
const MIGRATE = join(import.meta.dirname, '../fixtures/migrate/request-2025-11-curl.yaml');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIO({ cwd: dir });
  const code = await cli(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

const NODE_WORDS = /ENOENT|no such file or directory|open '/;

describe('messages about files', () => {
  it.each([
    ['serve', ['serve', '--config', 'missing.yaml', '--db', ':memory:', '--port', '0']],
    ['aggregate', ['aggregate', '--config', 'missing.yaml', '--db', ':memory:', '--port', '0']],
  ])('%s --config with a missing file: exit 2, in the words validate uses', async (name, argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ebkit ${name}: --config: cannot read missing.yaml: no such file (EBK_READ_FAILED)\n`);
    expect(r.stdout).toBe('');
  });

  it('serve --config naming a directory says so', async () => {
    const r = await run(['serve', '--config', '.', '--db', ':memory:', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ebkit serve: --config: cannot read .: is a directory (EBK_READ_FAILED)\n');
  });

  it('coverage --register with a missing file', async () => {
    const r = await run(['coverage', '--register', 'missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ebkit coverage: cannot read the requirement register .*missing\.yaml: no such file\n$/);
    expect(r.stderr).not.toMatch(NODE_WORDS);
  });

  it('migrate -o into a directory that does not exist', async () => {
    const r = await run(['migrate', MIGRATE, '-o', 'no/such/dir/out.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ebkit migrate: cannot write no\/such\/dir\/out\.yaml: no such directory\n$/m);
    expect(r.stderr).not.toMatch(NODE_WORDS);
  });

  it('a symbolic link loop is named as one, not by its code', async () => {
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const r = await run(['validate', 'loop-a']);
    expect(r.stdout + r.stderr).toContain('cannot read loop-a: too many levels of symbolic links (a link loop)');
    expect(r.stdout + r.stderr).not.toMatch(/ELOOP/);
  });

  it('a report under a path whose folder is a file says so, not EEXIST', async () => {
    writeFileSync(join(dir, 'plain.txt'), 'not a folder\n');
    const r = await run(['conformance', 'http://127.0.0.1:9', '--report', 'plain.txt/sub/r.json', '--deadline', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write plain\.txt\/sub\/r\.json: a part of the path is (a file, )?not a directory/);
    expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR/);
  });

  it('compose -o into a directory that does not exist: exit 2, one line, no internal error', async () => {
    const r = await run(['compose', COMPOSE, '-o', 'no/such/dir/out.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ebkit compose: cannot write no\/such\/dir\/out\.yaml: no such directory\n$/m);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(NODE_WORDS);
  });
});
