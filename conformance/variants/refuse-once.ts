import { createHash } from 'node:crypto';
import { answer, startProxied } from '../mutants/proxy.js';

/**
 * A reference broker behind a proxy that refuses every `every`-th new request once, with `status`, the error
 * document `doc` and Retry-After: 0, and serves the same request (method, path, body) whenever it comes again.
 */
export function refuseOnce(
  every: number,
  status: number,
  doc: Record<string, unknown>,
): ReturnType<typeof startProxied> {
  let n = 0;
  const refused = new Set<string>();
  return startProxied({
    request: (req) => {
      const key = `${req.method} ${req.path} ${createHash('sha1').update(req.body).digest('hex')}`;
      // A request refused once is never refused again: two checks may send the same request at once, and taking
      // the first one's retry for a new request could refuse it three times in a row.
      if (refused.has(key)) return undefined;
      if (++n % every !== 0) return undefined;
      refused.add(key);
      const busy = answer(status, doc, 'error');
      return { ...busy, headers: { ...busy.headers, 'retry-after': '0' } };
    },
  });
}
