/**
 * Byte-exact HTTP/1.1 over a plain socket: the interop tests need to send exactly what curl, python-requests,
 * axios or a browser put on the wire (header case, chunked framing, Expect: 100-continue, slow writers), which a
 * client library would normalise away.
 */
import net from 'node:net';

export interface RawReply {
  /** Every status line seen, e.g. ['HTTP/1.1 100 Continue', 'HTTP/1.1 303 See Other']. */
  statusLines: string[];
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the server closed the connection. */
  closed: boolean;
  /** Everything the server sent, every answer on the connection (latin1). */
  raw: string;
}

/** Splits a complete response stream (interim 1xx answers first) into its final status, headers and body. */
export function parseRaw(bytes: Buffer, closed: boolean): RawReply {
  const raw = bytes.toString('latin1');
  const statusLines: string[] = [];
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) return { statusLines, status: 0, headers: {}, body: rest.toString('utf8'), closed, raw };
    const head = rest.subarray(0, end).toString('latin1').split('\r\n');
    const statusLine = head[0] ?? '';
    statusLines.push(statusLine);
    const status = Number(statusLine.split(' ')[1]);
    rest = rest.subarray(end + 4);
    if (status >= 100 && status < 200) continue;
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : rest.length;
    return { statusLines, status, headers, body: rest.subarray(0, length).toString('utf8'), closed, raw };
  }
}

/**
 * Writes `parts` in order (a part that is a number waits that many ms; the string 'await-100' waits for an
 * interim 100 Continue) and reads until the server closes or `timeoutMs` passes.
 */
export function rawExchange(url: string, parts: Array<string | Buffer | number>, timeoutMs = 5000): Promise<RawReply> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port), u.hostname);
    const chunks: Buffer[] = [];
    let got100: (() => void) | undefined;
    let finished = false;
    const finish = (closed: boolean): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRaw(Buffer.concat(chunks), closed));
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (d) => {
      chunks.push(d);
      if (got100 && Buffer.concat(chunks).includes('100 Continue')) {
        const go = got100;
        got100 = undefined;
        go();
      }
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    void (async () => {
      for (const p of parts) {
        if (finished) return;
        if (typeof p === 'number') await new Promise((r) => setTimeout(r, p));
        else if (p === 'await-100') await new Promise<void>((r) => (got100 = r));
        else socket.write(p);
      }
    })();
  });
}

/** A request head with CRLF line ends; `headers` in the order and case given. */
export function head(method: string, target: string, host: string, headers: Array<[string, string]>): string {
  return `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** A body in HTTP/1.1 chunked framing, cut into pieces of `size` bytes. */
export function chunked(body: string, size = 100): Buffer {
  const bytes = Buffer.from(body);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    const piece = bytes.subarray(i, i + size);
    out.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  out.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(out);
}
