/** What an answer hands out (for cleanup) and what a 401/403 means for the run (for the skip message). */
import type { HttpRequest } from '../../src/client/index.js';
import type { Exchange } from './evidence.js';
import { asArray, isDoc } from './doc.js';

/**
 * The offer set (a 303 from POST /requests) or sessions (offers in an offer set, a session from POST /direct, or
 * its 303 Location) an answer hands out; undefined when it hands out nothing.
 */
export function handedOut(req: HttpRequest, ex: Exchange): { offerset?: string; sessions: unknown[] } | undefined {
  if (req.method !== 'POST' && req.method !== 'GET') return undefined;
  const direct = req.method === 'POST' && /\/direct\/?$/.test(new URL(req.url).pathname);
  if (ex.status === 303 && req.method === 'POST') {
    const location = ex.headers['location'];
    let url: string;
    try {
      url = new URL(location ?? '', ex.url).href;
    } catch {
      return undefined;
    }
    if (!location) return undefined;
    return direct ? { sessions: [{ meta: { url } }] } : { offerset: url, sessions: [] };
  }
  if (ex.status !== 200 || !isDoc(ex.value)) return undefined;
  if (Array.isArray(ex.value['offers'])) return { sessions: asArray(ex.value['offers']) };
  return direct ? { sessions: [ex.value] } : undefined;
}

/** Why a request was refused with 401 or 403, phrased by how (whether) the run was given credentials. */
export function credentialsProblem(status: number, given: 'header' | 'user' | 'token' | undefined): string {
  if (status === 403) {
    return given
      ? `the credentials given with --${given} are not allowed to do this`
      : 'the broker forbids this to an anonymous caller; pass credentials with --user NAME:PASSWORD, --token TOKEN or --header';
  }
  return given
    ? `the credentials given with --${given} were refused`
    : 'the broker wants credentials; pass them with --user NAME:PASSWORD, --token TOKEN or --header';
}
