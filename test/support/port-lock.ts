/**
 * A lock on a fixed TCP port, for the tests that run README commands as written (`--port 8080`): vitest runs
 * test files in parallel, and two of them starting a broker on 8080 at once would meet the other's broker. The
 * lock is a directory (mkdir is atomic) naming its holder's pid, so a holder that died does not block for ever.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Waits until this process holds `port`'s lock; the function returned gives it back. */
export async function lockPort(port: number, timeoutMs = 300_000): Promise<() => void> {
  const dir = join(tmpdir(), `ebkit-port-${port}.lock`);
  const owner = join(dir, 'pid');
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(owner, String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let pid = Number.NaN;
    try {
      pid = Number(readFileSync(owner, 'utf8'));
    } catch {
      /* the holder is between mkdir and writing its pid, or just let go */
    }
    const dead = Number.isInteger(pid) && pid > 0 ? !alive(pid) : ageMs(dir) > 10_000;
    if (dead) rmSync(dir, { recursive: true, force: true });
    else if (Date.now() > until) throw new Error(`port ${port} stayed locked (${dir}, pid ${pid}) for ${timeoutMs} ms`);
    else await new Promise((r) => setTimeout(r, 200));
  }
}
