import { parse, type Format } from '../../src/parse/index.js';
import type { CheckContext, Exchange } from './context.js';

const TYPE_PATTERNS: Record<Format, RegExp> = {
  json: /^application\/(?:[\w.+-]+\+)?json\b/i,
  yaml: /^(?:application|text)\/(?:[\w.+-]+\+)?ya?ml\b/i,
  xml: /^(?:application|text)\/(?:[\w.+-]+\+)?xml\b/i,
};

/** Media type family of a Content-Type header. */
export function formatOfContentType(contentType: string | undefined): Format | undefined {
  if (!contentType) return undefined;
  return (Object.keys(TYPE_PATTERNS) as Format[]).find((f) => TYPE_PATTERNS[f].test(contentType.trim()));
}

/**
 * True when JSON was asked for and the body is JSON all the same, read under another label (JSON text is told by
 * its own syntax): the fault is then the label's (EB-HTTP-14), not the body's. YAML is not told so (JSON text is
 * YAML too), nor XML (a check of XML goes on to read the document, which a mislabelled body did not give it).
 */
function mislabelled(ex: Exchange, format: Format): boolean {
  if (format !== 'json' || ex.format === format || ex.text.trim() === '') return false;
  const read = parse(ex.text, { format });
  return read.value !== undefined && read.findings.every((f) => f.level !== 'error');
}

/**
 * Fails the check unless the answer's body is `format`; a Content-Type naming another type (EB-HTTP-14) fails
 * only a check that cites EB-HTTP-14, and is a note elsewhere: the body is what the check's requirement is about.
 */
export function expectFormat(ctx: CheckContext, ex: Exchange, format: Format, what: string): void {
  const declared = formatOfContentType(ex.headers['content-type']);
  ctx.ensure(
    (ex.value !== undefined && ex.format === format) || mislabelled(ex, format),
    `${what}: the body is not ${format.toUpperCase()} (${ex.format ? `reads as ${ex.format.toUpperCase()}` : 'unparseable'}; Content-Type ${ex.headers['content-type'] ?? 'missing'})`,
  );
  ctx.judgeOrNote(
    declared === format,
    `${what}: Content-Type is ${ex.headers['content-type'] ?? 'missing'}, expected ${format.toUpperCase()}`,
    'EB-HTTP-14',
  );
}
