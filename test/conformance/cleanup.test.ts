import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { answer, jsonBody, rewrite, startProxied } from '../../conformance/mutants/proxy.js';
import type { Doc } from '../../conformance/mutants/proxy.js';

/** Every session URL an answer names: offers of an offer set, a session, or the Location of POST /direct. */
function sessionsIn(value: Doc, found: Set<string>, base: string): void {
  const add = (s: unknown) => {
    const url = (s as { meta?: { url?: unknown } } | undefined)?.meta?.url;
    if (typeof url === 'string') found.add(new URL(url, base).href);
  };
  if (Array.isArray(value['offers'])) for (const o of value['offers']) add(o);
  else add(value);
}

describe('cleanup', () => {
  it('settles every session any check made (negotiation-xml-in-out included), by a witness that is not the runner', async () => {
    const handedOut = new Set<string>();
    let base = '';
    const broker = await startProxied(
      {
        response: (req, res) => {
          if (req.method === 'POST' && req.path === '/direct' && res.status === 303 && res.headers['location'])
            handedOut.add(new URL(res.headers['location'], base).href);
          // Answers in any format (XML too) are read by the proxy's own parser.
          return res.status < 300 ? rewrite(req, res, (v) => sessionsIn(v, handedOut, base)) : res;
        },
        // Offers live ten minutes, so an offer no one settled is still OFFERED when the witness looks.
      },
      undefined,
      { config: { offerLifetime: 600 } },
    );
    base = broker.url;
    try {
      const report = await runConformance({
        target: broker.url,
        checks: ALL_CHECKS,
        deadlineMs: 60_000,
        skipSlow: true,
      });
      expect(report.leftovers).toEqual([]);
      expect(handedOut.size).toBeGreaterThan(20);
      const unsettled: string[] = [];
      for (const url of handedOut) {
        const r = await request(url, { headers: { accept: 'application/json' } });
        const phase = ((await r.body.json()) as { phase?: string }).phase;
        if (!['REJECTED', 'EXPIRED', 'COMPLETED', 'FAILED', 'CANCELLED'].includes(String(phase)))
          unsettled.push(`${url} ${String(phase)}`);
      }
      expect(unsettled).toEqual([]);
      expect(report.sessionsCreated).toBeGreaterThanOrEqual(handedOut.size);
    } finally {
      await broker.close();
    }
  }, 90_000);

  it('reads every session back: a broker that answers 200 to REJECTED without rejecting is listed as not settled', async () => {
    const broker = await startProxied({
      request: (req) => {
        const body = req.method === 'POST' ? jsonBody(req) : undefined;
        // Claims the session is REJECTED, and does nothing.
        if (body?.['value'] === 'REJECTED' || body?.['value'] === 'CANCELLED')
          return answer(200, { kind: 'x', phase: body['value'], meta: { uuid: req.path.split('/').pop() } }, 'session');
        return undefined;
      },
    });
    try {
      const report = await runConformance({
        target: broker.url,
        checks: ALL_CHECKS.filter((c) => c.id === 'core-session-urls'),
        deadlineMs: 20_000,
      });
      expect(report.sessionsCreated).toBeGreaterThan(0);
      expect(report.leftovers.length).toBe(report.sessionsCreated);
      for (const l of report.leftovers) expect(l.reason).toBe('still OFFERED after asking for REJECTED (read back)');
    } finally {
      await broker.close();
    }
  }, 60_000);
});
