import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectories } from '../../src/util/fs.js';

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
