import type { Variant } from './variant.js';
import { jsonBody, rewrite, startProxied } from '../mutants/proxy.js';
import { serialize } from '../../src/serialize/index.js';
import { KINDS } from '../../src/model/index.js';
import { validate } from '../../src/validate/index.js';

/** More cores than the platform has: whatever else a request asks, the answer is NO. */
const MORE_THAN_ANY = { min: 1_000_000 };

/**
 * Answers every request NO with one reason, its own (it is closed): what an aggregator whose lower brokers are
 * all away answers, or a broker closed for maintenance. Nothing it does is wrong, but a check that needs a YES, or
 * a NO naming one particular problem, cannot judge it. (Each request reaches the reference broker asking for more
 * cores than it has; its NO keeps only the closed message.)
 */
const variant: Variant = {
  id: 'always-no',
  description: 'Answers every request NO, giving the one reason that it is closed',
  start: () =>
    startProxied({
      request: (req) => {
        if (req.method !== 'POST' || !['/requests', '/direct'].includes(req.path)) return undefined;
        // Only a request the broker would take: refusals of bad bodies and media types stay the broker's own.
        const type = req.headers['content-type'] ?? '';
        const doc = /^application\/json\s*(;|$)/i.test(type) ? jsonBody(req) : undefined;
        if (!doc || !validate(doc, { type: 'request' }).valid) return undefined;
        const compute = (doc['compute'] ?? { kind: KINDS.SimpleComputeResource }) as Record<string, unknown>;
        doc['compute'] = { ...compute, cores: MORE_THAN_ANY };
        return { ...req, body: Buffer.from(serialize(doc, 'json', 'request')) };
      },
      response: (req, res) =>
        rewrite(req, res, (v, t) => {
          if (t !== 'offerset' || v['result'] !== 'NO') return;
          const meta = (v['meta'] ?? {}) as Record<string, unknown>;
          const closed = {
            kind: 'urn:example:closed',
            level: 'WARN',
            message: 'This platform takes no requests this week (maintenance).',
          };
          v['meta'] = { ...meta, messages: [closed] };
        }),
    }),
};

export default variant;
