import { KNOWN_KINDS } from './known-kinds.js';

/**
 * Kind URIs of older document generations (DOMAIN.md §0): recognised so a
 * finding can name the generation and the 1.0 URI instead of a bare
 * "unknown kind".
 */
export const KIND_BASE = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/';

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
  const uri = `${KIND_BASE}${renamed}.yaml`;
  return uri in KNOWN_KINDS ? uri : undefined;
}

const PATTERNS: { re: RegExp; generation: string; path: (m: RegExpExecArray) => string }[] = [
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/EB\/schema\/v1\.0\/types\/([^/]+)\/([^/]+?)(?:-\d+\.\d+)?$/,
    generation: 'the 2025-11 to 2026-05 generation (…/EB/schema/v1.0/types/…)',
    path: (m) => `${m[1]}/${m[2]}`,
  },
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/EB\/schema\/types\/([^/]+)\/([^/]+?)(?:-\d+\.\d+)?$/,
    generation: 'the 2025-04 to 2025-10 generation (…/EB/schema/types/…)',
    path: (m) => `${m[1]}/${m[2]}`,
  },
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/executable-types\/([^/]+?)(?:-\d+\.\d+)?$/,
    generation: 'the 2025-04 draft text (…/executable-types/…)',
    path: (m) => EXECUTABLE_NAMES[m[1]!] ?? `executable/${m[1]}`,
  },
  {
    re: /^uri:([a-z-]+?)-\d+\.\d+$/,
    generation: 'the 2025-04 draft text (uri:<name>-1.0)',
    path: (m) => EXECUTABLE_NAMES[m[1]!] ?? `executable/${m[1]}`,
  },
  {
    re: /^https?:\/\/www\.purl\.org\/ivoa\.net\/Calycopis-openapi\/schema\/v1\.0\/kinds\/computer\/([^/]+?)\.yaml$/,
    generation: 'the reference broker’s misspelt compute family (…/kinds/computer/…)',
    path: (m) => `computer/${m[1]}`,
  },
];

/** Recognises a kind URI of an older generation; undefined for anything else. */
export function olderKind(kind: string): OlderKind | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(kind);
    if (m) return { generation: p.generation, replacement: replacementFor(p.path(m)) };
  }
  return undefined;
}
