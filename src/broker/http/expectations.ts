/**
 * An `Expect` other than 100-continue. Node answers it on its own with an empty 417, a status outside the
 * standard's table and without an error document; RFC 9110 §10.1.1 lets a server ignore an expectation it does
 * not know (it MAY answer 417), so the request is served as if the header were absent.
 */
import type { Server } from 'node:http';

export function ignoreUnknownExpectations(server: Server): void {
  server.on('checkExpectation', (req, res) => server.emit('request', req, res));
}
