import { describe, expect, it } from 'vitest';
import { testCheck } from '../../helpers/test-check.js';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { jsonBody, rewrite, startProxied, type Doc } from '../../../../conformance/mutants/proxy.js';

testCheck('errors-min-above-max');

/** A broker that answers a request with cores min above max NO, its one message saying `message`. */
function refusingWith(message: string) {
  return startProxied({
    request: (req) => {
      const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
      const cores = (body?.['compute'] as Doc | undefined)?.['cores'] as Doc | undefined;
      if (!body || !cores || Number(cores['min']) <= Number(cores['max'])) return undefined;
      // More cores than the platform has: the reference broker answers NO.
      cores['min'] = 1_000_000;
      delete cores['max'];
      return { ...req, body: Buffer.from(JSON.stringify(body)) };
    },
    response: (req, res) =>
      rewrite(req, res, (v, type) => {
        if (type !== 'offerset' || v['result'] !== 'NO') return;
        v['meta'] = {
          ...((v['meta'] ?? {}) as Doc),
          messages: [{ kind: 'urn:example:refused', level: 'WARN', message }],
        };
      }),
  });
}

describe('errors-min-above-max on a NO', () => {
  const check = ALL_CHECKS.find((c) => c.id === 'errors-min-above-max')!;
  it.each([
    ['Cores: the minimum (4) is above the maximum (2)', 'pass'],
    ['cores.max 2 < cores.min 4', 'pass'],
    // Words that merely contain "min" or "max", or a reason that is not this request's problem.
    ['Not enough free cores: the administrator reserved them for maximal jobs', 'fail'],
  ])('whose message says "%s": %s', async (message, outcome) => {
    const server = await refusingWith(message);
    try {
      const result = (await runConformance({ target: server.url, checks: [check], deadlineMs: 20_000 })).checks[0];
      expect(result?.outcome, result?.message).toBe(outcome);
    } finally {
      await server.close();
    }
  });
});
