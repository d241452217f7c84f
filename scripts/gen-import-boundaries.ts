/**
 * Generates eslint.boundaries.js, the import-boundary part of the ESLint
 * configuration, from the "may import" table of ARCHITECTURE.md, so the table
 * is the one statement of the layering and the linter enforces exactly it.
 *
 * Each row names a module (`src/<name>` or `conformance/`) and what it may
 * import: backticked module names (`model`; `validate` (types) for type-only
 * imports), `nothing of ours but <files>`, `everything above but <a>/<b>`,
 * `everything in src/ but <a>` or `everything`. The paths listed after
 * "Top-level shared files:" may be imported by every module whose row does not
 * say "nothing of ours". Imports are relative, so each module gets one
 * `no-restricted-imports` block per folder depth, whose patterns climb exactly
 * to the repository's `src/`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, runGenerator, type Outputs } from './gen-lib.js';
import { ROOT } from './schema-io.js';

export const OUTPUT = 'eslint.boundaries.js';
/** Folder depth below a module for which blocks are written (src/validate/rules/<area>/x.ts is depth 2). */
const MAX_DEPTH = 5;
/** Folders at the repository root that production code (src/, conformance/) never imports. */
const NEVER = ['scripts', 'test', 'bench'];

export interface Row {
  /** `model`, `xml`, …, or `conformance`. */
  module: string;
  /** undefined: may import everything. */
  allowed?: { modules: string[]; typeOnly: string[]; files: string[] };
}

function ticks(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
}

function moduleName(cell: string): string {
  const name = ticks(cell)[0]?.replace(/\/$/, '');
  if (!name) throw new Error(`gen-import-boundaries: no module in "${cell}"`);
  return name.startsWith('src/') ? name.slice(4) : name;
}

/** Parses the "may import" table and the shared-files sentence of ARCHITECTURE.md. */
export function readTable(markdown: string): { rows: Row[]; shared: string[] } {
  const lines = markdown.split('\n');
  const head = lines.findIndex((l) => /^\|\s*module\s*\|\s*may import\s*\|/.test(l));
  if (head < 0) throw new Error('gen-import-boundaries: ARCHITECTURE.md has no "| module | may import |" table');
  const sharedLine = markdown.match(/Top-level shared files:([^]*?)\n\n/);
  const shared = sharedLine ? ticks(sharedLine[1] ?? '').filter((p) => p.startsWith('src/')) : [];
  const rows: Row[] = [];
  const leaves: string[] = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const [, left = '', right = ''] = line.split('|').map((c) => c.trim());
    const module = moduleName(left);
    const srcAbove = rows.map((r) => r.module).filter((m) => m !== 'conformance');
    let allowed: Row['allowed'];
    const but = (list: string[]): string[] => {
      const except = new Set(ticks(right.slice(right.indexOf(' but '))).flatMap((t) => t.split('/')));
      return list.filter((m) => !except.has(m));
    };
    if (/^everything$/.test(right)) allowed = undefined;
    // The table lists conformance/ last, so the rows above are every src module.
    else if (/^everything (above|in `src\/`) but /.test(right))
      allowed = { modules: but(srcAbove), typeOnly: [], files: shared };
    else if (/^nothing of ours but /.test(right)) allowed = { modules: [], typeOnly: [], files: ticks(right) };
    else if (/^nothing of ours\b/.test(right)) allowed = { modules: [], typeOnly: [], files: [] };
    else {
      const modules: string[] = [];
      const typeOnly: string[] = [];
      for (const part of right.split(',')) {
        const name = ticks(part)[0];
        if (!name) throw new Error(`gen-import-boundaries: cannot read "${right}" (row ${module})`);
        (/\(types\)/.test(part) ? typeOnly : modules).push(name);
      }
      allowed = { modules, typeOnly, files: shared };
    }
    rows.push({ module, ...(allowed ? { allowed } : {}) });
    if (/every module may import it/.test(right)) leaves.push(module);
  }
  // A leaf ("every module may import it") is allowed to every other row.
  for (const row of rows) {
    if (!row.allowed) continue;
    for (const leaf of leaves)
      if (leaf !== row.module && !row.allowed.modules.includes(leaf)) row.allowed.modules.push(leaf);
  }
  return { rows, shared };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching a relative import that climbs `up` folders and then names one of `targets`. */
function climbing(up: number, targets: string[]): string {
  return `^(\\.\\./){${up}}(${targets.map(escape).join('|')})(/|$)`;
}

export interface Block {
  files: string[];
  rules: {
    'no-restricted-imports': ['error', { patterns: { regex: string; message: string; allowTypeImports?: boolean }[] }];
  };
}

/** The ESLint blocks for every restricted row, one per folder depth. */
export function boundaryBlocks(rows: Row[], srcFolders: string[], srcFiles: string[]): Block[] {
  const blocks: Block[] = [];
  const table = new Set(rows.map((r) => r.module));
  const missing = srcFolders.filter((f) => !table.has(f));
  if (missing.length > 0)
    throw new Error(
      `gen-import-boundaries: src/${missing.join(', src/')} has no row in ARCHITECTURE.md's "may import" table`,
    );
  for (const row of rows) {
    const { allowed } = row;
    if (!allowed) continue;
    const inSrc = row.module !== 'conformance';
    const others = rows.map((r) => r.module).filter((m) => m !== row.module && m !== 'conformance');
    const deniedModules = others.filter(
      (m) => !allowed.modules.includes(m) && !allowed.typeOnly.includes(m) && !allowed.files.includes(`src/${m}/`),
    );
    const deniedFiles = srcFiles
      .filter((f) => !allowed.files.includes(`src/${f}`))
      .map((f) => f.replace(/\.ts$/, '.js'));
    const may =
      [...allowed.modules, ...allowed.typeOnly.map((m) => `${m} (types only)`), ...allowed.files].join(', ') ||
      'nothing of ours';
    const message = `${inSrc ? `src/${row.module}` : row.module + '/'} may import ${may} (ARCHITECTURE.md, "may import" table; regenerate with npm run gen:import-boundaries)`;
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      // From src/<m>/<depth folders>/x.ts, depth + 1 `../` reach src/ and depth + 2 the root;
      // from conformance/<depth folders>/x.ts, depth + 1 reach the root (and src/ is named).
      const toRoot = inSrc ? depth + 2 : depth + 1;
      const toSrc = inSrc ? depth + 1 : toRoot;
      const prefix = inSrc ? '' : 'src/';
      const patterns: { regex: string; message: string; allowTypeImports?: boolean }[] = [];
      const targets = [...deniedModules, ...deniedFiles].map((t) => prefix + t);
      if (targets.length > 0) patterns.push({ regex: climbing(toSrc, targets), message });
      if (allowed.typeOnly.length > 0) {
        patterns.push({
          regex: climbing(
            toSrc,
            allowed.typeOnly.map((t) => prefix + t),
          ),
          message,
          allowTypeImports: true,
        });
      }
      patterns.push({
        regex: climbing(toRoot, inSrc ? ['conformance', ...NEVER] : NEVER),
        message: `${message}; never scripts/, test/ or bench/`,
      });
      const folder = inSrc ? `src/${row.module}` : row.module;
      blocks.push({
        files: [`${folder}/${'*/'.repeat(depth)}*.ts`],
        rules: { 'no-restricted-imports': ['error', { patterns }] },
      });
    }
  }
  return blocks;
}

export function renderBoundaries(markdown: string, srcFolders: string[], srcFiles: string[]): string {
  const { rows } = readTable(markdown);
  return [
    '// Generated by scripts/gen-import-boundaries.ts from the "may import" table of ARCHITECTURE.md; do not edit.',
    '// Run `npm run gen:import-boundaries`. Imported by eslint.config.js.',
    '',
    `export default ${JSON.stringify(boundaryBlocks(rows, srcFolders, srcFiles), null, 2)};`,
    '',
  ].join('\n');
}

function treeFacts(): { markdown: string; folders: string[]; files: string[] } {
  const src = join(ROOT, 'src');
  const entries = readdirSync(src).sort();
  return {
    markdown: readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'),
    folders: entries.filter((n) => statSync(join(src, n)).isDirectory()),
    files: entries.filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts')),
  };
}

/** The blocks eslint.boundaries.js holds, made from ARCHITECTURE.md and the tree as they are now. */
export function currentBlocks(): Block[] {
  const { markdown, folders, files } = treeFacts();
  return boundaryBlocks(readTable(markdown).rows, folders, files);
}

/** Every file this generator owns. */
export function outputs(): Outputs {
  const { markdown, folders, files } = treeFacts();
  return new Map([[OUTPUT, renderBoundaries(markdown, folders, files)]]);
}

if (isMain(import.meta.url)) runGenerator('gen:import-boundaries', outputs);
