import type { DocumentType } from '../findings.js';
import { OFFERSET_KIND, wrapperOf } from './generations.js';
import { isObject } from '../util/index.js';

const SESSION_KIND = /\/session\/[^/]*$|\/session\/[^/]*\.yaml$/;

/**
 * Guesses the document type from its members (JSON and YAML carry no root
 * name). Order matters: an error document and an update are recognised by
 * their own members first; a wrapped document of an earlier generation by its
 * wrapper; an offer set by its result, offers or offer-set kind (the broker's
 * own, or an older generation's); a session has a phase, a request has none.
 */
export function detectDocumentType(value: unknown): DocumentType | undefined {
  if (!isObject(value)) return undefined;
  if ('status' in value && 'code' in value && 'message' in value) return 'error';
  const wrapped = wrapperOf(value);
  if (wrapped) return wrapped.type;
  const kind = typeof value.kind === 'string' ? value.kind : undefined;
  if (kind !== undefined && /^(uri|urn):.*-update$/.test(kind)) return 'update';
  if ('result' in value || 'offers' in value || (kind !== undefined && OFFERSET_KIND.test(kind))) return 'offerset';
  if ((kind !== undefined && SESSION_KIND.test(kind)) || ('phase' in value && 'executable' in value)) return 'session';
  if (('executable' in value || 'compute' in value || 'schedule' in value) && !('phase' in value)) return 'request';
  return undefined;
}

/**
 * Names a well-known body that is no EB document, for the "type unknown"
 * finding: Spring Boot's default error body (`{timestamp, status, error,
 * path}`), which the Java broker sends for syntax errors (DOMAIN.md §6.2).
 */
export function describeForeignDocument(value: unknown): { shape: string; message: string } | undefined {
  if (!isObject(value)) return undefined;
  if (
    'timestamp' in value &&
    typeof value.status === 'number' &&
    typeof value.error === 'string' &&
    !('code' in value)
  ) {
    return {
      shape: 'spring-error',
      message: `this is Spring Boot's default error body {timestamp, status, error, path} (HTTP ${value.status} "${value.error.slice(0, 60)}"), as the Java reference broker sends it; it is not an ExecutionBroker error document, which needs status, error, code and message`,
    };
  }
  return undefined;
}
