import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';

/** The credentials this broker knows; the run passes them as --user does. */
export const BASIC_USER = 'conformance';
export const BASIC_PASSWORD = 'pa55-w0rd-s3cret';
const EXPECTED = `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`;

/**
 * Like the working group's own broker: HTTP Basic on every request but GET, and a 401 with an empty body (and a
 * WWW-Authenticate challenge) without it. Reading stays open, so the VOSI endpoints answer anonymous callers.
 */
const variant: Variant = {
  id: 'basic-auth',
  description: 'HTTP Basic on every non-GET; 401 with an empty body without it',
  run: { headers: { authorization: EXPECTED }, credentials: 'user' },
  start: () =>
    startProxied({
      request: (req) => {
        if (req.method === 'GET' || req.method === 'HEAD') return undefined;
        if (req.headers['authorization'] === EXPECTED) return undefined;
        return {
          status: 401,
          headers: { 'www-authenticate': 'Basic realm="execution-broker"' },
          body: Buffer.alloc(0),
        };
      },
    }),
};

export default variant;
