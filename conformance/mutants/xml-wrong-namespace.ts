import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Sends XML bodies in another namespace than ExecutionBroker's. */
const mutant: Mutant = {
  id: 'xml-wrong-namespace',
  description: "Sends XML bodies in another namespace than ExecutionBroker's",
  requirements: ['EB-XML-03'],
  catches: ['negotiation-xml-in-out'],
  start: () =>
    startProxied({
      response: (req, res) =>
        /xml/.test(res.headers['content-type'] ?? '') && !/^\/(availability|capabilities)$/.test(req.path)
          ? {
              ...res,
              body: Buffer.from(
                res.body
                  .toString('utf8')
                  .replaceAll('http://www.ivoa.net/xml/ExecutionBroker/v1.0', 'urn:example:broker'),
              ),
            }
          : res,
    }),
};

export default mutant;
