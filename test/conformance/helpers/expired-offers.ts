import { answer, eachSession, isSessionPath, rewrite, startProxied } from '../../../conformance/mutants/proxy.js';
import { ALL_CHECKS, runConformance, type CheckResult } from '../../../conformance/index.js';

/**
 * A reference broker whose offers are handed out already EXPIRED (no expires), and stay so: each valid update of one
 * is refused 409 OFFER_EXPIRED. A faulty broker, but not in the ways the lifecycle checks judge.
 */
function startExpiredOffers(): ReturnType<typeof startProxied> {
  return startProxied({
    request: (req) => {
      const update = req.method === 'POST' && isSessionPath(req.path) && req.body.includes('"value"');
      return update
        ? answer(
            409,
            { status: 409, error: 'CONFLICT', code: 'OFFER_EXPIRED', message: 'The offer has expired.' },
            'error',
          )
        : undefined;
    },
    response: (req, res) =>
      rewrite(req, res, (v, t) =>
        eachSession(v, t, (s) => {
          if (s['phase'] !== 'OFFERED') return;
          s['phase'] = 'EXPIRED';
          delete s['expires'];
          const meta = s['meta'] as Record<string, unknown> | undefined;
          if (meta) delete meta['options'];
        }),
      ),
  });
}

/** Check `id` run alone against that broker. */
export async function againstExpiredOffers(id: string): Promise<CheckResult | undefined> {
  const check = ALL_CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const server = await startExpiredOffers();
  try {
    return (await runConformance({ target: server.url, checks: [check], deadlineMs: 20_000 })).checks[0];
  } finally {
    await server.close();
  }
}
