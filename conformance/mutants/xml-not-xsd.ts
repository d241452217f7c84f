import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Sends XML that does not follow the XSD. */
const mutant: Mutant = {
  id: 'xml-not-xsd',
  description: 'Sends XML that does not follow the XSD',
  requirements: ['EB-XML-01'],
  catches: ['negotiation-xml-in-out'],
  start: () =>
    startProxied({
      response: (_req, res) =>
        /xml/.test(res.headers['content-type'] ?? '') &&
        res.status < 400 &&
        !/availability|capabilities/.test(res.body.toString('utf8', 0, 300))
          ? {
              ...res,
              body: Buffer.from(
                res.body.toString('utf8').replace(/<result>(\w+)<\/result>/, '<result>MAYBE</result><bogus-element/>'),
              ),
            }
          : res,
    }),
};

export default mutant;
