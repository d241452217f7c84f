/**
 * The broker survives clients that misbehave at the connection level: vanishing mid-body, dribbling headers
 * (slowloris), stalling after the headers, opening a thousand connections at once, or pushing 50 MB.
 * Timeouts are shortened here so the tests finish in seconds; the defaults are in DEFAULT_TIMEOUTS.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startBroker, type RunningBroker } from '../../src/broker/index.js';
import { EXAMPLE_REQUEST_TEXT, T0 } from '../broker/helpers.js';
import { head, rawExchange } from './raw.js';

let broker: RunningBroker;
let host: string;

beforeAll(async () => {
  broker = await startBroker({
    clock: new ManualClock(T0),
    timeouts: { headers: 600, request: 1200, keepAlive: 500, checkInterval: 100 },
  });
  host = new URL(broker.url).host;
});
afterAll(async () => {
  await broker.close();
});

const alive = async (): Promise<void> => {
  const r = await rawExchange(broker.url, [head('GET', '/availability', host, [['Connection', 'close']])]);
  expect(r.status).toBe(200);
};

describe('connection-level faults', () => {
  it('a client that disconnects mid-body leaves the broker serving, with no 500', async () => {
    const body = Buffer.from(EXAMPLE_REQUEST_TEXT);
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const s = net.connect(Number(new URL(broker.url).port), '127.0.0.1', () => {
          s.write(
            head('POST', '/requests', host, [
              ['Content-Type', 'application/yaml'],
              ['Content-Length', String(body.length)],
            ]),
          );
          s.write(body.subarray(0, body.length >> 1), () => {
            s.destroy();
            resolve();
          });
        });
        s.on('error', () => resolve());
      });
    }
    await alive();
    expect(broker.stats.internalErrors).toBe(0);
  });

  it('slowloris: headers dribbled one byte at a time are cut off by the server (408 / close)', async () => {
    const text = head('GET', '/availability', host, [['X-Padding', 'a'.repeat(200)]]);
    const parts: Array<string | number> = [];
    for (const ch of text) parts.push(ch, 50);
    const r = await rawExchange(broker.url, parts, 8000);
    expect(r.closed, 'the server closed the connection before the client finished').toBe(true);
    expect([0, 408]).toContain(r.status);
    await alive();
  });

  it('a body that stops arriving after the headers is cut off by the request timeout', async () => {
    const r = await rawExchange(
      broker.url,
      [
        head('POST', '/requests', host, [
          ['Content-Type', 'application/yaml'],
          ['Content-Length', '5000'],
        ]),
        'executable:\n',
      ],
      8000,
    );
    expect(r.closed).toBe(true);
    expect([0, 400, 408]).toContain(r.status);
    await alive();
    expect(broker.stats.internalErrors).toBe(0);
  });

  it('1000 concurrent connections are all answered', async () => {
    const port = Number(new URL(broker.url).port);
    const one = (): Promise<number> =>
      new Promise((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        let out = '';
        s.on('connect', () => s.write(head('GET', '/availability', host, [['Connection', 'close']])));
        s.on('data', (d) => (out += d.toString('latin1')));
        s.on('close', () => resolve(Number(out.split(' ')[1] ?? 0)));
        s.on('error', () => resolve(-1));
      });
    const statuses = await Promise.all(Array.from({ length: 1000 }, one));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  }, 60_000);

  for (const framing of ['content-length', 'chunked'] as const) {
    it(`a 50 MB body (${framing}) is refused with 413 before it has all been sent`, async () => {
      const total = 50 * 1024 * 1024;
      const port = Number(new URL(broker.url).port);
      const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        let sent = 0;
        let out = '';
        let done = false;
        const finish = (): void => {
          if (done) return;
          done = true;
          s.destroy();
          resolve({ status: Number(out.split(' ')[1] ?? 0), sent });
        };
        s.on('data', (d) => {
          out += d.toString('latin1');
          if (out.includes('\r\n\r\n')) finish();
        });
        s.on('close', finish);
        s.on('error', finish);
        s.write(
          head('POST', '/requests', host, [
            ['Content-Type', 'application/yaml'],
            framing === 'chunked' ? ['Transfer-Encoding', 'chunked'] : ['Content-Length', String(total)],
          ]),
        );
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const framed =
          framing === 'chunked'
            ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
            : chunk;
        const pump = (): void => {
          while (!done && sent < total) {
            sent += chunk.length;
            if (!s.write(framed)) {
              s.once('drain', pump);
              return;
            }
          }
        };
        pump();
      });
      expect(status).toBe(413);
      expect(sent).toBeLessThan(total);
      await alive();
    }, 30_000);
  }

  it('none of the above made the broker answer 500', () => {
    expect(broker.stats.internalErrors).toBe(0);
  });
});
