/**
 * RFC 7240's `Prefer: wait=N`: the client would like an answer within N seconds. The many-broker client and the
 * conformance runner send their own timeout this way; an aggregator gives its lower brokers a little less than it
 * is given (and says so downstream), so an answer with every broker that made it in time comes before the caller
 * gives up, however deep the aggregators nest.
 */

/** The header value for a wait of `ms` milliseconds (whole seconds, rounded down, as RFC 7240 writes them). */
export function preferWait(ms: number): string {
  return `wait=${Math.max(0, Math.floor(ms / 1000))}`;
}

/** The wait one or more Prefer headers ask for, in milliseconds, or undefined when none is stated. */
export function preferredWaitMs(header: string | readonly string[] | undefined): number | undefined {
  const text = Array.isArray(header) ? header.join(',') : (header as string | undefined);
  if (!text) return undefined;
  // A preference is `token [= value] *( ";" param )`; only the wait token, first one stated, counts.
  for (const pref of text.split(',')) {
    const m = /^\s*wait\s*=\s*"?(\d{1,9})"?\s*(?:;|$)/i.exec(pref);
    if (m) return Number(m[1]) * 1000;
  }
  return undefined;
}

/**
 * What an aggregator given `waitMs` allows its lower brokers: a tenth (at least half a second) less, to merge and
 * answer in, never more than its own upstream timeout. A wait too short for that (`wait=0`, whole seconds being all
 * RFC 7240 writes) still gets a quarter second, halved for each aggregator the request has passed (`hops`, from
 * Via): each one below gets less than the one above, however deep they nest, so none gives up on one about to answer.
 */
export function lowerBudgetMs(waitMs: number | undefined, upstreamTimeoutMs: number, hops = 0): number {
  if (waitMs === undefined) return upstreamTimeoutMs;
  const least = 250 / 2 ** Math.min(hops, 8);
  return Math.min(upstreamTimeoutMs, Math.max(least, waitMs - Math.max(500, waitMs / 10)));
}
