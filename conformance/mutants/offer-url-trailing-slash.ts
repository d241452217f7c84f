import type { Mutant, Doc } from './proxy.js';
import { rewrite, eachSession, startProxied } from './proxy.js';

/** Ends each session's meta.url with a slash after the uuid, and serves the URL all the same. */
const mutant: Mutant = {
  id: 'offer-url-trailing-slash',
  description: "Ends each session's meta.url with a slash after its uuid (and serves it)",
  requirements: ['EB-REF-06'],
  catches: ['core-offer-identity'],
  start: () =>
    startProxied({
      request: (req) =>
        /^\/sessions\/[0-9a-f-]{36}\/$/i.test(req.path) ? { ...req, path: req.path.slice(0, -1) } : undefined,
      response: (req, res) =>
        rewrite(req, res, (v, t) =>
          eachSession(v, t, (s) => {
            const meta = s['meta'] as Doc | undefined;
            if (meta && typeof meta['url'] === 'string' && !meta['url'].endsWith('/')) meta['url'] = `${meta['url']}/`;
          }),
        ),
    }),
};

export default mutant;
