import { defineRule } from '../../rule.js';
import { DOCUMENT_MEMBERS, KNOWN_KINDS, type KnownKind } from '../../known-kinds.js';
import { OLDER_ROOT_MEMBERS } from '../../generations.js';
import { nearest } from '../../suggest.js';
import { escapeToken, isObject } from '../../../util/index.js';

/**
 * The data model is open, so an unknown member is information, not an error;
 * but it is usually a typo, so the finding suggests the nearest known name.
 * Components are checked against their kind's members, the request, offer set
 * and error document roots (which have no kind) against their document's.
 */
const MEMBERS = new Map<KnownKind, ReadonlySet<string>>(
  Object.values(KNOWN_KINDS).map((k) => [k, new Set(k.properties)]),
);
const ROOT_MEMBERS = new Map(Object.entries(DOCUMENT_MEMBERS).map(([t, m]) => [t, new Set(m)]));

/** Members real services send that deserve more than "unknown". */
const ROOT_HINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  offerset: {
    expires: 'each offer carries its own "expires" (the Java reference broker adds one at the root too)',
  },
  error: {
    timestamp:
      "Spring Boot's error body adds one (the Java reference broker); the error document has none, and it is harmless",
  },
};

/** The document a root member is missing from, as a message names it. */
const DOCUMENT_NAMES: Readonly<Record<string, string>> = {
  request: 'a request',
  offerset: 'an offer set',
  error: 'an error document',
};

/**
 * Unknown members given a suggestion, per document: finding the nearest name costs microseconds each, and a hostile
 * body of 75,000 unknown keys spent half a second there. Past this they are still reported, without one.
 */
const SUGGESTED = 200;

export default defineRule({
  slug: 'unknown-properties',
  requirements: ['EB-DM-08'],
  appliesTo: ['request', 'offerset', 'session', 'update', 'error'],
  check(ctx) {
    let suggested = 0;
    const suggest = (key: string, known: ReadonlySet<string>): string | undefined =>
      suggested++ < SUGGESTED ? nearest(key, known) : undefined;
    const rootKnown = ROOT_MEMBERS.get(ctx.type);
    if (rootKnown && isObject(ctx.root)) {
      const older = OLDER_ROOT_MEMBERS[ctx.type] ?? {};
      const hints = ROOT_HINTS[ctx.type] ?? {};
      for (const key in ctx.root) {
        // Members of an older generation are named by older-generation (EB-DM-07) instead.
        if (rootKnown.has(key) || Object.prototype.hasOwnProperty.call(older, key)) continue;
        const hint = Object.prototype.hasOwnProperty.call(hints, key) ? undefined : suggest(key, rootKnown);
        const why = Object.prototype.hasOwnProperty.call(hints, key)
          ? `: ${hints[key]}`
          : hint
            ? ` (did you mean "${hint}"?)`
            : '';
        ctx.report({
          requirement: 'EB-DM-08',
          pointer: `/${escapeToken(key)}`,
          message: `"${key}" is not a member of ${DOCUMENT_NAMES[ctx.type] ?? `a ${ctx.type}`}${why}`,
          params: { member: key, ...(hint ? { suggestion: hint } : {}) },
        });
      }
    }
    for (const n of ctx.nodes.components) {
      const known = n.known && MEMBERS.get(n.known);
      if (!known) continue;
      for (const key in n.value) {
        if (known.has(key)) continue;
        const hint = suggest(key, known);
        ctx.report({
          requirement: 'EB-DM-08',
          pointer: `${n.pointer}/${escapeToken(key)}`,
          message: `"${key}" is not a member of this ${n.family} kind${hint ? ` (did you mean "${hint}"?)` : ''}`,
          params: { member: key, ...(hint ? { suggestion: hint } : {}) },
        });
      }
    }
  },
});
