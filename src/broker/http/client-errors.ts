/**
 * What node answers before any route runs: a request that is not HTTP/1.1, a request line and headers over node's
 * limit (16 KiB by default), a client too slow to send its request. fastify's default writes its own JSON there;
 * ours writes the error document (in the format the request's Accept names when its bytes show one, else YAML,
 * EB-HTTP-03) with the general code of the status (EB-ERR-13), then closes.
 */
import { STATUS_CODES, ServerResponse, maxHeaderSize, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { MEDIA_TYPES, serialize, type Format } from '../../serialize/index.js';
import { defaultStages } from '../stages.js';
import { buildErrorDocument, errorInit, type SpecificCode } from '../errors.js';
import { SERVER_METHODS_TEXT } from '../../model/index.js';

interface ClientError extends Error {
  code?: string;
  /** llhttp's reason ("Invalid method encountered"), when the parser refused the bytes. */
  reason?: string;
  /** The bytes node had buffered when it refused them (a Buffer; fastify's types say otherwise). */
  rawPacket?: unknown;
  /** Where in rawPacket the parser stopped. */
  bytesParsed?: number;
}

/** A character of an HTTP token (RFC 9110 §5.6.2), which a method is. */
const TCHAR = /^[!#$%&'*+.^_`|~0-9A-Za-z-]$/;

/**
 * The bytes of the request the parser refused. A chunk can hold whole requests before it (pipelining, or a body
 * sent without a length, which RFC 9112 §6.3 makes the next request): a method is refused where the parser stopped
 * in it, so that request starts at the first of the token characters before that point, after whatever ended the
 * request before it (a line end, or a body). Other refusals (a head over the limit) stop inside a request, and are
 * judged on the chunk as it came.
 */
function refusedPart(err: ClientError): unknown {
  const raw = err.rawPacket;
  if (err.code !== 'HPE_INVALID_METHOD' || !Buffer.isBuffer(raw) || typeof err.bytesParsed !== 'number') return raw;
  let start = Math.min(Math.max(err.bytesParsed, 0), raw.length);
  while (start > 0 && TCHAR.test(String.fromCharCode(raw[start - 1] ?? 0))) start--;
  return raw.subarray(start);
}

/**
 * True when a request declared a body it did not frame: a Content-Type, but neither a Content-Length nor a
 * Transfer-Encoding. Its body has no length (RFC 9112 §6.3), so the bytes sent as one are read as the next request.
 */
function unframedBody(req: IncomingMessage | undefined): boolean {
  const h = req?.headers;
  return (
    h !== undefined &&
    h['content-type'] !== undefined &&
    h['content-length'] === undefined &&
    h['transfer-encoding'] === undefined
  );
}

/**
 * The one limit node enforces on what precedes the body: the request line and the headers together, 16 KiB unless
 * node runs with --max-http-header-size. A URL has no limit of its own, so the messages state this one.
 */
const HEAD_LIMIT =
  maxHeaderSize % 1024 === 0 ? `${maxHeaderSize / 1024} KiB (${maxHeaderSize} bytes)` : `${maxHeaderSize} bytes`;

/**
 * A request line longer than this in an overflow is a URL too long (414), not headers too large (431): it is then
 * most of what went over. It only tells the two apart, and is no limit (a shorter head is read whatever its URL).
 */
const LONG_REQUEST_LINE = 8 * 1024;

/** A request line of HTTP's shape (method token, target, version): its method is unknown, not its bytes garbage. */
function wellFormedRequestLine(raw: unknown): boolean {
  if (!Buffer.isBuffer(raw)) return false;
  const line = raw.subarray(0, Math.max(0, raw.indexOf('\r\n'))).toString('latin1');
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP\/1\.[01]$/.test(line);
}

/** True when the refused bytes start with a request line that is itself over the limit (or never ends). */
function urlTooLong(raw: unknown): boolean {
  if (!Buffer.isBuffer(raw)) return false;
  const end = raw.indexOf('\r\n');
  return end === -1 ? raw.length > LONG_REQUEST_LINE : end > LONG_REQUEST_LINE;
}

function answerFor(err: ClientError, earlier: IncomingMessage | undefined): { code: SpecificCode; message: string } {
  const part = refusedPart(err);
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time; the connection is closed.' };
  if (err.code === 'HPE_HEADER_OVERFLOW' && urlTooLong(part))
    return {
      code: 'URI_TOO_LONG',
      message: `The request URL is too long: the request line and headers together exceed the limit of ${HEAD_LIMIT}.`,
    };
  if (err.code === 'HPE_INVALID_METHOD' && wellFormedRequestLine(part))
    // RFC 9110 §9.1: a method the server does not know is 501; methods are case-sensitive, so `get` is one.
    return {
      code: 'NOT_IMPLEMENTED',
      message: `The request method is not one this service implements; it answers ${SERVER_METHODS_TEXT}.`,
    };
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return {
      code: 'HEADERS_TOO_LARGE',
      message: `The request line and headers together exceed the limit of ${HEAD_LIMIT} (a header or a URL too long).`,
    };
  const why = (err.reason ?? err.message).replace(/^Parse Error:\s*/, '');
  const hint = unframedBody(earlier)
    ? ' These bytes came after a request with a Content-Type but neither a Content-Length nor chunked Transfer-Encoding: such a request has no body (RFC 9112 §6.3), so what was meant as its body is read as the next request.'
    : '';
  return {
    code: 'BAD_REQUEST',
    message: `The request is not valid HTTP/1.1: ${why} (${err.code ?? 'no code'}).${hint}`,
  };
}

/**
 * The answer node is still writing on this connection to an earlier request read whole, if any. A request whose own
 * body the parser refused (a broken chunk) or that timed out is not complete: it is answered by the refusal itself.
 */
function pendingResponse(socket: Duplex): ServerResponse<IncomingMessage> | undefined {
  const current = (socket as Duplex & { _httpMessage?: unknown })._httpMessage;
  if (!(current instanceof ServerResponse)) return undefined;
  const res = current as ServerResponse<IncomingMessage>;
  return !res.writableFinished && res.req.complete ? res : undefined;
}

/** Connections whose refusal waits for earlier answers (a timeout meanwhile must not end the wait). */
const deferred = new WeakSet<Duplex>();

/**
 * Longest a refusal waits for the answers before it: the services bound every answer well within this, so it only
 * keeps a connection whose earlier request never ends from staying open for good.
 */
const LONGEST_WAIT_MS = 300_000;

/**
 * The format the refused request's own Accept names, when its bytes show one (a request with an unknown method
 * is otherwise well formed, and its client reads the answer as it asked); YAML when none can be read.
 */
function acceptedFormat(raw: unknown): Format {
  if (!Buffer.isBuffer(raw)) return 'yaml';
  const head = raw.subarray(0, Math.min(raw.length, 16 * 1024)).toString('latin1');
  const end = head.indexOf('\r\n\r\n');
  const accept = /\r\naccept[ \t]*:[ \t]*([^\r\n]*)/i.exec(end === -1 ? head : head.slice(0, end))?.[1];
  return (accept !== undefined ? defaultStages.negotiateResponseFormat(accept) : undefined) ?? 'yaml';
}

/** fastify's `clientErrorHandler`: the error document, then the connection closed (as node does). */
export function clientErrorHandler(err: ClientError, socket: Duplex): void {
  // A reset connection has nobody to answer; one already refused (its refusal waiting) is not answered twice, and a
  // timeout while it waits ends nothing: the answers before it are still on their way.
  if (err.code === 'ECONNRESET' || socket.destroyed || deferred.has(socket)) return;
  // Answers go out in the order of the requests (RFC 9112 §9.3.2): every request still being answered on this
  // connection gets its answer first, then this refusal closes the connection.
  if (!err.code?.startsWith('HPE_') || !pendingResponse(socket)) return refuse(err, socket, undefined);
  deferred.add(socket);
  const guard = setTimeout(() => socket.destroy(), LONGEST_WAIT_MS);
  guard.unref();
  const afterAnswers = (earlier: IncomingMessage | undefined): void => {
    const pending = pendingResponse(socket);
    if (!pending) {
      clearTimeout(guard);
      return refuse(err, socket, earlier);
    }
    let done = false;
    const next = (): void => {
      if (done) return;
      done = true;
      // node hands the connection to the next queued answer as this one finishes: that one is waited for too.
      afterAnswers(pending.req);
    };
    pending.once('finish', next);
    pending.once('close', next);
  };
  afterAnswers(undefined);
}

function refuse(err: ClientError, socket: Duplex, earlier: IncomingMessage | undefined): void {
  if (socket.destroyed) return;
  const { code, message } = answerFor(err, earlier);
  writeAndClose(socket, code, message, acceptedFormat(refusedPart(err)), err);
}

/** The error document written straight to the connection, which is then closed. */
function writeAndClose(socket: Duplex, code: SpecificCode, message: string, format: Format, err?: Error): void {
  if (socket.writable) {
    const init = errorInit(code, message);
    const body = serialize(buildErrorDocument(init), format, 'error');
    socket.write(
      `HTTP/1.1 ${init.status} ${STATUS_CODES[init.status] ?? ''}\r\n` +
        `Content-Type: ${MEDIA_TYPES[format]}; charset=utf-8\r\nVary: Accept\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * CONNECT asks for a tunnel, which node hands to a 'connect' listener and, with none, drops without a word. It is
 * answered as the other methods this service does not implement are (501 with the error document, EB-ERR-01).
 */
export function answerTunnels(server: Server): void {
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    const format = defaultStages.negotiateResponseFormat(req.headers.accept) ?? 'yaml';
    writeAndClose(
      socket,
      'NOT_IMPLEMENTED',
      `CONNECT (a tunnel through a proxy) is not a method this service implements; it answers ${SERVER_METHODS_TEXT}.`,
      format,
    );
  });
}
