import { defineRule } from '../../rule.js';
import {
  DOCUMENT_MEMBERS,
  DOCUMENT_NESTED,
  KNOWN_KINDS,
  type KnownKind,
  type NestedShapes,
  type Shape,
} from '../../known-kinds.js';
import { OLDER_ROOT_MEMBERS, isOlderMessageMember } from '../../generations.js';
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
const SHAPE_MEMBERS = new WeakMap<Shape, ReadonlySet<string>>();
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
    /** Member names of a nested shape, as a set (built once per shape). */
    const membersOf = (shape: Shape): ReadonlySet<string> => {
      let set = SHAPE_MEMBERS.get(shape);
      if (!set) SHAPE_MEMBERS.set(shape, (set = new Set(shape.members)));
      return set;
    };
    // The plain objects inside a component or root (a size, an image, meta, a schedule): their unknown members are
    // as much information as a component's, and "units: TiB" in a size is read as GiB by everyone else. The path
    // below the component is kept as a list and made a pointer only for a finding (most objects have none).
    let base = '';
    const path: string[] = [];
    const pointerTo = (key: string): string => `${base}/${[...path, key].map(escapeToken).join('/')}`;
    const inside = (value: unknown, shapes: NestedShapes, depth: number): void => {
      if (!isObject(value) || depth > 8) return;
      for (const name in shapes) {
        const child = value[name];
        if (child === undefined) continue;
        const shape = shapes[name]!;
        path.push(name);
        if (!shape.each) plain(child, shape, name, depth);
        else if (Array.isArray(child))
          for (let i = 0; i < child.length; i++) {
            path.push(String(i));
            plain(child[i], shape, name, depth);
            path.pop();
          }
        path.pop();
      }
    };
    const plain = (value: unknown, shape: Shape, name: string, depth: number): void => {
      if (!isObject(value)) return;
      const known = membersOf(shape);
      for (const key in value) {
        if (known.has(key) || (name === 'messages' && isOlderMessageMember(value, key))) continue;
        const hint = suggest(key, known);
        ctx.report({
          requirement: 'EB-DM-08',
          pointer: pointerTo(key),
          message: `"${key}" is not a member of ${shape.each ? `an item of ${name}` : name} (whose members are ${shape.members.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}`,
          params: { member: key, ...(hint ? { suggestion: hint } : {}) },
        });
      }
      if (shape.within) inside(value, shape.within, depth + 1);
    };
    const rootNested = DOCUMENT_NESTED[ctx.type];
    if (rootNested) inside(ctx.root, rootNested, 0);
    for (const n of ctx.nodes.components) {
      if (n.known?.nested) {
        base = n.pointer;
        inside(n.value, n.known.nested, 0);
      }
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
