/**
 * A broker behind a compressing proxy: the runner sends no Accept-Encoding, which RFC 9110 §12.5.3 reads as any
 * coding being acceptable, so a gzip answer is read as the document it codes and judged as such; a coding the runner
 * cannot undo is named as the reason a body could not be read.
 */
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { startProxied } from '../../conformance/mutants/proxy.js';

it('judges every core and negotiation check of a broker whose answers are gzip-coded as it judges the broker', async () => {
  const broker = await startProxied({
    response: (_req, res) =>
      res.body.length > 0
        ? { ...res, headers: { ...res.headers, 'content-encoding': 'gzip' }, body: gzipSync(res.body) }
        : res,
  });
  try {
    const checks = ALL_CHECKS.filter((c) => c.class === 'core' || c.class === 'negotiation');
    const report = await runConformance({ target: broker.url, checks, deadlineMs: 60_000 });
    const wrong = report.checks.filter((c) => !['pass', 'warn', 'info', 'na'].includes(c.outcome));
    expect(wrong.map((c) => `${c.id}: ${c.outcome}: ${c.message}`)).toEqual([]);
    expect(report.checks.filter((c) => c.outcome === 'pass').length).toBeGreaterThan(10);
  } finally {
    await broker.close();
  }
}, 90_000);

it('names a coding the runner cannot undo as why an offer set could not be read', async () => {
  const broker = await startProxied({
    response: (req, res) =>
      req.method === 'GET' && req.path.startsWith('/offersets/')
        ? {
            ...res,
            headers: { ...res.headers, 'content-encoding': 'zstd' },
            body: Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
          }
        : res,
  });
  try {
    const check = ALL_CHECKS.find((c) => c.id === 'core-offerset-valid')!;
    const report = await runConformance({ target: broker.url, checks: [check], deadlineMs: 20_000 });
    const result = report.checks[0]!;
    expect(result.outcome).toBe('fail');
    expect(result.message).toMatch(
      /could not be read .*: it is sent with Content-Encoding zstd, which the runner cannot decode/,
    );
  } finally {
    await broker.close();
  }
});
