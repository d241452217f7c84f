/**
 * Before a run: whether it can start at all. A target that is not an http(s) URL, a selection without a check, or
 * a broker nobody answers for would otherwise give a report of checks that each failed to connect or ran nothing,
 * read as "not judged" or even "passed".
 */
import { HttpClient } from '../src/client/index.js';
import type { NotStartedKind } from '../src/report/conformance/types.js';

export interface StartProblem {
  kind: NotStartedKind;
  reason: string;
}

/** Why `target` cannot be a broker's base URL, or undefined. */
export function targetProblem(target: string): StartProblem | undefined {
  try {
    const u = new URL(target);
    if (u.protocol === 'http:' || u.protocol === 'https:') return undefined;
  } catch {
    // not a URL at all
  }
  return { kind: 'bad-target', reason: `the target ${JSON.stringify(target.slice(0, 200))} is not an http(s) URL` };
}

/** Whether anything answers at the target (any HTTP status counts); a refused or unresolvable host does not. */
export async function unreachable(
  target: string,
  wait: { ms: number; bound: string },
  signal?: AbortSignal,
): Promise<StartProblem | undefined> {
  const timeoutMs = wait.ms;
  // Anonymous, like every VOSI request of the run; an interrupt ends the wait (the run then stops as interrupted).
  const client = new HttpClient(target, {
    timeoutMs,
    headers: {},
    maxBytes: 1024 * 1024,
    ...(signal ? { signal } : {}),
  });
  const why = (reason: string): StartProblem => ({
    kind: 'unreachable',
    reason: `the broker cannot be reached: ${reason}`,
  });
  try {
    const r = await client.request({
      method: 'GET',
      url: new URL('availability', `${target.replace(/\/$/, '')}/`).href,
      parse: false,
    });
    if (!r.ok && (r.failure.kind === 'refused' || r.failure.kind === 'bad-url' || r.failure.kind === 'network'))
      return why(r.failure.message);
    // A broker that takes the connection and never answers would have every check time out, one by one, into a
    // verdict of "not judged"; it is unreachable, as one that refuses the connection is.
    if (!r.ok && r.failure.kind === 'timeout')
      return why(`no answer to GET /availability within ${Math.round(timeoutMs / 100) / 10} s (${wait.bound})`);
    return undefined;
  } finally {
    await client.close();
  }
}
