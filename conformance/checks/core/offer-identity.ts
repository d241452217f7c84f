import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get } from '../../lib/context.js';
import { label, uuidOf } from '../../lib/offers.js';

/** The URL's last path segment when nothing (query, fragment) follows it; a trailing slash leaves an empty one. */
function lastSegment(url: string): string {
  try {
    const parsed = new URL(url, 'http://base.invalid/');
    if (parsed.search !== '' || parsed.hash !== '' || url.endsWith('?') || url.endsWith('#')) return '';
    return parsed.pathname.split('/').at(-1) ?? '';
  } catch {
    return '';
  }
}

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-REF-06'],
  title: "The offers of an offer set have distinct uuids, and each offer's meta.url ends with its own uuid",
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const seen = new Map<string, number>();
    for (const [i, offer] of offers.entries()) {
      const uuid = uuidOf(offer);
      ctx.ensure(uuid !== undefined, `${label(offer, i)} has no meta.uuid`);
      // A UUID's hex digits are the same in either case (RFC 9562 §4): 0B8E… and 0b8e… are one UUID.
      const key = uuid.toLowerCase();
      const earlier = seen.get(key);
      ctx.ensure(earlier === undefined, `${label(offer, i)} has the uuid of offer ${(earlier ?? 0) + 1}`);
      seen.set(key, i);
      const url = get(offer, 'meta', 'url');
      ctx.ensure(typeof url === 'string', `${label(offer, i)} has no meta.url`);
      // The uuid is the URL's last path segment: a trailing slash, a query or another segment after it is not.
      ctx.ensure(
        lastSegment(url).toLowerCase() === key,
        `${label(offer, i)}: meta.url ${url} does not end with its uuid ${uuid}${url.endsWith('/') ? ' (a trailing slash follows it)' : ''}`,
      );
    }
    return { outcome: 'pass', message: `${offers.length} offer(s), distinct uuids, each meta.url ending with its own` };
  },
});
