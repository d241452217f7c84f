import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDocs } from '../../src/cli/commands/docs.js';
import { memoryIO } from '../support/memory-io.js';

describe('ebkit docs --out a directory that cannot be made', () => {
  // Node 20's recursive mkdir never returns under /proc; the site builder makes one level at a time.
  it.runIf(existsSync('/proc/self'))('says so and exits 2 instead of hanging', async () => {
    const io = memoryIO();
    const out = `/proc/ebkit-${process.pid}/site`;
    const code = await runDocs({ out, skipApi: true }, io);
    expect(code).toBe(2);
    expect(io.err.join('')).toContain(`ebkit docs: cannot build the site in ${out}: ENOENT`);
  });
});
