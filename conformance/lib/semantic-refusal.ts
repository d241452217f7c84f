import type { CheckContext, Exchange } from './context.js';
import type { RequirementId } from '../types.js';
import { asArray, get, isDoc } from './context.js';
import { errorDocumentIssues } from './errors.js';
import type { Doc } from './doc.js';
import { resultText } from './doc.js';

/**
 * The suite's request with the probe laid over it: a component the probe names is merged member by member into
 * the request's own (so `{ compute: { accelerators } }` keeps the requested cores), anything else is set.
 */
export function probeRequest(ctx: CheckContext, probe: Doc): Doc {
  const request = ctx.request();
  for (const [key, value] of Object.entries(probe)) {
    const own = request[key];
    request[key] = isDoc(own) && isDoc(value) ? { ...own, ...value } : value;
  }
  return request;
}

/** How a broker refused a request with a semantic problem (EB-ERR-12). */
export type Refusal =
  { how: 'error'; status: number } | { how: 'no'; messages: number } | { how: 'honoured'; offers: number };

/** Everything a message says, in one string, to look for the name of the problem in. */
function messageText(m: unknown): string {
  const values = get(m, 'values');
  return [get(m, 'kind'), get(m, 'template'), get(m, 'message'), ...(isDoc(values) ? Object.values(values) : [])]
    .filter((x) => typeof x === 'string')
    .join(' ');
}

/**
 * Submits a schema-valid request with a semantic problem and checks the answer spec §6.4 allows for it
 * (EB-ERR-12): a 4xx error document, or an offer set with result NO whose messages name the problem (one of
 * `names`: a string compared case-insensitively, a pattern tested as it is); never YES. Fails the check otherwise. `naming` is the requirement the
 * naming is judged under when it is not the check's own (EB-ERR-12): a check that does not cite it notes it.
 */
export async function expectSemanticRefusal(
  ctx: CheckContext,
  request: unknown,
  what: string,
  names: readonly (string | RegExp)[],
  /** When given, a YES whose every offer passes it is a broker that does what was asked: allowed. */
  honoured?: (offer: unknown) => boolean,
  naming?: RequirementId,
): Promise<Refusal> {
  const first: Exchange = await ctx.post(ctx.url('/requests'), request, 'request', {
    format: 'json',
    accept: 'json',
    expect: 'offerset',
  });
  if (first.status >= 400 && first.status < 500) {
    // The refusal is this check's to judge; a flaw of the error document itself (EB-ERR-01, -02) is judged by the
    // checks that cite those, and noted here.
    for (const issue of errorDocumentIssues(first)) {
      if (issue.requirement === undefined) ctx.fail(`${what}: ${issue.message}`);
      ctx.judgeOrNote(false, `${what}: ${issue.message}`, issue.requirement);
    }
    return { how: 'error', status: first.status };
  }
  // The shared path: a wrong Location or an unreadable offer set is held against EB-HTTP-06, not this check.
  const { offerset } = await ctx.offersetAfter(first);
  const result = get(offerset, 'result');
  const offers = asArray(offerset['offers']);
  if (result === 'YES' && honoured && offers.length > 0) {
    const bad = offers.findIndex((o) => !honoured(o));
    ctx.ensure(
      bad < 0,
      `${what}: answered YES, but offer ${bad + 1} does not do what was asked; a broker that cannot answers NO naming the problem`,
    );
    return { how: 'honoured', offers: offers.length };
  }
  ctx.ensure(
    result === 'NO',
    `${what}: answered ${resultText(result)}; expected a 4xx error document or NO naming the problem`,
  );
  const messages = asArray(get(offerset, 'meta', 'messages'));
  const looked = names.map((n) => (typeof n === 'string' ? n : n.source)).join(', ');
  const named = messages.some((m) => {
    const text = messageText(m);
    return names.some((n) => (typeof n === 'string' ? text.toLowerCase().includes(n.toLowerCase()) : n.test(text)));
  });
  if (!named) {
    // A broker that says NO to everything (full, closed, or an aggregator whose brokers are away) gives its one
    // reason, not this request's problem: only a YES to the suite's ordinary request shows it looked at this one.
    const { offerset: ordinary } = await ctx.submit(ctx.request());
    if (get(ordinary, 'result') !== 'YES')
      ctx.skip(
        `precondition not met: the suite's ordinary request is answered NO too, so this NO says nothing of ${what} (${messages.length} message(s), none naming ${looked})`,
      );
  }
  const unnamed = `${what}: answered NO, but no message names the problem (looked for ${looked} in ${messages.length} message(s))`;
  if (naming) ctx.judgeOrNote(named, unnamed, naming);
  else ctx.ensure(named, unnamed);
  return { how: 'no', messages: messages.length };
}
