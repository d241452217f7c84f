/**
 * A proxy in front of a broker that passes every request through and may rewrite each answer's body: how a test
 * makes a conformant broker misbehave in one way (a fault) or echo what it was sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Rewrites one answer's body text; `type` is its Content-Type. */
export type Rewrite = (req: IncomingMessage, text: string, type: string) => string;

/** Answer headers passed on besides Content-Type. */
const KEPT = ['location', 'allow', 'vary'];

export async function rewritingProxy(target: string, rewrite: Rewrite): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers = { ...(req.headers as Record<string, string>) };
        for (const h of ['host', 'content-length', 'connection', 'transfer-encoding']) delete headers[h];
        const answer = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers,
          redirect: 'manual',
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        });
        const type = answer.headers.get('content-type') ?? '';
        const text = rewrite(req, await answer.text(), type);
        const out: Record<string, string> = { 'content-type': type || 'text/plain' };
        for (const h of KEPT) {
          const v = answer.headers.get(h);
          if (v) out[h] = v;
        }
        res.writeHead(answer.status, out).end(text);
      })();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
