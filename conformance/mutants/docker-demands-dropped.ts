import type { Mutant, Doc } from './proxy.js';
import { startProxied, jsonBody } from './proxy.js';

/** Forgets privileged and client-set external ports before planning, so it offers what was not asked. */
const mutant: Mutant = {
  id: 'docker-demands-dropped',
  description: 'Offers a privileged request unprivileged and a client-set external port as another one',
  catches: ['core-privileged-no', 'core-external-port-no'],
  requirements: ['EB-OFF-20', 'EB-OFF-21'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const exe = body?.['executable'] as Doc | undefined;
        if (!body || !exe) return undefined;
        delete exe['privileged'];
        const ports = (exe['network'] as Doc | undefined)?.['ports'];
        if (Array.isArray(ports)) for (const p of ports as Doc[]) delete p['external'];
        return {
          ...req,
          body: Buffer.from(JSON.stringify(body)),
          headers: { ...req.headers, 'content-type': 'application/json' },
        };
      },
    }),
};

export default mutant;
