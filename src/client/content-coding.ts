/**
 * Undoing the content codings a server applied to a body (RFC 9110 §8.4). The client sends no Accept-Encoding,
 * which RFC 9110 §12.5.3 reads as "any coding is acceptable", so a broker behind a compressing proxy may send gzip;
 * a real client (a browser, `curl --compressed`) reads it. Decoding is bounded by the same byte cap as the body
 * itself, so a small compressed body cannot expand past it (a decompression bomb).
 */
import { brotliDecompressSync, gunzipSync, inflateSync, inflateRawSync } from 'node:zlib';

/** Why a coded body could not be decoded: its decoded size passed the cap, or the coded bytes are broken. */
export class CodingFailure extends Error {
  constructor(
    readonly reason: 'too-large' | 'broken',
    message: string,
  ) {
    super(message);
  }
}

type Decoder = (bytes: Uint8Array, maxOutputLength: number) => Buffer;

/** A deflate body is meant as zlib-wrapped, but some servers send it raw; either is read. */
const inflateEither: Decoder = (bytes, maxOutputLength) => {
  try {
    return inflateSync(bytes, { maxOutputLength });
  } catch (err) {
    if (isTooLarge(err)) throw err;
    return inflateRawSync(bytes, { maxOutputLength });
  }
};

const DECODERS: Readonly<Record<string, Decoder>> = {
  gzip: (bytes, maxOutputLength) => gunzipSync(bytes, { maxOutputLength }),
  'x-gzip': (bytes, maxOutputLength) => gunzipSync(bytes, { maxOutputLength }),
  deflate: inflateEither,
  br: (bytes, maxOutputLength) => brotliDecompressSync(bytes, { maxOutputLength }),
};

const isTooLarge = (err: unknown): boolean => (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';

/** The codings of a Content-Encoding value, in the order they were applied; `identity` is no coding. */
export function contentCodings(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
}

/** The coding of a Content-Encoding value this client cannot undo (the body is then read as it came), if any. */
export function undecodableCoding(header: string | undefined): string | undefined {
  return [...contentCodings(header)].reverse().find((c) => DECODERS[c] === undefined);
}

/**
 * The body with every known coding undone, last applied first; `unknown` names a coding this client cannot undo
 * (the bytes are then returned as they came, from that coding on). Throws CodingFailure past `maxBytes` or on
 * bytes that are not what their coding says.
 */
export function decodeBody(
  bytes: Uint8Array,
  header: string | undefined,
  maxBytes: number,
): { bytes: Uint8Array; unknown?: string } {
  let out = bytes;
  const codings = contentCodings(header);
  for (const coding of [...codings].reverse()) {
    const decoder = DECODERS[coding];
    if (!decoder) return { bytes: out, unknown: coding };
    if (out.length === 0) continue;
    try {
      const decoded = decoder(out, maxBytes);
      out = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
    } catch (err) {
      throw isTooLarge(err)
        ? new CodingFailure('too-large', `the ${coding}-coded body decodes to more than the ${maxBytes}-byte cap`)
        : new CodingFailure('broken', `the body is not valid ${coding} (Content-Encoding: ${header ?? ''})`);
    }
  }
  return { bytes: out };
}
