import type { Finding } from '../findings.js';
import { parseFinding } from './finding.js';

export interface Decoded {
  text: string;
  findings: Finding[];
}

const fatal = new TextDecoder('utf-8', { fatal: true });

const UTF8_LABELS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'us-ascii', 'ascii']);

/** Labels of the encodings whose text is not ASCII-compatible: their bytes cannot be tried as UTF-8 first. */
const WIDE = /^(utf-?16|utf-?32|ucs-?2|unicode)/i;

/**
 * The charset bytes declare: the `charset` parameter of their media type, else (for XML) the encoding of the XML
 * declaration; undefined for UTF-8, for nothing declared, and where a label cannot mean what it says — a UTF-8
 * byte order mark wins over any label, and an XML declaration read as ASCII (bytes `<?`) cannot be UTF-16 or -32.
 */
export function declaredCharset(input: Uint8Array, mediaType: string | undefined): string | undefined {
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) return undefined;
  const param = mediaType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(mediaType)?.[1] : undefined;
  // An XML declaration is ASCII and comes first, so its first 200 bytes read alike in every ASCII-based charset.
  const xml =
    param === undefined && input[0] === 0x3c && input[1] === 0x3f
      ? /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(
          Buffer.from(input.subarray(0, 200)).toString('latin1'),
        )?.[1]
      : undefined;
  if (xml !== undefined && WIDE.test(xml)) return undefined;
  const label = (param ?? xml)?.toLowerCase();
  return label === undefined || UTF8_LABELS.has(label) ? undefined : label;
}

/**
 * Bytes (or a string) to text: size limit first (before any decoding work),
 * then strict UTF-8 (or the `charset` declared, when it is another one a TextDecoder knows), then the BOM stripped.
 * A failure returns text '' and one finding.
 */
export function decode(input: Uint8Array | string, maxBytes: number, charset?: string): Decoded {
  if (typeof input === 'string') {
    // length*3 bounds the UTF-8 size, so the exact count is only needed near the limit
    if (input.length * 3 > maxBytes) {
      const bytes = Buffer.byteLength(input, 'utf8');
      if (bytes > maxBytes) return { text: '', findings: [tooLarge(bytes, maxBytes)] };
    }
    return { text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, findings: [] };
  }
  if (input.byteLength > maxBytes) return { text: '', findings: [tooLarge(input.byteLength, maxBytes)] };
  if (charset !== undefined) return decodeAs(input, charset);
  const sniffed = utf16ByBom(input) ?? utf16ByNulls(input);
  if (sniffed !== undefined) {
    const wide = decodeAs(input, sniffed);
    // Bytes that only looked like UTF-16 are judged as UTF-8 below, which names the bad byte or the BOM.
    if (wide.findings.length === 0) return wide;
  }
  try {
    // TextDecoder consumes a leading BOM itself (ignoreBOM defaults to false)
    return { text: fatal.decode(input), findings: [] };
  } catch {
    return { text: '', findings: [badEncoding(input)] };
  }
}

/**
 * Bytes in a declared charset other than UTF-8 (Latin-1, Windows-1252, UTF-16…), or a finding naming it. Bytes
 * labelled with a single-byte charset that are valid UTF-8 are read as UTF-8: the label is then wrong (a common
 * `charset=ISO-8859-1` on a UTF-8 body; for JSON, RFC 8259 gives the parameter no meaning at all), since text in
 * those charsets with any byte over 0x7F is almost never valid UTF-8, and without one both read alike.
 */
function decodeAs(input: Uint8Array, charset: string): Decoded {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return charsetFailure(
      `The input declares the charset ${charset}, which cannot be decoded here; send it as UTF-8.`,
      charset,
      true,
    );
  }
  if (!WIDE.test(charset)) {
    try {
      return { text: asUtf8Declared(fatal.decode(input)), findings: [] };
    } catch {
      // Not UTF-8: read in the charset declared.
    }
  }
  try {
    return { text: asUtf8Declared(decoder.decode(input)), findings: [] };
  } catch {
    return charsetFailure(`The input is not valid ${decoder.encoding} (its declared charset ${charset}).`, charset);
  }
}

/** `unsupported`: no decoder exists for the charset (a server answers 415), as opposed to bytes that are not in it. */
function charsetFailure(message: string, charset: string, unsupported = false): Decoded {
  const params = unsupported ? { encoding: charset, unsupported: true } : { encoding: charset };
  return { text: '', findings: [parseFinding('EBK_BAD_ENCODING', message, '', undefined, 'error', params)] };
}

/**
 * Decoded text says UTF-8 in its XML declaration: the XSD stage gives libxml2 the text as UTF-8, and a declaration
 * still naming UTF-16 or Latin-1 would make it misread every byte.
 */
function asUtf8Declared(text: string): string {
  return text.replace(/^(\uFEFF?<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}

function tooLarge(bytes: number, maxBytes: number): Finding {
  return parseFinding(
    'EBK_TOO_LARGE',
    `The input is ${bytes} bytes, over the limit of ${maxBytes} bytes; it was not parsed.`,
    '',
    undefined,
    'error',
    { bytes, maxBytes },
  );
}

/** Byte order marks of the other Unicode encodings, longest first (UTF-32LE begins as UTF-16LE does). */
const OTHER_BOMS: readonly (readonly [string, readonly number[]])[] = [
  ['UTF-32BE', [0x00, 0x00, 0xfe, 0xff]],
  ['UTF-32LE', [0xff, 0xfe, 0x00, 0x00]],
  ['UTF-16BE', [0xfe, 0xff]],
  ['UTF-16LE', [0xff, 0xfe]],
];

/** The encoding a leading byte order mark names, when it is not UTF-8's. */
function otherEncoding(input: Uint8Array): { name: string; bom: readonly number[] } | undefined {
  for (const [name, bom] of OTHER_BOMS) if (bom.every((b, i) => input[i] === b)) return { name, bom };
  return undefined;
}

/**
 * UTF-16 named by its byte order mark, with no label saying otherwise: YAML 1.2 (§5.2) and XML 1.0 (§4.3.3) oblige
 * a reader to take it, as a Windows editor's "Unicode" writes it. UTF-32 (no TextDecoder reads it) stays refused.
 */
function utf16ByBom(input: Uint8Array): string | undefined {
  const name = otherEncoding(input)?.name;
  return name === 'UTF-16LE' || name === 'UTF-16BE' ? name.toLowerCase() : undefined;
}

/**
 * UTF-16 without a byte order mark, told by where its first NUL bytes fall (YAML 1.2 §5.2; XML 1.0 Appendix F): text
 * of these formats begins with an ASCII character, so `x 00 x 00` is UTF-16LE and `00 x 00 x` UTF-16BE. No text of
 * them holds a NUL, so UTF-8 input never looks so.
 */
function utf16ByNulls(input: Uint8Array): string | undefined {
  if (input.length < 4) return undefined;
  const [a, b, c, d] = [input[0], input[1], input[2], input[3]];
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  return undefined;
}

/** Error path only: finds the first bad byte by bisecting with a streaming decoder. */
function badEncoding(input: Uint8Array): Finding {
  const other = otherEncoding(input);
  if (other) {
    // A Windows editor's "Unicode": say which encoding it is and what to do, not which byte failed.
    const bom = other.bom.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    return parseFinding(
      'EBK_BAD_ENCODING',
      `The input is ${other.name} (it starts with the byte order mark ${bom}), not UTF-8; save it as UTF-8.`,
      '',
      { line: 1, column: 1 },
      'error',
      { byteOffset: 0, encoding: other.name },
    );
  }
  let lo = 0; // longest prefix known to decode
  let hi = input.byteLength; // shortest prefix known to fail
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (decodesAsPrefix(input.subarray(0, mid))) lo = mid;
    else hi = mid;
  }
  let offset = hi - 1;
  // a byte that breaks an open sequence: blame the sequence's lead byte instead
  if (!decodesFully(input.subarray(0, offset))) {
    while (offset > 0 && ((input[offset] ?? 0) & 0xc0) !== 0xc0) offset--;
  }
  const before = new TextDecoder('utf-8').decode(input.subarray(0, offset));
  const lastNl = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return parseFinding(
    'EBK_BAD_ENCODING',
    `The input is not valid UTF-8: byte 0x${(input[offset] ?? 0).toString(16).padStart(2, '0')} at byte offset ${offset} is not part of a valid sequence.`,
    '',
    { line, column: before.length - lastNl },
    'error',
    { byteOffset: offset },
  );
}

function decodesFully(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodesAsPrefix(bytes: Uint8Array): boolean {
  try {
    // stream: true tolerates a sequence cut at the end, so only real errors fail
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
