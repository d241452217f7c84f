import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Serves a capabilities document without standardIDs in the wrong namespace. */
const mutant: Mutant = {
  id: 'invalid-capabilities',
  description: 'Serves a capabilities document without standardIDs in the wrong namespace',
  requirements: ['EB-VOSI-02', 'EB-VOSI-06'],
  catches: ['vosi-capabilities-document', 'vosi-capabilities-consistent'],
  start: () =>
    startProxied({
      response: (req, res) =>
        req.path === '/capabilities'
          ? {
              ...res,
              body: Buffer.from(
                '<?xml version="1.0"?><capabilities xmlns="urn:wrong"><capability><interface/></capability></capabilities>',
              ),
            }
          : res,
    }),
};

export default mutant;
