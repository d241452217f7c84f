import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectories, overLimit, readFileBounded, readStreamBounded } from '../../src/util/fs.js';

describe('makeDirectories', () => {
  it('makes every missing level, and is a no-op for a directory that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'ebkit-mkdirs-'));
    const deep = join(root, 'a', 'b', 'c');
    makeDirectories(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => makeDirectories(deep)).not.toThrow();
  });

  it('throws ENOTDIR when a level is a file', () => {
    const root = mkdtempSync(join(tmpdir(), 'ebkit-mkdirs-'));
    writeFileSync(join(root, 'file'), 'x');
    expect(() => makeDirectories(join(root, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  // Node 20's recursive mkdir never returns here; one level at a time gets the pseudo-filesystem's ENOENT.
  it.runIf(existsSync('/proc/self'))('throws at once under /proc instead of looping', () => {
    expect(() => makeDirectories(`/proc/ebkit-${process.pid}/a/b`)).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });
});

describe('readFileBounded / readStreamBounded', () => {
  const root = mkdtempSync(join(tmpdir(), 'ebkit-bounded-'));

  it('reads a file within the limit, and refuses a bigger regular file by its size before reading it', () => {
    const small = join(root, 'small.yaml');
    writeFileSync(small, 'a: 1\n');
    const ok = readFileBounded(small, 5);
    expect(ok.ok && ok.bytes.toString()).toBe('a: 1\n');
    expect(readFileBounded(small, 4)).toEqual({ ok: false, kind: 'too-large', size: 5 });
  });

  it.skipIf(!existsSync('/dev/zero'))('stops reading a device that never ends just past the limit', () => {
    const before = process.memoryUsage().rss;
    expect(readFileBounded('/dev/zero', 1_000_000)).toEqual({ ok: false, kind: 'too-large' });
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    expect(overLimit({}, 1000)).toBe('over the 1000-byte limit (reading stopped there)');
    expect(overLimit({ size: 5000 }, 1000)).toBe('5000 bytes, over the 1000-byte limit');
  });

  it('names a directory and a missing file', () => {
    expect(readFileBounded(root, 10)).toEqual({ ok: false, kind: 'directory' });
    const missing = readFileBounded(join(root, 'nope'), 10);
    expect(!missing.ok && missing.kind === 'error' && (missing.error as { code?: string }).code).toBe('ENOENT');
  });

  it('stops pulling from an endless stream once it passes the limit', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        pulled++;
        yield Buffer.alloc(1000);
      }
    }
    expect(await readStreamBounded(endless(), 4500)).toEqual({ ok: false, kind: 'too-large' });
    expect(pulled).toBe(5);
    const done = await readStreamBounded(
      (async function* () {
        yield Buffer.from('ab');
        yield 'c';
      })(),
      3,
    );
    expect(done.ok && done.bytes.toString()).toBe('abc');
  });
});
