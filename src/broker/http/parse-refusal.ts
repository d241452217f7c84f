/**
 * How a body the parser could not read is refused, the same at the broker and the aggregator: over the limit 413,
 * a charset no decoder reads 415 (a media type this server does not support, RFC 9110 §15.5.16), nothing in it
 * 400 EMPTY_BODY, anything else 400 MALFORMED_BODY with the parser's findings.
 */
import type { DocumentType, Finding } from '../../findings.js';
import { printable, withArticle } from '../../util/index.js';

export interface ParseRefusal {
  /** Its status follows from the code (errorClassOf). */
  code: 'BODY_TOO_LARGE' | 'UNSUPPORTED_CONTENT_TYPE' | 'EMPTY_BODY' | 'MALFORMED_BODY';
  message: string;
  /** The parser's findings, for the error document's messages (MALFORMED_BODY only). */
  findings?: Finding[];
}

export function parseRefusal(
  errors: Finding[],
  ctx: { type: DocumentType; format: string; contentType: string | undefined; bodyLimit: number },
): ParseRefusal {
  if (errors.some((f) => f.ruleId === 'EBK_TOO_LARGE'))
    return {
      code: 'BODY_TOO_LARGE',
      message: `The request body exceeds the limit of ${ctx.bodyLimit} bytes.`,
    };
  const charset = errors.find((f) => f.ruleId === 'EBK_BAD_ENCODING' && f.params?.unsupported === true);
  if (charset)
    // Named by the Content-Type or by the body itself (an XML declaration's encoding).
    return {
      code: 'UNSUPPORTED_CONTENT_TYPE',
      message: `The body's charset ${printable(typeof charset.params?.encoding === 'string' ? charset.params.encoding : '')} cannot be read here; send the body as UTF-8.`,
    };
  if (errors.length > 0 && errors.every((f) => f.ruleId === 'EBK_EMPTY'))
    return {
      code: 'EMPTY_BODY',
      message: `The request body is empty; ${withArticle(ctx.type)} document is required.`,
    };
  return {
    code: 'MALFORMED_BODY',
    message: `The body is not well-formed ${ctx.format.toUpperCase()}.`,
    findings: errors,
  };
}
