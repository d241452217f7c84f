/**
 * The client's updates (accept, reject, cancel) tell the server how long it waits (RFC 7240 Prefer: wait), as its
 * submissions do: an aggregator then answers within it, even when a lower broker stalls, instead of after it.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer, cancelSession, rejectOffer } from '../../src/client/index.js';

const seen: { method: string | undefined; headers: IncomingHttpHeaders }[] = [];
const server = createServer((req, res) => {
  seen.push({ method: req.method, headers: req.headers });
  req.resume();
  res.writeHead(409, { 'content-type': 'application/json' });
  res.end('{"status":409,"error":"CONFLICT","code":"UPDATE_NOT_OFFERED","message":"no"}');
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('Prefer: wait on the client updates', () => {
  for (const [name, call] of [
    ['acceptOffer', acceptOffer],
    ['rejectOffer', rejectOffer],
    ['cancelSession', cancelSession],
  ] as const) {
    it(`${name} states its timeout in whole seconds`, async () => {
      const out = await call(`${base}/sessions/00000000-0000-4000-8000-000000000000`, { timeoutMs: 7_500 });
      expect(out.ok).toBe(false);
      // A refused accept or reject is followed by a GET of the session (its phase); the update is the POST.
      expect(seen.filter((s) => s.method === 'POST').at(-1)?.headers.prefer).toBe('wait=7');
    });
  }
});
