/**
 * One HTTP request/response through an undici dispatcher, its body gathered as bytes. undici's `request` wraps
 * every answer in a Node Readable (and an AsyncResource) that HttpClient only ever drains whole; dispatching with a
 * handler that keeps the chunks costs ~40% less CPU per exchange (a 6 KB offer set: ~160 → ~100 µs). The limits
 * stay the dispatcher's (maxResponseSize, header and body timeouts) and the caller's (`signal`, Content-Length).
 */
import type { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';

export interface BytesAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bytes: Uint8Array;
}

/** An abort source as undici takes it: `aborted`, `reason` and an 'abort' event. */
export interface AbortSource extends EventEmitter {
  readonly aborted: boolean;
  readonly reason: unknown;
}

export interface BytesRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  signal: AbortSource;
  /**
   * Called with the status and headers before the body is read; an error it returns aborts the exchange with that
   * error (a declared Content-Length over the cap is refused before any of the body arrives).
   */
  check?: (status: number, headers: Record<string, string>) => Error | undefined;
}

/** Rejects with the dispatcher's error, or with the signal's reason once it aborts. */
export function exchangeBytes(dispatcher: Dispatcher, req: BytesRequest): Promise<BytesAnswer> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(req.url);
    } catch (err) {
      reject(asError(err));
      return;
    }
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: Record<string, string> = {};
    let controller: Dispatcher.DispatchController | undefined;
    const onAbort = (): void => controller?.abort(asError(req.signal.reason));
    const settle = (): void => void req.signal.removeListener('abort', onAbort);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (req.signal.aborted) c.abort(asError(req.signal.reason));
      },
      onResponseStart(c, statusCode, raw) {
        // 1xx answers are interim: the final status and headers follow.
        if (statusCode < 200) return;
        status = statusCode;
        headers = flattenHeaders(raw);
        const refused = req.check?.(status, headers);
        if (refused) c.abort(refused);
      },
      onResponseData(_c, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        settle();
        const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        resolve({ status, headers, bytes: new Uint8Array(all.buffer, all.byteOffset, all.byteLength) });
      },
      onResponseError(_c, err) {
        settle();
        reject(err);
      },
    };
    req.signal.on('abort', onAbort);
    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
        },
        handler,
      );
    } catch (err) {
      settle();
      reject(asError(err));
    }
  });
}

const asError = (reason: unknown): Error => (reason instanceof Error ? reason : new Error(String(reason)));

/** Lower-case names; repeated values joined with ", ". */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
