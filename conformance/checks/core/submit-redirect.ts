import { verdict, type CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { relativeLocation } from '../../lib/location.js';
import { uuidOf } from '../../lib/offers.js';
import { get, type Doc } from '../../lib/doc.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-06', 'EB-HTTP-09', 'EB-HTTP-17'],
  title:
    "POST /requests answers 303 to /offersets/{uuid} (or 200), and the Location and the offer set's own meta.url serve that offer set",
  async run(ctx: CheckContext) {
    const { first, offersetUrl, offerset } = await ctx.submit();
    if (first.status === 200) {
      const own = await readOwnUrl(ctx, offerset);
      return { outcome: 'pass', message: `answered 200 with the offer set (allowed)${own}` };
    }
    ctx.ensure(offersetUrl, '303 without a Location header', 'EB-HTTP-06');
    const m = /\/offersets\/([0-9a-f-]{36})\/?$/i.exec(new URL(offersetUrl).pathname);
    ctx.ensure(m, `the Location was wrong: ${offersetUrl} does not name /offersets/{uuid}`, 'EB-HTTP-06');
    ctx.ensure(
      uuidOf(offerset) === m[1],
      `the Location was wrong: the offer set at ${offersetUrl} has meta.uuid ${uuidOf(offerset) ?? '(none)'}, expected ${m[1]}`,
      'EB-HTTP-17',
    );
    const own = await readOwnUrl(ctx, offerset, offersetUrl);
    const relative = relativeLocation(first.headers['location']);
    // Advice, not a requirement broken: EB-HTTP-06 is met by a Location that resolves to the offer set.
    if (relative) return verdict.warn(`303 → ${offersetUrl}, uuid matches${own}; but ${relative}`);
    return { outcome: 'pass', message: `303 → ${offersetUrl}, uuid matches${own}` };
  },
});

/**
 * GETs the offer set's own meta.url, when it gives one other than the Location already read: it must serve the
 * same offer set (EB-HTTP-17). Returns what the pass message adds.
 */
async function readOwnUrl(ctx: CheckContext, offerset: Doc, location?: string): Promise<string> {
  const raw = get(offerset, 'meta', 'url');
  if (typeof raw !== 'string' || raw === '') return '';
  let url: string;
  try {
    url = new URL(raw, location ?? ctx.target).href;
  } catch {
    ctx.fail(`the offer set's meta.url ${JSON.stringify(raw)} is not a URL`, 'EB-HTTP-17');
  }
  if (location !== undefined && url.replace(/\/$/, '') === location.replace(/\/$/, '')) return '';
  if (!ctx.allowed(url)) return `; its meta.url ${url} is on another origin, not read (--allow-origin reads it)`;
  const ex = await ctx.get(url, { accept: 'json', expect: 'offerset' });
  ctx.ensure(
    ex.status === 200,
    `GET of the offer set's meta.url ${url} answered ${ex.status}, expected 200 with the offer set`,
    'EB-HTTP-17',
  );
  ctx.ensure(
    uuidOf(ex.value) === uuidOf(offerset),
    `the offer set's meta.url ${url} serves ${uuidOf(ex.value) ?? 'no uuid'}, not ${uuidOf(offerset) ?? '(none)'}`,
    'EB-HTTP-17',
  );
  return `; its meta.url serves it too`;
}
