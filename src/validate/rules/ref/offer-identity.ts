import { defineRule } from '../../rule.js';
import { uuidOf } from '../names.js';
import { isObject } from '../../../util/index.js';

/** Whether `url`, trailing slashes aside, ends with `tail` (no regex: this runs once per offer). */
function endsWithSegment(url: string, tail: string): boolean {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 47) end--;
  return end >= tail.length && url.startsWith(tail, end - tail.length);
}

/** Offers are told apart by uuid, and each is read and updated at its own URL. */
export default defineRule({
  slug: 'offer-identity',
  requirements: ['EB-REF-06'],
  appliesTo: ['offerset'],
  check(ctx) {
    const seen = new Map<string, string>();
    for (const s of ctx.nodes.sessions) {
      const uuid = uuidOf(s);
      if (uuid === undefined) continue;
      const earlier = seen.get(uuid);
      if (earlier !== undefined) {
        ctx.report({
          requirement: 'EB-REF-06',
          pointer: `${s.pointer}/meta/uuid`,
          message: `the offer uuid "${uuid}" is already used by ${earlier}`,
          params: { uuid },
        });
      } else seen.set(uuid, s.pointer);
      const url = isObject(s.value.meta) ? s.value.meta.url : undefined;
      if (typeof url === 'string' && !endsWithSegment(url, uuid)) {
        ctx.report({
          requirement: 'EB-REF-06',
          pointer: `${s.pointer}/meta/url`,
          message: `the offer's url "${url}" does not end with its uuid "${uuid}"`,
          params: { uuid, url },
        });
      }
    }
  },
});
