/**
 * What node answers before any route runs: a request that is not HTTP/1.1, headers over node's 16 KiB, a client
 * too slow to send its request. fastify's default writes its own JSON there; ours writes the error document (YAML:
 * nothing was negotiated, EB-HTTP-03) with the general code of the status (EB-ERR-13), then closes.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { MEDIA_TYPES, serialize } from '../../serialize/index.js';
import { buildErrorDocument, errorInit, type SpecificCode } from '../errors.js';

interface ClientError extends Error {
  code?: string;
  /** llhttp's reason ("Invalid method encountered"), when the parser refused the bytes. */
  reason?: string;
}

function answerFor(err: ClientError): { code: SpecificCode; message: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time; the connection is closed.' };
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return {
      code: 'HEADERS_TOO_LARGE',
      message: 'The request line and headers exceed the 16 KiB limit (a URL or a header too long).',
    };
  const why = (err.reason ?? err.message).replace(/^Parse Error:\s*/, '');
  return { code: 'BAD_REQUEST', message: `The request is not valid HTTP/1.1: ${why} (${err.code ?? 'no code'}).` };
}

/** fastify's `clientErrorHandler`: the error document, then the connection closed (as node does). */
export function clientErrorHandler(err: ClientError, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { code, message } = answerFor(err);
    const init = errorInit(code, message);
    const body = serialize(buildErrorDocument(init), 'yaml', 'error');
    socket.write(
      `HTTP/1.1 ${init.status} ${STATUS_CODES[init.status] ?? ''}\r\n` +
        `Content-Type: ${MEDIA_TYPES.yaml}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
