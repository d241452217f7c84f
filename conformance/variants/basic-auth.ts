import type { Variant } from './variant.js';
import { answer, startProxied } from '../mutants/proxy.js';

/** The credentials this broker knows; the run passes them as --user does. */
export const BASIC_USER = 'conformance';
export const BASIC_PASSWORD = 'pa55-w0rd-s3cret';
const EXPECTED = `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`;

/**
 * Like the working group's own broker: HTTP Basic on every request but GET, and a 401 with a WWW-Authenticate
 * challenge without it. Reading stays open, so the VOSI endpoints answer anonymous callers. Unlike that broker,
 * the 401 carries the error document every 4xx owes (EB-ERR-01): an empty 401 is not conformant, and the
 * independent broker's fault `empty-401` proves the suite says so.
 */
const variant: Variant = {
  id: 'basic-auth',
  description: 'HTTP Basic on every non-GET; 401 with an error document without it',
  run: { headers: { authorization: EXPECTED }, credentials: 'user' },
  start: () =>
    startProxied({
      request: (req) => {
        if (req.method === 'GET' || req.method === 'HEAD') return undefined;
        if (req.headers['authorization'] === EXPECTED) return undefined;
        const refusal = answer(
          401,
          {
            status: 401,
            error: 'UNAUTHORIZED',
            code: 'UNAUTHENTICATED',
            message: 'This broker needs HTTP Basic credentials for every request but GET.',
          },
          'error',
          'yaml',
        );
        return { ...refusal, headers: { ...refusal.headers, 'www-authenticate': 'Basic realm="execution-broker"' } };
      },
    }),
};

export default variant;
