import type { Mutant } from './proxy.js';
import { startProxied, jsonBody, isSessionPath } from './proxy.js';
import { withoutIdentifiers } from '../../src/broker/http/update-identity.js';

/**
 * Ignores the session an update body names: an update naming another session is applied to the one in its URL. It
 * harms no other session (a 1.0 update has no uuid member to read), so the check warns rather than fails.
 */
const mutant: Mutant = {
  id: 'update-identifier-ignored',
  description: 'Ignores the session an update body names (uuid, meta.uuid) and applies it to the one in its URL',
  requirements: ['EB-UPD-11'],
  catches: [],
  warns: ['lifecycle-update-identifier'],
  start: () =>
    startProxied({
      request: (req) => {
        const update = req.method === 'POST' && isSessionPath(req.path) ? jsonBody(req) : undefined;
        if (!update) return undefined;
        const body = Buffer.from(JSON.stringify(withoutIdentifiers(update)));
        return { ...req, headers: { ...req.headers, 'content-type': 'application/json' }, body };
      },
    }),
};

export default mutant;
