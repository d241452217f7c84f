import type { Mutant } from './proxy.js';
import { startProxied, jsonBody, isSessionPath } from './proxy.js';
import { withoutIdentifiers } from '../../src/broker/http/update-identity.js';
import { valueAt } from '../../src/validate/pointer.js';

/** The uuid an update body names (uuid or meta.uuid), if any. */
function namedUuid(update: Record<string, unknown>): string | undefined {
  const named = valueAt(update, '/uuid') ?? valueAt(update, '/meta/uuid');
  return typeof named === 'string' && /^[0-9a-f-]{36}$/i.test(named) ? named : undefined;
}

/** Trusts the session an update body names over its URL: an update naming another session is applied to that one. */
const mutant: Mutant = {
  id: 'update-identifier-trusted',
  description: 'Applies an update to the session its body names (uuid, meta.uuid), not to the one in its URL',
  requirements: ['EB-UPD-07'],
  catches: ['lifecycle-update-identifier'],
  start: () =>
    startProxied({
      request: (req) => {
        const update = req.method === 'POST' && isSessionPath(req.path) ? jsonBody(req) : undefined;
        const named = update ? namedUuid(update) : undefined;
        if (!update || !named) return undefined;
        const body = Buffer.from(JSON.stringify(withoutIdentifiers(update)));
        return {
          ...req,
          path: `/sessions/${named}`,
          headers: { ...req.headers, 'content-type': 'application/json' },
          body,
        };
      },
    }),
};

export default mutant;
