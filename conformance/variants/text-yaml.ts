import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';

/** Labels YAML as text/yaml (a registered alias) and drops every charset parameter. */
const variant: Variant = {
  id: 'text-yaml',
  description: 'Labels YAML bodies text/yaml and sends media types without parameters',
  start: () =>
    startProxied({
      response: (_req, res) => {
        const type = res.headers['content-type'];
        if (!type) return res;
        const bare = (type.split(';')[0] as string).trim();
        return {
          ...res,
          headers: { ...res.headers, 'content-type': bare === 'application/yaml' ? 'text/yaml' : bare },
        };
      },
    }),
};

export default variant;
