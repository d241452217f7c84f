import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { parseSpecYaml } from './yaml.js';
import { DEFAULT_MAX_BYTES } from '../parse/types.js';
import { parse } from '../parse/index.js';
import { errorMessage, escapeToken, isObject, unescapeToken } from '../util/index.js';

/**
 * A set of JSON Schema / OpenAPI files loaded once, with `$ref` resolution across files
 * (relative paths, `$id` URLs and JSON Pointers). Used by drift, lint-spec and diff.
 */
export interface Loc {
  node: unknown;
  /** Absolute path of the file holding the node. */
  file: string;
  /** JSON Pointer of the node inside its file. */
  pointer: string;
}

export function nodeAt(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root;
  let cur: unknown = root;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const token = unescapeToken(decodeURIComponent(raw));
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, token) ? cur[token] : undefined;
    else return undefined;
  }
  return cur;
}

/** A $ref that names a URL (a scheme before a colon), not a path. */
export const isUrlRef = (ref: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(ref);

/** The real path of `abs`, or of its nearest existing ancestor joined with the rest (a file not there yet). */
function realPathOf(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPathOf(parent), basename(abs));
  }
}

/** True when the real path `real` is the directory `root` or inside it. */
function isWithin(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * JSON.parse, whose error says where rather than quoting the text (V8's "Unexpected token 'T', "TOKEN=ghp_"... is
 * not valid JSON" printed the start of whatever file a path named): the document parser's finding, with its line.
 */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const bad = parse(text, { format: 'json' }).findings.find((f) => f.level === 'error');
    const at = bad?.line !== undefined ? ` at line ${bad.line}, column ${bad.column ?? 1}` : '';
    throw new Error(`${bad?.message.replace(/\.$/, '') ?? 'The JSON is not well-formed'}${at}`);
  }
}

/** The most a schema file may hold: the limit of every other document reader. */
export const MAX_SCHEMA_FILE_BYTES = DEFAULT_MAX_BYTES;

export class SchemaTree {
  readonly files = new Map<string, unknown>();
  /** Files that could not be read or parsed, with the reason. */
  readonly broken = new Map<string, string>();
  /** Files left unread because they are outside `confine` (the path named, or where a symlink leads). */
  readonly outside = new Set<string>();
  /** Set when a loader stopped at its file cap with $refs left to follow. */
  capped = false;
  private readonly byId = new Map<string, string>();

  /**
   * `confine`: the real path of the only directory files are read from (a foreign tree's: its $refs are hostile and
   * may name /etc/passwd or ../secrets.yaml); unset, any file a $ref names is read.
   */
  constructor(readonly confine?: string) {}

  /** True when `abs` is inside `confine` (by its real path), or nothing is confined. */
  private inside(abs: string): boolean {
    return this.confine === undefined || isWithin(realPathOf(abs), this.confine);
  }

  /** Loads one file (JSON or YAML), once; returns its parsed content or undefined. */
  load(file: string): unknown {
    const abs = resolve(file);
    if (this.files.has(abs)) return this.files.get(abs);
    if (this.broken.has(abs) || this.outside.has(abs)) return undefined;
    if (!this.inside(abs)) {
      this.outside.add(abs);
      return undefined;
    }
    let value: unknown;
    try {
      // A schema file is read whole: one that is no regular file (a FIFO, /dev/zero) or is past the limit every
      // document reader keeps is refused before a byte is read.
      const info = statSync(abs);
      if (!info.isFile()) throw new Error('not a regular file');
      if (info.size > MAX_SCHEMA_FILE_BYTES)
        throw new Error(
          `${info.size} bytes, over the ${MAX_SCHEMA_FILE_BYTES / 1024 / 1024} MiB a schema file may have`,
        );
      const text = readFileSync(abs, 'utf8');
      value = extname(abs) === '.json' ? readJson(text) : parseSpecYaml(text, { maxAliasCount: 100 });
    } catch (err) {
      this.broken.set(abs, firstLine(err));
      return undefined;
    }
    this.files.set(abs, value);
    if (isObject(value) && typeof value['$id'] === 'string') this.byId.set(stripFragment(value['$id']), abs);
    return value;
  }

  /** Loads every *.json / *.yaml file in a directory (recursively); a symlink back into it is followed once. */
  loadDir(dir: string, opts: { within?: string } = {}, visited = new Set<string>()): void {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (err) {
      this.broken.set(resolve(dir), firstLine(err));
      return;
    }
    // `within`: the walk stays under this real directory; a symlink out of it (to /, to a secret) is named, not read.
    if (opts.within !== undefined && !isWithin(real, opts.within)) {
      this.outside.add(resolve(dir));
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch (err) {
        this.broken.set(resolve(path), firstLine(err));
        continue;
      }
      if (isDir) this.loadDir(path, opts, visited);
      else if (!/\.(json|ya?ml)$/.test(name)) continue;
      else if (opts.within !== undefined && !isWithin(realPathOf(path), opts.within)) this.outside.add(resolve(path));
      else this.load(path);
    }
  }

  /** Resolves `$ref` text found in `fromFile`; undefined when the target does not exist. */
  resolveRef(ref: string, fromFile: string): Loc | undefined {
    const hash = ref.indexOf('#');
    const filePart = hash >= 0 ? ref.slice(0, hash) : ref;
    const pointer = hash >= 0 ? ref.slice(hash + 1) : '';
    let file: string | undefined;
    if (filePart === '') file = fromFile;
    else if (isUrlRef(filePart)) {
      file = this.byId.get(filePart);
      // An $id URL whose last segment names a sibling file still resolves offline.
      if (!file) {
        const sibling = join(dirname(fromFile), basename(filePart));
        if (existsSync(sibling)) file = sibling;
      }
    } else file = resolve(dirname(fromFile), filePart);
    if (!file) return undefined;
    const root = this.load(file);
    if (root === undefined) return undefined;
    const node = nodeAt(root, pointer);
    return node === undefined ? undefined : { node, file, pointer };
  }
}

function stripFragment(id: string): string {
  const i = id.indexOf('#');
  return i >= 0 ? id.slice(0, i) : id;
}

/** Follows `$ref` chains (bounded) to the node that holds content. */
export function deref(tree: SchemaTree, loc: Loc, limit = 32): Loc | undefined {
  let cur: Loc | undefined = loc;
  for (let i = 0; cur && i < limit; i++) {
    const n: unknown = cur.node;
    if (!isObject(n) || typeof n['$ref'] !== 'string') return cur;
    // A $ref with siblings is kept: the siblings are part of the schema (2020-12).
    if (Object.keys(n).some((k) => k !== '$ref' && k !== 'description' && k !== 'title')) return cur;
    cur = tree.resolveRef(n['$ref'], cur.file);
  }
  return cur;
}

/** "file.schema.json#/$defs/X" for messages. */
export function label(loc: Loc): string {
  return `${basename(loc.file)}#${loc.pointer}`;
}

/** Calls `visit` on every object in a JSON tree, depth first, with its pointer (arrays are walked, not visited). */
export function eachNode(
  node: unknown,
  pointer: string,
  visit: (n: Record<string, unknown>, pointer: string) => void,
  depth = 0,
): void {
  if (depth > 200) return;
  if (Array.isArray(node)) node.forEach((v, i) => eachNode(v, `${pointer}/${i}`, visit, depth + 1));
  else if (isObject(node)) {
    visit(node, pointer);
    for (const [k, v] of Object.entries(node)) eachNode(v, `${pointer}/${escapeToken(k)}`, visit, depth + 1);
  }
}

/** Why a file or folder could not be read: the first line of the error. */
function firstLine(err: unknown): string {
  return errorMessage(err).split('\n')[0] ?? 'unreadable';
}
