/**
 * Serves one or more independent brokers from one node:http server, each under its own path prefix
 * ('' for the root), so a test can run many configurations (faults) in one process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IndependentBroker, type BrokerOptions } from './broker.js';

export interface Running {
  server: Server;
  /** Base URL of the broker mounted under `prefix`. */
  url(prefix?: string): string;
  close(): Promise<void>;
}

/** Starts the server on host:port (port 0: any free port) with `brokers` mounted by prefix. */
export async function startBrokers(
  brokers: Record<string, BrokerOptions | IndependentBroker>,
  port = 0,
  host = '127.0.0.1',
): Promise<Running> {
  const mounted = Object.entries(brokers)
    .map(([prefix, b]): [string, IndependentBroker] => [
      prefix.replace(/\/$/, ''),
      b instanceof IndependentBroker ? b : new IndependentBroker(b),
    ])
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const hit = mounted.find(([prefix]) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`));
    if (!hit) {
      const body = `status: 404\nerror: NOT_FOUND\ncode: UNKNOWN_PATH\nmessage: No broker is mounted at ${JSON.stringify(path)}.\n`;
      res.writeHead(404, { 'Content-Type': 'application/yaml', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    void hit[1].handle(req, res, hit[0]);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    url: (prefix = '') => `http://${host}:${bound}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
