import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';

/** A server that drops the connection of every POST without an answer, as an overloaded listen queue does. */
async function resettingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === 'POST') req.socket.destroy();
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

describe('a connection reset', () => {
  it('says, when other checks ran at the same time, that load may be the cause and how to tell; alone, it does not', async () => {
    const server = await resettingServer();
    try {
      const checks = ALL_CHECKS.filter((c) => ['errors-min-above-max', 'errors-semantic-refusal'].includes(c.id));
      const together = await runConformance({ target: server.url, checks, concurrency: 2, deadlineMs: 20_000 });
      expect(together.checks.map((c) => c.outcome)).toEqual(['error', 'error']);
      // The first to be reset ran beside the other (which may end before it is reset itself).
      expect(together.checks.map((c) => c.message)).toContainEqual(
        expect.stringMatching(/reset: .*1 other check\(s\) were running .* --concurrency 1 tells the two apart/),
      );
      const alone = await runConformance({ target: server.url, checks, concurrency: 1, deadlineMs: 20_000 });
      for (const c of alone.checks) {
        expect(c.outcome).toBe('error');
        expect(c.message).toMatch(/reset: /);
        expect(c.message).not.toMatch(/other check/);
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
