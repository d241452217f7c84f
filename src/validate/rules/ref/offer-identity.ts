import { defineRule } from '../../rule.js';
import { uuidOf } from '../names.js';
import { isObject } from '../../../util/index.js';

/**
 * Whether `url` ends with `uuid` as its last path segment: the character before it is a `/` and nothing follows
 * it, not even a slash (EB-REF-06; the register records that a trailing slash breaks it). A UUID's hex digits are
 * the same in either case (RFC 9562 §4), so case is not compared. No regex or URL parse: this runs once per offer.
 */
function endsWithSegment(url: string, uuid: string): boolean {
  const at = url.length - uuid.length;
  return at > 0 && url.slice(at).toLowerCase() === uuid.toLowerCase() && url.charCodeAt(at - 1) === 47;
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
      // 0B8E… and 0b8e… are one UUID.
      const earlier = seen.get(uuid.toLowerCase());
      if (earlier !== undefined) {
        ctx.report({
          requirement: 'EB-REF-06',
          pointer: `${s.pointer}/meta/uuid`,
          message: `the offer uuid "${uuid}" is already used by ${earlier}`,
          params: { uuid },
        });
      } else seen.set(uuid.toLowerCase(), s.pointer);
      const url = isObject(s.value.meta) ? s.value.meta.url : undefined;
      if (typeof url === 'string' && !endsWithSegment(url, uuid)) {
        const slash = url.endsWith('/') && endsWithSegment(url.replace(/\/+$/, ''), uuid);
        ctx.report({
          requirement: 'EB-REF-06',
          pointer: `${s.pointer}/meta/url`,
          message: slash
            ? `the offer's url "${url}" ends with a slash after its uuid "${uuid}"; the uuid must be the last path segment`
            : `the offer's url "${url}" does not end with its uuid "${uuid}"`,
          params: { uuid, url },
        });
      }
    }
  },
});
