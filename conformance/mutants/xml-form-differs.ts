import type { Mutant, Doc } from './proxy.js';
import { eachSession, rewrite, startProxied } from './proxy.js';

/** One GiB more than offered, in the form of a memory range (its bounds, when numbers). */
function moreMemory(session: Doc): void {
  const memory = (session['compute'] as Doc | undefined)?.['memory'] as Doc | undefined;
  if (!memory) return;
  for (const bound of ['min', 'max']) if (typeof memory[bound] === 'number') memory[bound] = memory[bound] + 1;
}

/**
 * Says one GiB more memory in its XML answers than JSON and YAML say. Every XML body still validates against the
 * XSD, so only a check comparing the forms of one resource can tell.
 */
const mutant: Mutant = {
  id: 'xml-form-differs',
  description: 'Says another memory in its XML answers than in JSON and YAML',
  requirements: ['EB-XML-02'],
  catches: ['negotiation-formats-agree'],
  start: () =>
    startProxied({
      response: (req, res) =>
        /xml/.test(res.headers['content-type'] ?? '')
          ? rewrite(req, res, (v, t) => eachSession(v, t, moreMemory))
          : res,
    }),
};

export default mutant;
