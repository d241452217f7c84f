import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { startEmbeddedBroker } from '../../../../conformance/embedded.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck('errors-body-too-large');

it('a broker that drops the connection under an oversized upload is not judged, and told what RFC 9112 §9.6 asks', async () => {
  const broker = await startEmbeddedBroker();
  // In front of the reference broker: bodies over 1 MiB are cut off unanswered (the socket closed unread).
  const front = createServer((req, res) => {
    if (Number(req.headers['content-length']) > 1024 * 1024) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void fetch(`${broker.url}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? '', accept: req.headers.accept ?? '*/*' },
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        redirect: 'manual',
      }).then(async (r) => {
        const location = r.headers.get('location');
        res.writeHead(r.status, {
          'content-type': r.headers.get('content-type') ?? 'application/yaml',
          ...(location ? { location: location.replace(broker.url, target) } : {}),
        });
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((done) => front.listen(0, '127.0.0.1', done));
  const target = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  try {
    const check = ALL_CHECKS.find((c) => c.id === 'errors-body-too-large')!;
    const report = await runConformance({ target, checks: [check], deadlineMs: 30_000 });
    const result = report.checks[0];
    expect(result?.outcome, result?.message).toBe('error');
    expect(result?.message).toMatch(/closed the connection while the body was sent .* \(RFC 9112 §9\.6\)/);
  } finally {
    front.closeAllConnections();
    await new Promise((done) => front.close(done));
    await broker.close();
  }
});
