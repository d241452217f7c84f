import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { TOOLKIT_VERSION } from '../version.js';
import { type Loc, SchemaTree } from './json-tree.js';
import { type BoundKeyword, LOWER_BOUNDS, type Member, type Shape, UPPER_BOUNDS, jsonShape } from './shapes.js';
import { escapeToken, isObject } from '../util/index.js';

/**
 * `ebkit diff OLD NEW`: what changed between two schema versions and whether a document or client
 * written for OLD can break under NEW. Types are matched by name ($defs, definitions or
 * components/schemas); members are compared on the flattened shape (allOf, families).
 */
export type ChangeKind =
  | 'type-removed'
  | 'type-added'
  | 'property-removed'
  | 'property-added'
  | 'required-added'
  | 'required-removed'
  | 'enum-narrowed'
  | 'enum-widened'
  | 'pattern-added'
  | 'pattern-changed'
  | 'pattern-removed'
  | 'value-type-changed'
  | 'kind-removed'
  | 'kind-added'
  | 'list-changed'
  | 'bound-tightened'
  | 'bound-loosened';

export interface Change {
  kind: ChangeKind;
  breaking: boolean;
  /** Type name, then member path, e.g. "DockerContainer/image/digest". */
  path: string;
  message: string;
}

export interface DiffResult {
  changes: Change[];
  summary: { breaking: number; nonBreaking: number; typesOld: number; typesNew: number };
  tool: 'ebkit diff';
  version: string;
}

/** A schema version: a directory like schema/json, or one bundled JSON/YAML file. */
export interface SchemaVersion {
  tree: SchemaTree;
  types: Map<string, Loc>;
  /**
   * Each file's root schema, by the file's path within the version (its name for one file): a root may constrain
   * beside the `$ref` to its type (a `required` added there breaks as much as one in the type).
   */
  roots: Map<string, Loc>;
  /** The files whose root is no schema (it only holds `$defs`), by the same names as `roots`. */
  rootless: Map<string, string>;
  /** Files that could not be read, with the reason. */
  problems: string[];
}

export function loadVersion(path: string): SchemaVersion {
  const abs = resolve(path);
  const problems: string[] = [];
  if (!existsSync(abs))
    return {
      tree: new SchemaTree(),
      types: new Map(),
      roots: new Map(),
      rootless: new Map(),
      problems: [`${path} does not exist`],
    };
  const isDir = statSync(abs).isDirectory();
  const tree = new SchemaTree();
  // A version is the files under its directory: a symlink out of it (to a secret, to /etc/passwd, to /) is not
  // followed. Its $refs may still name files beside it (../common.json), as a schema tree's may.
  if (isDir) tree.loadDir(abs, { within: realpathSync(abs) });
  else tree.load(abs);
  for (const [file, why] of tree.broken) problems.push(`${file}: ${why}`);
  for (const file of tree.outside) problems.push(`${file}: a symlink out of ${path}; it was not read`);
  const types = new Map<string, Loc>();
  const roots = new Map<string, Loc>();
  const rootless = new Map<string, string>();
  for (const [file, doc] of tree.files) {
    if (!isObject(doc)) continue;
    const name = isDir ? relative(abs, file) : basename(file);
    if (isRootSchema(doc)) roots.set(name, { node: doc, file, pointer: '' });
    else rootless.set(name, file);
    const containers: [unknown, string][] = [
      [doc['$defs'], '/$defs'],
      [doc['definitions'], '/definitions'],
      [isObject(doc['components']) ? doc['components']['schemas'] : undefined, '/components/schemas'],
    ];
    for (const [container, base] of containers) {
      if (!isObject(container)) continue;
      for (const [name, node] of Object.entries(container)) {
        if (!types.has(name)) types.set(name, { node, file, pointer: `${base}/${escapeToken(name)}` });
      }
    }
  }
  return { tree, types, roots, rootless, problems };
}

/** Keywords of a file's root that are not schema: its identity, its containers of types, an OpenAPI document's. */
const NOT_CONSTRAINTS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$defs',
  'definitions',
  '$comment',
  'title',
  'description',
  'examples',
  'openapi',
  'info',
  'servers',
  'paths',
  'components',
  'tags',
  'webhooks',
  'security',
  'externalDocs',
]);

/** A root that is a schema of its own (a `$ref`, a type, properties…), not only a holder of `$defs`. */
function isRootSchema(doc: Record<string, unknown>): boolean {
  return typeof doc['openapi'] !== 'string' && Object.keys(doc).some((k) => !NOT_CONSTRAINTS.has(k));
}

/**
 * The types a root schema stands for: those its `$ref`, or the `$ref` of an `allOf` item, resolves to (in its own
 * file or another), by their names in `version.types`.
 */
function rootTypeNames(version: SchemaVersion, loc: Loc): string[] {
  const n = loc.node;
  if (!isObject(n)) return [];
  const refs = [
    n['$ref'],
    ...(Array.isArray(n['allOf']) ? n['allOf'].map((x) => (isObject(x) ? x['$ref'] : undefined)) : []),
  ];
  const targets = refs.flatMap((r) => {
    const t = typeof r === 'string' ? version.tree.resolveRef(r, loc.file) : undefined;
    return t ? [t] : [];
  });
  return [...version.types]
    .filter(([, t]) => targets.some((x) => x.file === t.file && x.pointer === t.pointer))
    .map(([name]) => name);
}

function change(out: Change[], kind: ChangeKind, breaking: boolean, path: string, message: string): void {
  out.push({ kind, breaking, path, message: `${path}: ${message}` });
}

/** Deepest nesting compared; a schema nested deeper is refused as not compared, never passed as unchanged. */
export const MAX_DIFF_DEPTH = 40;

interface Walk {
  out: Change[];
  seen: Set<string>;
  /** Paths past MAX_DIFF_DEPTH, not compared. */
  tooDeep: string[];
}

function compare(a: Shape, b: Shape, path: string, walk: Walk, depth: number): void {
  const key = `${a.id}|${b.id}`;
  if (walk.seen.has(key)) return;
  if (depth > MAX_DIFF_DEPTH) {
    walk.tooDeep.push(path);
    return;
  }
  const { out, seen } = walk;
  seen.add(key);
  // Value types: a removed type breaks documents that used it.
  if (a.types && b.types) {
    const lost = a.types.filter((t) => !b.types?.includes(t) && !(t === 'integer' && b.types?.includes('number')));
    const gained = b.types.filter((t) => !a.types?.includes(t));
    if (lost.length)
      change(
        out,
        'value-type-changed',
        true,
        path,
        `value type changed from ${a.types.join('|')} to ${b.types.join('|')}`,
      );
    else if (gained.length)
      change(
        out,
        'value-type-changed',
        false,
        path,
        `value type widened from ${a.types.join('|')} to ${b.types.join('|')}`,
      );
  }
  if (a.item && !b.item) change(out, 'list-changed', true, path, 'was a list and no longer is');
  else if (!a.item && b.item && (a.props || a.types)) change(out, 'list-changed', true, path, 'is now a list');
  else if (a.item && b.item) compare(a.item(), b.item(), `${path}[]`, walk, depth + 1);
  if (a.props || b.props) {
    const ap = a.props ?? new Map<string, Member>();
    const bp = b.props ?? new Map<string, Member>();
    for (const [name, m] of ap) {
      const other = bp.get(name);
      const at = `${path}/${name}`;
      if (!other) {
        change(out, 'property-removed', true, at, 'property removed');
        continue;
      }
      if (!m.required && other.required) change(out, 'required-added', true, at, 'property is now required');
      if (m.required && !other.required) change(out, 'required-removed', false, at, 'property is no longer required');
      compare(m.shape(), other.shape(), at, walk, depth + 1);
    }
    for (const [name, m] of bp) {
      if (ap.has(name)) continue;
      const at = `${path}/${name}`;
      if (m.required) change(out, 'required-added', true, at, 'new required property');
      else change(out, 'property-added', false, at, 'new optional property');
    }
  }
  if (a.enum || b.enum) {
    if (a.enum && b.enum) {
      const removed = a.enum.filter((v) => !b.enum?.includes(v));
      const added = b.enum.filter((v) => !a.enum?.includes(v));
      if (removed.length) change(out, 'enum-narrowed', true, path, `values removed: ${removed.join(', ')}`);
      if (added.length) change(out, 'enum-widened', false, path, `values added: ${added.join(', ')}`);
    } else if (b.enum) change(out, 'enum-narrowed', true, path, `now restricted to ${b.enum.join(', ')}`);
    else change(out, 'enum-widened', false, path, 'no longer restricted to a list of values');
  }
  // A kind is a const per family member: the family's set of kinds is the union.
  if (a.consts || b.consts) {
    const removed = (a.consts ?? []).filter((v) => !b.consts?.includes(v));
    const added = (b.consts ?? []).filter((v) => !a.consts?.includes(v));
    const isKind = /\/kind$/.test(path);
    if (removed.length)
      change(
        out,
        isKind ? 'kind-removed' : 'enum-narrowed',
        true,
        path,
        `${isKind ? 'kinds' : 'fixed values'} removed or renamed: ${removed.join(', ')}`,
      );
    if (added.length && a.consts)
      change(
        out,
        isKind ? 'kind-added' : 'enum-widened',
        false,
        path,
        `${isKind ? 'kinds' : 'fixed values'} added: ${added.join(', ')}`,
      );
  }
  compareBounds(a, b, path, out);
  const pa = [...(a.patterns ?? [])].sort().join('\u0000');
  const pb = [...(b.patterns ?? [])].sort().join('\u0000');
  if (pa !== pb) {
    // Whether one regular language contains another is not decided here: any change may narrow.
    if (!pa)
      change(out, 'pattern-added', true, path, `now constrained by the pattern ${JSON.stringify(b.patterns?.[0])}`);
    else if (!pb) change(out, 'pattern-removed', false, path, 'pattern removed');
    else
      change(
        out,
        'pattern-changed',
        true,
        path,
        `pattern changed from ${JSON.stringify(a.patterns)} to ${JSON.stringify(b.patterns)}; it may reject values the old one accepted`,
      );
  }
}

/**
 * A raised lower bound, a lowered upper bound, a new bound or a changed multipleOf may reject values the old schema
 * accepted (breaking); the reverse only accepts more.
 */
function compareBounds(a: Shape, b: Shape, path: string, out: Change[]): void {
  const tightened = (k: BoundKeyword, x: number | undefined, y: number | undefined): boolean | undefined => {
    if (x === y) return undefined;
    if (y === undefined) return false;
    if (x === undefined) return true;
    if (k === 'multipleOf') return !Number.isInteger(x / y);
    return (LOWER_BOUNDS as readonly string[]).includes(k) ? y > x : y < x;
  };
  for (const k of [...LOWER_BOUNDS, ...UPPER_BOUNDS, 'multipleOf'] as const) {
    const x = a.bounds?.[k];
    const y = b.bounds?.[k];
    const narrower = tightened(k, x, y);
    if (narrower === undefined) continue;
    const what =
      x === undefined ? `${k} ${y} added` : y === undefined ? `${k} ${x} removed` : `${k} changed from ${x} to ${y}`;
    change(
      out,
      narrower ? 'bound-tightened' : 'bound-loosened',
      narrower,
      path,
      narrower ? `${what}; it may reject values the old schema accepted` : what,
    );
  }
}

/**
 * How many other types name each type in a $ref: a shared definition (a min/max pair used by cores, memory…) is
 * compared first, under its own name, so a change to it is reported there and not under whichever user came first.
 */
function referrers(version: SchemaVersion): Map<string, string[]> {
  const texts = [...version.types].map(([name, loc]) => [name, JSON.stringify(loc.node)] as const);
  const out = new Map<string, string[]>();
  for (const name of version.types.keys()) {
    const needle = `/${escapeToken(name)}"`;
    out.set(
      name,
      texts.filter(([other, text]) => other !== name && text.includes(needle)).map(([other]) => other),
    );
  }
  return out;
}

/** Compares two versions; never throws. */
export function diffSchemas(oldPath: string, newPath: string): DiffResult & { problems: string[] } {
  const before = loadVersion(oldPath);
  const after = loadVersion(newPath);
  const changes: Change[] = [];
  const walk: Walk = { out: changes, seen: new Set(), tooDeep: [] };
  const usedBy = referrers(before);
  const order = [...before.types].sort(([x], [y]) => (usedBy.get(y)?.length ?? 0) - (usedBy.get(x)?.length ?? 0));
  for (const [name, loc] of order) {
    const other = after.types.get(name);
    if (!other) {
      change(changes, 'type-removed', true, name, 'type removed');
      continue;
    }
    compare(jsonShape(before.tree, [loc]), jsonShape(after.tree, [other]), name, walk, 0);
  }
  for (const name of after.types.keys())
    if (!before.types.has(name)) change(changes, 'type-added', false, name, 'type added');
  changes.push(...rootChanges(before, after, changes, walk));
  // A change reached through several types is reported once, under the shared type, saying who uses it.
  const unique = new Map<string, Change>();
  for (const c of changes) if (!unique.has(c.message)) unique.set(c.message, c);
  for (const c of unique.values()) {
    const users = usedBy.get(c.path.split('/')[0]!) ?? [];
    if (users.length > 0 && c.kind !== 'type-removed')
      c.message += ` (used by ${users.slice(0, 3).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''})`;
  }
  const list = [...unique.values()].sort(
    (x, y) => Number(y.breaking) - Number(x.breaking) || x.path.localeCompare(y.path),
  );
  return {
    changes: list,
    summary: {
      breaking: list.filter((c) => c.breaking).length,
      nonBreaking: list.filter((c) => !c.breaking).length,
      typesOld: before.types.size,
      typesNew: after.types.size,
    },
    tool: 'ebkit diff',
    version: TOOLKIT_VERSION,
    problems: [
      ...before.problems.map((p) => `OLD ${p}`),
      ...after.problems.map((p) => `NEW ${p}`),
      ...walk.tooDeep
        .slice(0, 1)
        .map(
          (p) =>
            `the schemas nest deeper than ${MAX_DIFF_DEPTH} levels (at ${p}${walk.tooDeep.length > 1 ? ` and ${walk.tooDeep.length - 1} more` : ''}); what lies deeper was not compared`,
        ),
    ],
  };
}

/**
 * Changes at the roots of files both versions have. A root is compared as the whole it validates (its types through
 * the `$ref`, and what stands beside it); what the comparison of those types already reported is not said again. A
 * file whose root was no schema and now is one is compared with the empty schema it was (it took any document).
 */
function rootChanges(before: SchemaVersion, after: SchemaVersion, typeChanges: Change[], walk: Walk): Change[] {
  const out: Change[] = [];
  for (const [name, other] of after.roots) {
    const file = before.rootless.get(name);
    const loc =
      before.roots.get(name) ?? (file !== undefined ? { node: {}, file, pointer: '/(no root schema)' } : undefined);
    if (!loc) continue;
    const found: Change[] = [];
    // Nested shapes the types' comparison reached are not compared again (walk.seen), so only the root's own
    // members and what lies beside its $ref come out; a member the types share is filtered by its change below.
    compare(jsonShape(before.tree, [loc]), jsonShape(after.tree, [other]), name, { ...walk, out: found }, 0);
    const typeNames = new Set([...rootTypeNames(after, other), ...rootTypeNames(before, loc)]);
    const known = new Set(
      typeChanges.flatMap((c) => {
        const type = c.path.split('/')[0]!;
        return typeNames.has(type) ? [`${c.kind}|${c.path.slice(type.length)}`] : [];
      }),
    );
    for (const c of found) if (!known.has(`${c.kind}|${c.path.slice(name.length)}`)) out.push(c);
  }
  return out;
}

export function diffText(result: DiffResult): string {
  const lines = result.changes.map(
    (c) => `${c.breaking ? 'BREAKING    ' : 'non-breaking'} ${c.kind.padEnd(18)} ${c.message}`,
  );
  lines.push(
    `${result.summary.breaking} breaking, ${result.summary.nonBreaking} non-breaking change(s) (${result.summary.typesOld} → ${result.summary.typesNew} types)`,
  );
  return lines.join('\n') + '\n';
}
