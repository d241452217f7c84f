import { expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { startProxied } from '../../conformance/mutants/proxy.js';

const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 9 }, (_, i) => {
    const prev = i === 0 ? 'a' : `l${i - 1}`;
    return `l${i}: &l${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
  }),
].join('\n');

it('an offer set the parser refuses (a YAML alias bomb) fails with the parser\'s reason, not only "could not be read"', async () => {
  const broker = await startProxied({
    response: (req, res) =>
      req.method === 'GET' && req.path.startsWith('/offersets/')
        ? { status: 200, headers: { 'content-type': 'application/yaml' }, body: Buffer.from(BOMB) }
        : res,
  });
  try {
    const check = ALL_CHECKS.find((c) => c.id === 'core-offerset-valid')!;
    const report = await runConformance({ target: broker.url, checks: [check], deadlineMs: 20_000 });
    const result = report.checks[0]!;
    expect(result.outcome).toBe('fail');
    expect(result.message).toMatch(
      /could not be read \(asked for JSON; Content-Type application\/yaml, \d+ bytes\): EBK_\w+: /,
    );
  } finally {
    await broker.close();
  }
});
