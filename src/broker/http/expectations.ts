/**
 * What a request's `Expect` asks before its body is sent.
 * - `100-continue` with a Content-Length over the body limit: no 100 is sent, so the client does not upload a body
 *   the route will refuse; the route answers 413 from the declared length at once (node would send 100 first).
 * - Anything else: node answers it on its own with an empty 417, a status outside the standard's table and without
 *   an error document; RFC 9110 §10.1.1 lets a server ignore an expectation it does not know, so the request is
 *   served as if the header were absent.
 */
import type { Server } from 'node:http';

export function handleExpectations(server: Server, bodyLimit: number): void {
  server.on('checkContinue', (req, res) => {
    const declared = Number(req.headers['content-length']);
    if (!(Number.isFinite(declared) && declared > bodyLimit)) res.writeContinue();
    server.emit('request', req, res);
  });
  server.on('checkExpectation', (req, res) => server.emit('request', req, res));
}
