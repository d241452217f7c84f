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

it('a POST /direct answered 200 with no session document fails saying what came, not "in phase undefined"', async () => {
  const broker = await startProxied({
    response: (req, res) =>
      req.method === 'POST' && req.path === '/direct'
        ? { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html><p>queued</p></html>') }
        : res,
  });
  try {
    const checks = ALL_CHECKS.filter((c) => c.id === 'core-direct-execution' || c.id === 'core-direct-refused');
    const report = await runConformance({ target: broker.url, checks, deadlineMs: 20_000 });
    expect(report.checks.map((c) => c.outcome)).toEqual(['fail', 'fail']);
    for (const result of report.checks) {
      expect(result.message).toMatch(
        /^POST \/direct \(200\): the body is not a session document \(Content-Type text\/html, 26 bytes\): EBK_\w+: /,
      );
      expect(result.broken?.requirement).toBe('EB-HTTP-07');
    }
  } finally {
    await broker.close();
  }
});
