import { describe, expect, it } from 'vitest';
import { testCheck } from '../../helpers/test-check.js';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { answer, startProxied } from '../../../../conformance/mutants/proxy.js';

testCheck('errors-semantic-refusal');

describe('errors-semantic-refusal on a 4xx refusal whose error document is itself wrong', () => {
  it('passes the refusal and notes the error document under its own requirement (EB-ERR-02), not EB-ERR-12', async () => {
    // A broker that refuses the dangling reference with 422, its error document saying status 400.
    const server = await startProxied({
      request: (req) =>
        req.method === 'POST' && req.path === '/requests' && req.body.includes('ebkit-no-such-resource')
          ? answer(
              422,
              { status: 400, error: 'UNPROCESSABLE_CONTENT', code: 'INVALID_DOCUMENT', message: 'no such resource' },
              'error',
            )
          : undefined,
    });
    try {
      const check = ALL_CHECKS.find((c) => c.id === 'errors-semantic-refusal')!;
      const result = (await runConformance({ target: server.url, checks: [check], deadlineMs: 20_000 })).checks[0];
      expect(result?.outcome, result?.message).toBe('pass');
      const notes = result?.evidence.map((e) => e.note ?? '').join(' ');
      expect(notes).toMatch(/says status 400 but HTTP says 422 \(EB-ERR-02, judged by the checks that cite it\)/);
    } finally {
      await server.close();
    }
  });
});
