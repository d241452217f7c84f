import type { DocumentType } from '../findings.js';
import { KNOWN_KINDS } from './known-kinds.js';
import { isObject, type JsonRecord } from '../util/index.js';
import { KIND_BASE } from '../model/index.js';

/**
 * Kind URIs of older document generations (DOMAIN.md §0): recognised so a
 * finding can name the generation and the 1.0 URI instead of a bare
 * "unknown kind".
 */

export interface OlderKind {
  /** Which generation the URI belongs to, in words. */
  readonly generation: string;
  /** The 1.0 kind URI to use instead, when one exists. */
  readonly replacement: string | undefined;
}

/** Old names whose 1.0 name differs beyond the version suffix. */
const RENAMED: Record<string, string> = {
  'computer/simple-compute-resource': 'compute/simple-compute-resource',
  'executable/oci-container': 'executable/docker-container',
  'session/execution-session-response': 'session/simple-execution-session',
  'session/scheduled-execution-session': 'session/scheduled-execution-session',
};

const EXECUTABLE_NAMES: Record<string, string> = {
  'docker-container': 'executable/docker-container',
  'oci-container': 'executable/docker-container',
  'singularity-container': 'executable/singularity-container',
  'jupyter-notebook': 'executable/jupyter-notebook',
};

function replacementFor(path: string): string | undefined {
  const renamed = RENAMED[path] ?? path;
  return known(`${KIND_BASE}${renamed}.yaml`);
}

function known(uri: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(KNOWN_KINDS, uri) ? uri : undefined;
}

const PATTERNS: { re: RegExp; generation: string; replacement: (m: RegExpExecArray) => string | undefined }[] = [
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/EB\/schema\/v1\.0\/types\/([^/]+)\/([^/]+?)(?:-\d+\.\d+)?$/,
    generation: 'the 2025-11 to 2026-05 generation (…/EB/schema/v1.0/types/…)',
    replacement: (m) => replacementFor(`${m[1]}/${m[2]}`),
  },
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/EB\/schema\/types\/([^/]+)\/([^/]+?)(?:-\d+\.\d+)?$/,
    generation: 'the 2025-04 to 2025-10 generation (…/EB/schema/types/…)',
    replacement: (m) => replacementFor(`${m[1]}/${m[2]}`),
  },
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/executable-types\/([^/]+?)(?:-\d+\.\d+)?$/,
    generation: 'the 2025-04 draft text (…/executable-types/…)',
    replacement: (m) => replacementFor(EXECUTABLE_NAMES[m[1]!] ?? `executable/${m[1]}`),
  },
  {
    re: /^uri:([a-z-]+?)-\d+\.\d+$/,
    generation: 'the 2025-04 draft text (uri:<name>-1.0)',
    replacement: (m) => replacementFor(EXECUTABLE_NAMES[m[1]!] ?? `executable/${m[1]}`),
  },
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/Calycopis-openapi\/schema\/v1\.0\/kinds\/computer\/([^/]+?)\.yaml$/,
    generation: 'the reference broker’s misspelt compute family (…/kinds/computer/…)',
    replacement: (m) => replacementFor(`computer/${m[1]}`),
  },
  {
    // The 2024 broker named options and updates urn:…; 1.0 says uri:… (DOMAIN.md §5.7).
    re: /^urn:((?:string|enum|integer)-value|integer-delta)-(update|option)$/,
    generation: 'the 2024 reference broker (urn:…-update / urn:…-option)',
    replacement: (m) => known(`uri:${m[1]}-${m[2]}`),
  },
];

/** Recognises a kind URI of an older generation; undefined for anything else. */
export function olderKind(kind: string): OlderKind | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(kind);
    if (m) return { generation: p.generation, replacement: p.replacement(m) };
  }
  return undefined;
}

/** The offer-set kind the reference broker sends; the schema defines no offer-set kind (DOMAIN.md §3.1). */
export const BROKER_OFFERSET_KIND = `${KIND_BASE}offerset/execution-offerset.yaml`;

/** An offer-set kind of any generation (…/offerset/<name>); only offer sets carry one. */
export const OFFERSET_KIND = /\/offerset\/[^/]+$/;

const DRAFT_TEXT = 'the 2025-04 draft text';

/** Root keys that wrapped a whole document in earlier generations, and the type they wrap. */
const WRAPPERS: Readonly<Record<string, { type: DocumentType; generation: string }>> = {
  request: { type: 'request', generation: DRAFT_TEXT },
  response: { type: 'offerset', generation: DRAFT_TEXT },
  offer: { type: 'session', generation: DRAFT_TEXT },
  update: { type: 'update', generation: 'the 2025-10 intermediate schema (UpdateRequest)' },
};

export interface Wrapped {
  /** The wrapping root key, e.g. `request`. */
  readonly key: string;
  readonly inner: JsonRecord;
  readonly type: DocumentType;
  readonly generation: string;
}

/**
 * A document whose only member is a wrapper key holding a mapping (`{request: {…}}`);
 * 1.0 documents have no wrapper. Undefined for anything else.
 */
export function wrapperOf(value: unknown): Wrapped | undefined {
  if (!isObject(value)) return undefined;
  // Runs on every document: count members without building a key list.
  let key: string | undefined;
  for (const k in value) {
    if (key !== undefined) return undefined;
    key = k;
  }
  if (key === undefined) return undefined;
  const w = Object.prototype.hasOwnProperty.call(WRAPPERS, key) ? WRAPPERS[key] : undefined;
  const inner = value[key];
  return w && isObject(inner) ? { key, inner, type: w.type, generation: w.generation } : undefined;
}

/** Older member names and where 1.0 puts the same information, per document root. */
export const OLDER_ROOT_MEMBERS: Readonly<Partial<Record<DocumentType, Readonly<Record<string, string>>>>> = {
  request: {
    volumes:
      'a top-level "volumes" list is the shape of the 2025-11 to 2026-05 generation (tests/curl); 1.0 puts volume mounts in compute.volumes, each naming one storage or data resource in "resource"',
  },
  offerset: {
    reasons:
      '"reasons" ([{path, text}]) is how the 2025-04 draft text explained a NO; 1.0 puts the explanations in meta.messages',
  },
};

/**
 * Whether `key` of a message item is the 2024 reference broker's `type` (the 1.0 `kind`): older-generation names it
 * (EB-DM-07), so it is no unknown member of the item as well.
 */
export function isOlderMessageMember(item: Readonly<Record<string, unknown>>, key: string): boolean {
  return key === 'type' && item.kind === undefined && typeof item.type === 'string';
}
