import type { ProxyRequest } from '../mutants/proxy.js';
import { answer } from '../mutants/proxy.js';

/** Whether a request body is XML by its Content-Type. */
function xmlBody(req: ProxyRequest): boolean {
  return /^(application|text)\/([\w.+-]+\+)?xml\b/i.test(req.headers['content-type'] ?? '') && req.body.length > 0;
}

/** Whether Accept names XML and nothing the service can produce (JSON, YAML, or a wildcard). */
function onlyXml(req: ProxyRequest): boolean {
  const accept = req.headers['accept'];
  if (!accept) return false;
  return /xml/i.test(accept) && !/json|yaml|\*\//i.test(accept);
}

/**
 * The request hook of a broker without XML: 415 to an XML body, 406 to an Accept only of XML, checked in the
 * given order when both hold (spec/06 §6.2 intends 415 first; 406 first is conformant too).
 */
export function refuseXml(order: '415-first' | '406-first') {
  return (req: ProxyRequest) => {
    const is415 = xmlBody(req);
    const is406 = onlyXml(req);
    const format = /json/i.test(req.headers['accept'] ?? '') ? 'json' : 'yaml';
    const refuse415 = () =>
      answer(
        415,
        {
          status: 415,
          error: 'UNSUPPORTED_MEDIA_TYPE',
          code: 'UNSUPPORTED_CONTENT_TYPE',
          message: 'This service reads YAML and JSON only.',
        },
        'error',
        format,
      );
    // Nothing was negotiated, so the 406 error document is YAML (EB-ERR-01).
    const refuse406 = () =>
      answer(
        406,
        {
          status: 406,
          error: 'NOT_ACCEPTABLE',
          code: 'NO_ACCEPTABLE_FORMAT',
          message: 'This service writes YAML and JSON only.',
        },
        'error',
        'yaml',
      );
    if (order === '415-first') return is415 ? refuse415() : is406 ? refuse406() : undefined;
    return is406 ? refuse406() : is415 ? refuse415() : undefined;
  };
}
