import { BROKER_OFFERSET_KIND, olderKind } from '../../validate/generations.js';
import { KNOWN_KINDS } from '../../validate/known-kinds.js';
import { childPointer } from '../../util/pointer.js';
import type { MigrationStep, Obj, StepContext } from '../types.js';
import { mappings, renameMember } from '../walk.js';

/** Offer-set kinds of older brokers; the schema defines none, the newest broker sends BROKER_OFFERSET_KIND. */
const OLDER_OFFERSET_KIND = /^https?:\/\/www\.purl\.org\/ivoa\.net\/EB\/schema\/(?:v1\.0\/)?types\/offerset\/[^/]+$/;

/** A value shaped like a kind URI (http, https, urn, uri: schemes). */
const URI = /^(?:https?:\/\/|urn:|uri:)\S+$/i;
/** Where a component sits (in a request, a session, or an offer), so its `type` could only be the discriminator. */
const COMPONENT_AT = /^(?:\/offers\/\d+)?\/(?:executable|compute|storage|data|volumes)(?:\/\d+)?$/;

function isKnown(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(KNOWN_KINDS, kind);
}

/** True when a string names a component type of some generation (so a `type` member holding it is a discriminator). */
function isKindUri(value: string): boolean {
  return isKnown(value) || olderKind(value) !== undefined || OLDER_OFFERSET_KIND.test(value);
}

function rewriteKind(node: Obj, pointer: string, ctx: StepContext): void {
  const kind = node['kind'];
  if (typeof kind !== 'string' || isKnown(kind) || kind === BROKER_OFFERSET_KIND) return;
  const at = childPointer(pointer, 'kind');
  if (OLDER_OFFERSET_KIND.test(kind)) {
    node['kind'] = BROKER_OFFERSET_KIND;
    ctx.change(
      at,
      `offer-set kind "${kind}" → "${BROKER_OFFERSET_KIND}" (the schema defines no offer-set kind; this is the one the newest broker sends)`,
    );
    return;
  }
  const older = olderKind(kind);
  if (!older) return; // an extension kind: 1.0 allows it as it is
  if (older.replacement === undefined) {
    ctx.unmapped(at, `kind "${kind}" belongs to ${older.generation} and has no 1.0 equivalent; left as it was`, {
      kind,
    });
    return;
  }
  node['kind'] = older.replacement;
  ctx.change(at, `kind "${kind}" (${older.generation}) → "${older.replacement}"`);
}

/**
 * Kind URIs: `type` → `kind` where `type` holds a kind URI and no `kind` exists (costs and metrics keep their
 * own `type`, which is not a discriminator), then every older-generation URI → its 1.0 URI, including the
 * 2024 broker's `urn:…-update`/`urn:…-option` kinds and the misspelt `…/kinds/computer/…`.
 */
export const olderKinds: MigrationStep = {
  slug: 'older-kind',
  apply(root, ctx) {
    for (const { node, pointer } of mappings(root)) {
      const type = node['type'];
      if (node['kind'] === undefined && typeof type === 'string' && isKindUri(type)) {
        renameMember(node, 'type', 'kind');
        ctx.change(childPointer(pointer, 'kind'), 'the discriminator "type" is called "kind" in 1.0');
      } else if (
        node['kind'] === undefined &&
        typeof type === 'string' &&
        URI.test(type) &&
        COMPONENT_AT.test(pointer)
      ) {
        // A URI in the place of a discriminator that names no kind of any generation: renaming it would only move
        // the problem, so it is left and said, rather than surfacing later as a missing "kind".
        ctx.unmapped(
          childPointer(pointer, 'type'),
          `"type" holds "${type}", which names no kind of any generation, and there is no "kind"; left as it was (1.0 calls the discriminator "kind")`,
          { type },
        );
      }
      rewriteKind(node, pointer, ctx);
    }
  },
};
