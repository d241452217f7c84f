/**
 * Closing a broker or an aggregator does not wait on a client that sent half a request, or nothing, on an open
 * socket: node stops its header timeout once a close begins, so such a client held close() (and `ebkit serve`
 * after SIGTERM) for as long as it stayed.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startBroker } from '../../src/broker/index.js';
import { startAggregator } from '../../src/aggregator/index.js';
import { CLOSE_GRACE_MS } from '../../src/broker/http/close.js';

async function stalledSocket(url: string, bytes: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((done) => socket.once('connect', done));
  if (bytes) socket.write(bytes);
  socket.on('error', () => undefined);
  // Reads what the server sends (a 503 while closing), so the socket sees the server's end.
  socket.resume();
  return socket;
}

describe('close() with a stalled client', () => {
  it.each([
    ['a broker', 'half a request', 'GET /availability HTTP/1.1\r\nHost: x\r\n'],
    ['a broker', 'no bytes at all', ''],
    ['an aggregator', 'half a request', 'GET /availability HTTP/1.1\r\nHost: x\r\n'],
  ])(
    '%s closes within the grace period while a client holds %s',
    async (what, _how, bytes) => {
      const broker = await startBroker({ db: ':memory:' });
      const server = what === 'a broker' ? broker : await startAggregator({ db: ':memory:', upstreams: [broker.url] });
      const socket = await stalledSocket(server.url, bytes);
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      // No timer in the test: node's own header timeout no longer runs once close() begins, so without the grace
      // period's end this hangs until the test's timeout.
      await server.close();
      await closed;
      expect(socket.destroyed).toBe(true);
      if (server !== broker) await broker.close();
    },
    CLOSE_GRACE_MS + 8_000,
  );
});
