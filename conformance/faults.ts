import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, request } from 'undici';
import { seeded } from './variants/variant.js';

/** What the proxy may do to one exchange. */
export const FAULTS = ['delay', 'drop', 'truncate', 'wrong-type', 'stall'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultOptions {
  /** Seed of the fault sequence: the same seed draws the same faults in the same order. */
  seed: number;
  /** Share of exchanges that get a fault (0–1, default 0.3). */
  rate?: number;
  /** Longest added delay (default 1500 ms). */
  maxDelayMs?: number;
  /** Faults to draw from (default all). */
  faults?: readonly Fault[];
}

export interface FaultyProxy {
  url: string;
  /** How often each fault was applied, and how many exchanges went through clean. */
  counts: Record<Fault | 'clean', number>;
  /** Sets the upstream after the proxy is listening (the broker needs the proxy's URL first). */
  setUpstream(url: string): void;
  close(): Promise<void>;
}

const WRONG_TYPES = [
  'text/html; charset=utf-8',
  'application/octet-stream',
  'application/json',
  'application/xml',
  'text/plain',
];

/**
 * A loopback proxy that, at a seeded random choice of exchanges, delays the answer, drops the connection,
 * sends half the announced body and closes, labels the body with a wrong media type, or never answers.
 * Everything else is forwarded untouched, so a run against it mixes real answers with transport faults.
 */
export async function startFaultyProxy(opts: FaultOptions): Promise<FaultyProxy> {
  const random = seeded(opts.seed);
  const rate = opts.rate ?? 0.3;
  const maxDelay = opts.maxDelayMs ?? 1_500;
  const faults = opts.faults ?? FAULTS;
  const counts = Object.fromEntries([...FAULTS, 'clean'].map((k) => [k, 0])) as FaultyProxy['counts'];
  const agent = new Agent({ connections: 64 });
  let upstream = '';
  const draw = (): { fault: Fault | 'clean'; delay: number; type: string } => {
    // Three draws per exchange whatever the outcome, so the sequence depends only on the seed and the count.
    const a = random();
    const b = random();
    const c = random();
    const fault = a < rate ? (faults[Math.floor(b * faults.length)] as Fault) : 'clean';
    return {
      fault,
      delay: Math.floor(c * maxDelay),
      type: WRONG_TYPES[Math.floor(b * 997) % WRONG_TYPES.length] as string,
    };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const { fault, delay, type } = draw();
    counts[fault]++;
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (fault === 'drop') return void req.socket.destroy();
      if (fault === 'stall') return; // the client's timeout has to end it
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([k]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k),
        ),
      ) as Record<string, string>;
      const method = req.method ?? 'GET';
      const r = await request(`${upstream}${req.url ?? '/'}`, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? null : Buffer.concat(chunks),
        dispatcher: agent,
      });
      const body = Buffer.from(await r.body.arrayBuffer());
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers))
        if (v !== undefined && k !== 'transfer-encoding' && k !== 'connection')
          out[k] = Array.isArray(v) ? v.join(', ') : v;
      out['content-length'] = String(body.length);
      if (fault === 'wrong-type') out['content-type'] = type;
      if (fault === 'delay') await new Promise((resolve) => setTimeout(resolve, delay));
      res.writeHead(r.statusCode, out);
      if (fault === 'truncate' && body.length > 1) {
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        // Announced more than was sent: the client must notice the short body, not wait for the rest.
        setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      res.end(body);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    counts,
    setUpstream(u) {
      upstream = u.replace(/\/$/, '');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
