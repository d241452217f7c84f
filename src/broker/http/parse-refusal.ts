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
  const tooLarge = errors.find((f) => f.ruleId === 'EBK_TOO_LARGE');
  if (tooLarge) {
    // Over the value limit within the byte limit (a list of a million tiny items): said as what it is.
    const maxValues = tooLarge.params?.maxValues;
    return {
      code: 'BODY_TOO_LARGE',
      message:
        typeof maxValues === 'number'
          ? `The request body holds more than ${maxValues} values (mappings, lists and scalars; elements in XML), far more than an ExecutionBroker document needs; it was not read.`
          : `The request body exceeds the limit of ${ctx.bodyLimit} bytes.`,
    };
  }
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
  return { code: 'MALFORMED_BODY', message: malformedMessage(errors, ctx.format), findings: errors };
}

/**
 * What is wrong with a body the parser refused. Only a syntax error makes it not well-formed: a body nested too
 * deep, or XML whose root element or namespace is not one of the standard's (EB-XML-03), is well-formed all the same,
 * and saying otherwise sends its author looking for a typo that is not there.
 */
function malformedMessage(errors: Finding[], format: string): string {
  const name = format.toUpperCase();
  if (errors.length === 0 || errors.some((f) => f.ruleId === 'EBK_SYNTAX'))
    return `The body is not well-formed ${name}.`;
  const first = errors[0]!;
  if (first.ruleId === 'EBK_TOO_DEEP') return `The body nests too deep to be read: ${first.message}`;
  if (first.ruleId.startsWith('EB-XML-'))
    return `The body is well-formed XML but not a document of the standard: ${first.message}`;
  return `The body could not be read as ${name}: ${first.message}`;
}
