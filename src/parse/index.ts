/**
 * parse(bytes) → ParsedDocument: format detection, limits, the fastest safe
 * parser on the hot path, and positions built lazily (see locator.ts). Never throws.
 */
import type { Finding } from '../findings.js';
import { decode, declaredCharset } from './decode.js';
import { formatFromFilename, formatFromMediaType, sniffFormat } from './detect.js';
import { parseFinding } from './finding.js';
import { parseJson } from './json.js';
import { LineIndex } from './lines.js';
import { createLocator, type Prebuilt } from './locator.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_VALUES,
  type Format,
  type ParseOptions,
  type ParsedDocument,
} from './types.js';
import { valuesExceed, xmlElementsExceed } from './value-count.js';
import { tooManyValues } from './too-many-values.js';
import { parseXml } from './xml.js';
import { parseYaml } from './yaml.js';
import { errorMessage } from '../util/index.js';

export type { Format, ParseOptions, ParsedDocument, Position } from './types.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES, UNSAFE_KEYS } from './types.js';
export { formatFromFilename, formatFromMediaType, sniffFormat } from './detect.js';
export { yamlDepthExceeded, yamlGuard } from './yaml-guard.js';
export { LineIndex } from './lines.js';

export function parse(input: Uint8Array | string, opts: ParseOptions = {}): ParsedDocument {
  try {
    return parseUnsafe(input, opts);
  } catch (e) {
    // a bug here must still surface as a finding, not a crash
    return {
      format: opts.format,
      value: undefined,
      text: typeof input === 'string' ? input : '',
      findings: [parseFinding('EBK_SYNTAX', `The input could not be parsed: ${errorMessage(e)}.`)],
      locate: () => undefined,
    };
  }
}

function parseUnsafe(input: Uint8Array | string, opts: ParseOptions): ParsedDocument {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxValues = opts.maxValues ?? DEFAULT_MAX_VALUES;
  const declared = opts.format ?? formatFromMediaType(opts.mediaType) ?? formatFromFilename(opts.filename);
  const decoded = decode(
    input,
    maxBytes,
    typeof input === 'string' ? undefined : declaredCharset(input, opts.mediaType),
  );
  const text = decoded.text;
  const lines = new LineIndex(text);
  const prebuilt: Prebuilt = {};
  const doc = (format: Format | undefined, parsed: unknown, parseFindings: Finding[]): ParsedDocument => {
    // Refused before any position, rule or schema sees it: each costs per value, and the count is what a reader can act on.
    const tooMany = parsed !== undefined && valuesExceed(parsed, maxValues);
    const value = tooMany ? undefined : parsed;
    // The whole document is refused, so it is placed at its start (locating the root would build the index it avoids).
    const findings = tooMany ? [tooManyValues(maxValues, { line: 1, column: 1 })] : parseFindings;
    const locate = createLocator(format, text, lines, prebuilt, maxDepth);
    // only documents with problems get here with findings; they pay for positions
    for (const f of findings) {
      if (f.line === undefined && f.pointer !== '') {
        const at = locate(f.pointer);
        if (at) Object.assign(f, at.line ? { line: at.line, column: at.column } : {});
      }
    }
    return { format, value, text, findings, locate };
  };

  if (decoded.findings.length > 0) return doc(declared, undefined, decoded.findings);
  if (text.trim() === '') return doc(declared, undefined, [parseFinding('EBK_EMPTY', 'The input is empty.')]);

  // An HTML page (a proxy's or a web server's error page) is no document of any of the three formats: said so,
  // rather than read as XML and refused for its <!DOCTYPE html>.
  if (declared === undefined && looksLikeHtml(text, opts.mediaType))
    return doc(undefined, undefined, [
      parseFinding(
        'EBK_UNKNOWN_FORMAT',
        `The input is an HTML page${opts.mediaType ? ` (Content-Type ${opts.mediaType})` : ''}, not a JSON, YAML or XML document.`,
      ),
    ]);
  const format = declared ?? sniffFormat(text);
  switch (format) {
    case 'json': {
      const r = parseJson(text, maxDepth, lines);
      if (r.scan) prebuilt.json = r.scan;
      return doc('json', r.value, r.findings);
    }
    case 'yaml': {
      const r = parseYaml(text, maxDepth, lines, maxValues);
      if (r.walk) prebuilt.yaml = r.walk;
      return doc('yaml', r.value, r.findings);
    }
    case 'xml': {
      const past = xmlElementsExceed(text, maxValues);
      if (past >= 0) return doc('xml', undefined, [tooManyValues(maxValues, lines.position(past))]);
      const r = parseXml(text, maxDepth);
      const d = doc('xml', r.value, r.findings);
      if (r.docType) d.docType = r.docType;
      return d;
    }
    default:
      return doc(undefined, undefined, [
        parseFinding(
          'EBK_UNKNOWN_FORMAT',
          'The input does not look like JSON, YAML or XML (it holds control characters).',
        ),
      ]);
  }
}

/** An HTML media type, or text that opens as an HTML page does. */
function looksLikeHtml(text: string, mediaType: string | undefined): boolean {
  const essence = (mediaType?.split(';')[0] ?? '').trim().toLowerCase();
  if (essence === 'text/html' || essence === 'application/xhtml+xml') return true;
  return /^\s*(?:<!doctype\s+html[\s>]|<html[\s>])/i.test(text.slice(0, 256));
}
