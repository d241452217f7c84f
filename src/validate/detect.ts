import type { DocumentType } from '../findings.js';
import { isObj } from './walker.js';

const SESSION_KIND = /\/session\/[^/]*$|\/session\/[^/]*\.yaml$/;

/**
 * Guesses the document type from its members (JSON and YAML carry no root
 * name). Order matters: an error document and an update are recognised by
 * their own members first; a session has a phase, a request has none.
 */
export function detectDocumentType(value: unknown): DocumentType | undefined {
  if (!isObj(value)) return undefined;
  if ('status' in value && 'code' in value && 'message' in value) return 'error';
  const kind = typeof value.kind === 'string' ? value.kind : undefined;
  if (kind !== undefined && /^(uri|urn):.*-update$/.test(kind)) return 'update';
  if ('result' in value || 'offers' in value) return 'offerset';
  if ((kind !== undefined && SESSION_KIND.test(kind)) || ('phase' in value && 'executable' in value)) return 'session';
  if (('executable' in value || 'compute' in value || 'schedule' in value) && !('phase' in value)) return 'request';
  return undefined;
}
