/**
 * EB-UPD-07: an identifier an update body gives must be the one of the session it is posted to. The same at the
 * broker and the aggregator, which both answer POST /sessions/{uuid}.
 */
import type { Finding } from '../../findings.js';
import { clipText, isObject, printable, toText, type JsonRecord } from '../../util/index.js';
import { findingMessages } from '../errors.js';
import type { DocumentRead } from './read-document.js';
import { valueAt } from '../../validate/pointer.js';

/**
 * Where an update body may name a session: `uuid` and `ident` (the draft text's updates carried the session's
 * identifier), and `meta.uuid` (a client that copies
 * the session's meta into its update). A 1.0 update carries none, so these are the places a client would use.
 */
const PLACES: readonly (readonly [string] | readonly [string, string])[] = [['uuid'], ['ident'], ['meta', 'uuid']];

/**
 * The refusal of an update whose body names another session than `urlId` (the identifier as the URL wrote it),
 * or undefined when every identifier it gives is that one (or it gives none). The standard names no code for this
 * case: the document breaks a rule of the standard, which is what 422 INVALID_DOCUMENT says (spec/06 §6.4), with
 * the finding in `messages` (EB-ERR-10); a 409 would tell the client that the session's state is in the way, and
 * sending the same body again later would never help. UUIDs are compared without regard to case, as the path's are.
 */
export function updateIdentityRefusal(
  update: JsonRecord,
  urlId: string,
): Extract<DocumentRead, { ok: false }> | undefined {
  const wrong: { member: string; shown: string; finding: Finding }[] = [];
  for (const path of PLACES) {
    const given = valueAt(update, `/${path.join('/')}`);
    // A null is a Java client's absent member (Jackson writes one for every unset field): no identifier given.
    if (given === undefined || given === null) continue;
    if (typeof given === 'string' && given.toLowerCase() === urlId.toLowerCase()) continue;
    const member = path.join('.');
    const shown = printable(clipText(toText(given), 80));
    wrong.push({
      member,
      shown,
      finding: {
        ruleId: 'EB-UPD-07',
        level: 'error',
        pointer: `/${path.join('/')}`,
        message: `${member} is ${shown}, but the update is posted to the session ${urlId}`,
        params: { member, given: shown, url: urlId },
      },
    });
  }
  const first = wrong[0];
  if (!first) return undefined;
  return {
    ok: false,
    code: 'INVALID_DOCUMENT',
    message: `The update names the session ${first.shown} (${first.member}) but is posted to the session ${urlId}; post it to the URL of the session it names, or leave the identifier out (EB-UPD-07).`,
    messages: findingMessages(wrong.map((w) => w.finding)),
  };
}

/**
 * The update without the identifiers `updateIdentityRefusal` let through: an aggregator forwards it to a lower
 * broker, whose session has another uuid and would refuse the aggregator's (EB-UPD-07 there too).
 */
export function withoutIdentifiers(update: JsonRecord): JsonRecord {
  const { uuid: _uuid, ident: _ident, ...rest } = update;
  const meta = rest['meta'];
  if (!isObject(meta) || !Object.hasOwn(meta, 'uuid')) return rest;
  const { uuid: _metaUuid, ...otherMeta } = meta;
  if (Object.keys(otherMeta).length > 0) return { ...rest, meta: otherMeta };
  const { meta: _meta, ...bare } = rest;
  return bare;
}
