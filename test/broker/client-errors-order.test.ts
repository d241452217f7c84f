/**
 * The refusal of bytes that follow pipelined requests waits for every answer before it, in order (RFC 9112
 * §9.3.2), on a plain node server with the services' clientError handler: a slow answer is not lost, a request
 * after a framed body is judged by its own method, and the no-length hint is given only after a request that
 * declared a body without framing it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientErrorHandler } from '../../src/broker/http/client-errors.js';
import { rawExchange } from '../interop/raw.js';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const delay = req.url === '/slow' ? 300 : 0;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(req.url?.length ?? 0) });
      res.end(req.url);
    }, delay);
  });
  server.on('clientError', clientErrorHandler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const statuses = (raw: string): string[] => [...raw.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]!);

it('fast, slow, then an unknown method: both answers in order, then 501', async () => {
  const r = await rawExchange(url, [
    'GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\nBREW /pot HTTP/1.1\r\nHost: x\r\n\r\n',
  ]);
  expect(statuses(r.raw), r.raw).toEqual(['200', '200', '501']);
  expect(r.raw.indexOf('/fast')).toBeLessThan(r.raw.indexOf('/slow'));
  expect(r.closed).toBe(true);
});

it('a request after a framed body is judged by its own method, without the no-length hint', async () => {
  const r = await rawExchange(url, [
    'POST /a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n',
  ]);
  expect(statuses(r.raw), r.raw).toEqual(['200', '501']);
  const garbled = await rawExchange(url, ['GET /a HTTP/1.1\r\nHost: x\r\n\r\n{not http}\r\n\r\n']);
  expect(statuses(garbled.raw), garbled.raw).toEqual(['200', '400']);
  expect(garbled.raw).not.toMatch(/Content-Length nor chunked/);
});

it('bytes after a request that declared a body without framing it get the hint', async () => {
  const r = await rawExchange(url, ['POST /a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{"a":1}']);
  expect(statuses(r.raw), r.raw).toEqual(['200', '400']);
  expect(r.raw).toMatch(/neither a Content-Length nor chunked Transfer-Encoding/);
});
