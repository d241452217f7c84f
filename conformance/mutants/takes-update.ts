import type { Doc } from './proxy.js';
import { answer, isSessionPath, jsonBody, rewrite, startProxied } from './proxy.js';

/**
 * The reference broker, except that an update to `value` sent while a session reads `phase` (where its options do
 * not offer it, so the broker refuses it) is answered 200, and the session reads `value` from then on, with no
 * options: a broker that checks a transition against its own idea of the lifecycle, not against its options.
 */
export function startTakingUpdate(value: string, phase: string): Promise<{ url: string; close(): Promise<void> }> {
  const changed = (session: Doc): Doc => ({
    ...session,
    phase: value,
    meta: { ...(session['meta'] as Doc | undefined), options: [] },
  });
  return startProxied({
    request: (req, state) => {
      const path = req.path.split('?')[0] ?? '';
      const body = req.method === 'POST' && isSessionPath(path) ? jsonBody(req) : undefined;
      const last = state.get(`session ${path}`) as Doc | undefined;
      if (body?.['value'] !== value || last?.['phase'] !== phase) return undefined;
      state.set(`taken ${path}`, true);
      return answer(200, changed(last), 'session', req.headers['accept']?.includes('json') ? 'json' : 'yaml');
    },
    response: (req, res, state) => {
      const path = req.path.split('?')[0] ?? '';
      if (!isSessionPath(path)) return res;
      return rewrite(req, res, (v: Doc, type) => {
        if (type !== 'session') return;
        state.set(`session ${path}`, structuredClone(v));
        return state.get(`taken ${path}`) === true ? changed(v) : undefined;
      });
    },
  });
}
