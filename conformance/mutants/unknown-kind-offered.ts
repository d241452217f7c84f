import type { Doc, Mutant } from './proxy.js';
import { jsonBody, startProxied } from './proxy.js';
import { UNKNOWN_EXECUTABLE_KIND } from '../lib/fixtures.js';
import { KINDS } from '../../src/model/kinds.js';

/** Reads an executable kind it does not know as the container kind it does, and offers to run it. */
const mutant: Mutant = {
  id: 'unknown-kind-offered',
  description: 'Reads an executable kind it does not know as a Docker container, and answers YES',
  requirements: ['EB-KIND-02'],
  catches: ['core-unknown-kind-no'],
  start: () =>
    startProxied({
      request: (req) => {
        const body = req.method === 'POST' && req.path === '/requests' ? jsonBody(req) : undefined;
        const executable = body?.['executable'] as Doc | undefined;
        if (!body || executable?.['kind'] !== UNKNOWN_EXECUTABLE_KIND) return undefined;
        executable['kind'] = KINDS.DockerContainer;
        return { ...req, body: Buffer.from(JSON.stringify(body)) };
      },
    }),
};

export default mutant;
