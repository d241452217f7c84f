import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';

/** Requires a bearer token on every POST; the run passes one with --header. */
const variant: Variant = {
  id: 'bearer-token',
  description: 'Requires Authorization: Bearer on POST; offer sets and sessions are private to their token',
  run: { headers: { authorization: 'Bearer conformance-token-1' } },
  start: () => startOverridden({}, { auth: 'bearer' }),
};

export default variant;
