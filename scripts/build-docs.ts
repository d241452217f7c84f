/**
 * Builds the static documentation site into docs-dist/ (`npm run docs`):
 *   index.html            start page
 *   spec/<chapter>.html   the standard's text, Mermaid diagrams drawn as inline SVG
 *   api.html              the API reference (redocly build-docs --inlineBundle, no CDN)
 *   library/              the library API (TypeDoc, from the types; when typedoc is installed)
 *   coverage.html         requirement → rules / checks / linters matrix
 *   examples/…            every example in YAML, JSON and XML, with the manifest's verdicts
 * Everything is self-contained: no page loads anything from the network. The build also ships in the
 * package (dist/scripts/), so `ebkit docs` builds the same site from an installed package.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Marked, type Tokens } from 'marked';
import { computeCoverage } from '../src/cli/commands/coverage.js';
import { coverageMarkdown } from '../src/spec-tools/coverage.js';
import { loadManifest, siblingPath, type ManifestExample } from './gen-examples.js';
import { stateDiagramSvg } from './docs-state-diagram.js';
import { packageRoot } from '../src/package-root.js';
import { escapeMarkup as esc } from '../src/util/index.js';
import { redoclyBin, REDOCLY_INSTALL_HINT } from '../src/spec-tools/redocly.js';
import { flowDiagramSvg, flowTitle, isFlowchart } from './docs-flow-diagram.js';
import { makeDirectories } from '../src/util/fs.js';

/** The checkout, or the installed package (this file then runs from dist/scripts/). */
const ROOT = packageRoot();
const SPEC = join(ROOT, 'spec');
const OPENAPI = join(ROOT, 'schema', 'openapi', 'execution-broker.yaml');

export interface BuildOptions {
  outDir?: string;
  /** Skip the Redoc API page (it takes a few seconds); the page then says how to build it. */
  skipApi?: boolean;
  /** Skip the TypeDoc library pages. */
  skipLibrary?: boolean;
  log?: (line: string) => void;
}

export interface BuildResult {
  outDir: string;
  pages: string[];
  /** Things that did not go as planned but did not stop the build (e.g. redocly failed). */
  warnings: string[];
}

const BLANK_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const CSS = `
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b2430;background:#fff}
header{background:#16324f;color:#fff;padding:.7rem 1.5rem}header a{color:#fff;margin-right:1.2rem;text-decoration:none}
header a.home{font-weight:600}main{max-width:62rem;margin:0 auto;padding:1rem 1.5rem 3rem}
pre{background:#f5f7fa;border:1px solid #dde3ea;padding:.7rem;overflow:auto;font-size:.85rem}
code{font-size:.9em}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
td,th{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top}th{background:#eef2f6}
.req{font-family:monospace;font-size:.85em;background:#e8f0fa;border-radius:3px;padding:0 .2em;text-decoration:none}
.ok{color:#176c2f}.bad{color:#a1261a}nav.toc{font-size:.9rem}figure{margin:1rem 0}
.state-diagram,.flow-diagram{max-width:100%;height:auto}.block-title{font-size:.85rem;color:#555;margin-bottom:-.6rem}
`;

function page(title: string, body: string, depth: number): string {
  const up = depth === 0 ? '' : '../'.repeat(depth);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ExecutionBroker 1.0</title><style>${CSS}</style></head>
<body><header><a class="home" href="${up}index.html">ExecutionBroker 1.0</a><a href="${up}spec/01-introduction.html">Specification</a><a href="${up}api.html">API reference</a><a href="${up}coverage.html">Coverage</a><a href="${up}examples/index.html">Examples</a></header>
<main>
${body}
</main></body></html>
`;
}

/** Maps a link of the Markdown sources to the page the site has for it. */
function rewriteHref(href: string, fromDir: string): string {
  if (/^[a-z]+:/i.test(href) || href.startsWith('#')) return href;
  const [path = '', hash] = href.split('#');
  let target = path;
  if (/^\d\d-.*\.md$/.test(path)) target = path.replace(/\.md$/, '.html');
  else if (path === 'requirements.yaml') target = '../coverage.html';
  else if (path === 'examples/manifest.yaml' || path === 'examples/') target = '../examples/index.html';
  else if (/^examples\/(valid|invalid)\/.*\.yaml$/.test(path)) target = `../${path.replace(/\.yaml$/, '.html')}`;
  else if (path.startsWith('examples/')) target = `../${path}`;
  void fromDir;
  return hash ? `${target}#${hash}` : target;
}

function markedFor(fromDir: string, svgTitle: string): Marked {
  const m = new Marked({ gfm: true });
  m.use({
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Heading): string {
        const html = this.parser.parseInline(token.tokens);
        return `<h${token.depth} id="${slugify(html)}">${html}</h${token.depth}>\n`;
      },
      code(token: Tokens.Code): string {
        const lang = token.lang ?? '';
        if (lang.startsWith('mermaid')) {
          const flow = isFlowchart(token.text);
          const title = flow ? (flowTitle(token.text) ?? svgTitle) : svgTitle;
          const svg = flow ? flowDiagramSvg(token.text, title) : stateDiagramSvg(token.text, title);
          return svg
            ? `<figure>${svg}<figcaption>${esc(title)} (drawn from the Mermaid source${flow ? '' : ' below the table'})</figcaption></figure>\n`
            : `<pre>${esc(token.text)}</pre>\n`;
        }
        const title = /title="([^"]*)"/.exec(lang)?.[1];
        const type = /type=(\w+)/.exec(lang)?.[1];
        const caption =
          title || type
            ? `<p class="block-title">${esc([title, type ? `(${type} document)` : ''].filter(Boolean).join(' '))}</p>\n`
            : '';
        return `${caption}<pre><code>${esc(token.text)}</code></pre>\n`;
      },
      link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Link): string {
        return `<a href="${esc(rewriteHref(token.href, fromDir))}">${this.parser.parseInline(token.tokens)}</a>`;
      },
    },
  });
  return m;
}

/** `[EB-OFF-01]` citations become links to the coverage row of that requirement. */
function linkCitations(html: string, up: string): string {
  return html.replace(
    /\[(EB-[A-Z]+-\d{2})\]/g,
    (_m, id: string) => `<a class="req" href="${up}coverage.html#${id.toLowerCase()}">${id}</a>`,
  );
}

function buildSpec(out: string, pages: string[]): { file: string; title: string }[] {
  const chapters = readdirSync(SPEC)
    .filter((n) => /^\d\d-.*\.md$/.test(n))
    .sort();
  mkdirSync(join(out, 'spec'), { recursive: true });
  const toc: { file: string; title: string }[] = [];
  for (const name of chapters) {
    const md = readFileSync(join(SPEC, name), 'utf8');
    const title = /^#\s+(.+)$/m.exec(md)?.[1] ?? name;
    const html = markedFor('spec', 'Session lifecycle').parse(md, { async: false });
    const file = `spec/${name.replace(/\.md$/, '.html')}`;
    writeFileSync(join(out, file), page(title, linkCitations(html, '../'), 1));
    pages.push(file);
    toc.push({ file, title });
  }
  return toc;
}

async function buildCoveragePage(out: string, pages: string[], warnings: string[]): Promise<void> {
  const { coverage, problems } = await computeCoverage();
  warnings.push(...problems.map((p) => `coverage: ${p}`));
  let body = '<h1 id="coverage">Requirement coverage</h1>\n';
  if (!coverage) {
    body += `<p class="bad">The matrix could not be computed: ${esc(problems.join('; '))}</p>`;
  } else {
    body +=
      '<p>Which validator rules, conformance checks, validator stages and spec linters test each requirement of <code>spec/requirements.yaml</code>. A MUST with none of them must be marked untestable, with the reason.</p>\n';
    let table = new Marked({ gfm: true }).parse(coverageMarkdown(coverage), { async: false });
    // Anchor each row so citations in the text can link to it.
    table = table.replace(
      /<tr>\n<td>(EB-[A-Z]+-\d{2})<\/td>/g,
      (_m, id: string) => `<tr id="${id.toLowerCase()}">\n<td>${id}</td>`,
    );
    body += table;
  }
  writeFileSync(join(out, 'coverage.html'), page('Coverage', body, 0));
  pages.push('coverage.html');
}

function exampleVerdict(e: ManifestExample): string {
  return e.valid
    ? '<span class="ok">valid</span>'
    : `<span class="bad">invalid</span>: ${e.expect.map((id) => `<a class="req" href="../../coverage.html#${id.toLowerCase()}">${id}</a>`).join(' ')}`;
}

function buildExamples(out: string, pages: string[]): void {
  const manifest = loadManifest(join(SPEC, 'examples'));
  const exDir = join(out, 'examples');
  mkdirSync(join(exDir, 'valid'), { recursive: true });
  mkdirSync(join(exDir, 'invalid'), { recursive: true });
  // The raw files too, so a reader can download exactly what the tests use.
  cpSync(join(SPEC, 'examples'), exDir, { recursive: true });
  const rows: string[] = [];
  for (const e of manifest.examples) {
    const src = join(SPEC, 'examples', e.file);
    if (!existsSync(src)) continue;
    const yamlText = readFileSync(src, 'utf8');
    const summary = yamlText
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#\s?/, ''))
      .join(' ');
    const base = e.file.split('/')[1] ?? e.file;
    const sections = e.formats.map((f) => {
      const rel = siblingPath(e.file, f);
      const path = join(SPEC, 'examples', rel);
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '(not generated yet: run npm run gen:examples)';
      const fileName = rel.split('/')[1] ?? rel;
      return `<h2 id="${f}">${f.toUpperCase()} <small><a href="${esc(fileName)}">${esc(fileName)}</a></small></h2>\n<pre><code>${esc(text)}</code></pre>`;
    });
    const body = `<h1 id="example">${esc(base)}</h1>
<p>${esc(summary)}</p>
<p>Type: <b>${e.type}</b> — ${exampleVerdict(e)}${e.usecase ? ` — use case <i>${esc(e.usecase)}</i>` : ''}</p>
<nav class="toc">${e.formats.map((f) => `<a href="#${f}">${f.toUpperCase()}</a>`).join(' · ')}</nav>
${sections.join('\n')}`;
    const file = `examples/${e.file.replace(/\.yaml$/, '.html')}`;
    writeFileSync(join(out, file), page(base, body, 2));
    pages.push(file);
    rows.push(
      `<tr><td><a href="${esc(e.file.replace(/\.yaml$/, '.html'))}">${esc(e.file)}</a></td><td>${e.type}</td><td>${exampleVerdict(e).replace(/\.\.\/\.\.\//g, '../')}</td><td>${esc(summary)}</td></tr>`,
    );
  }
  const compare = manifest.compare
    .map(
      (c) =>
        `<tr><td><a href="${esc(c.request.replace(/\.yaml$/, '.html'))}">${esc(c.request)}</a></td><td><a href="${esc(c.offerset.replace(/\.yaml$/, '.html'))}">${esc(c.offerset)}</a></td><td>${c.expect.length ? c.expect.map((id) => `<a class="req" href="../coverage.html#${id.toLowerCase()}">${id}</a>`).join(' ') : '<span class="ok">meets the request</span>'}</td></tr>`,
    )
    .join('\n');
  const body = `<h1 id="examples">Examples</h1>
<p>${manifest.examples.filter((e) => e.valid).length} valid and ${manifest.examples.filter((e) => !e.valid).length} invalid documents, each in YAML (the source), JSON and XML. The <a href="manifest.yaml">manifest</a> is language-neutral: any validator can test itself against it.</p>
<table><thead><tr><th>File</th><th>Type</th><th>Verdict</th><th>What it shows</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<h2 id="compare">Request and offer-set pairs</h2>
<table><thead><tr><th>Request</th><th>Offer set</th><th>Comparing them reports</th></tr></thead><tbody>
${compare}
</tbody></table>`;
  writeFileSync(join(exDir, 'index.html'), page('Examples', body, 1));
  pages.push('examples/index.html');
}

async function buildApi(out: string, opts: BuildOptions, pages: string[], warnings: string[]): Promise<void> {
  const target = join(out, 'api.html');
  const fallback = (why: string): void => {
    warnings.push(`api: ${why}`);
    writeFileSync(
      target,
      page(
        'API reference',
        `<h1 id="api">API reference</h1><p>The Redoc page was not built (${esc(why)}). The OpenAPI description is <a href="openapi/execution-broker.yaml">execution-broker.yaml</a>.</p>`,
        0,
      ),
    );
  };
  mkdirSync(join(out, 'openapi'), { recursive: true });
  if (existsSync(OPENAPI)) cpSync(OPENAPI, join(out, 'openapi', 'execution-broker.yaml'));
  if (opts.skipApi) return fallback('skipped on request');
  if (!existsSync(OPENAPI)) return fallback('schema/openapi/execution-broker.yaml is missing');
  const bin = redoclyBin();
  if (bin === undefined) return fallback(`@redocly/cli is not installed; ${REDOCLY_INSTALL_HINT}`);
  try {
    await promisify(execFile)(process.execPath, [bin, 'build-docs', OPENAPI, '--inlineBundle', '-o', target], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    return fallback(`redocly build-docs failed: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
  // Even the inline bundle fetches the "powered by" logo from a CDN; a site that must work offline
  // gets a blank inline image instead.
  const html = readFileSync(target, 'utf8').replace(
    /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g,
    BLANK_SVG,
  );
  writeFileSync(target, html);
  pages.push('api.html');
}

/** TypeDoc's loader, or undefined when typedoc (a devDependency) is not installed. */
async function loadTypedoc(): Promise<typeof import('typedoc') | undefined> {
  try {
    return await import('typedoc');
  } catch {
    return undefined;
  }
}

/**
 * The library API, generated from the types by TypeDoc into library/: from src/index.ts in the checkout,
 * from the shipped declarations (dist/src/index.d.ts) in an installed package.
 */
async function buildLibrary(out: string, opts: BuildOptions, pages: string[], warnings: string[]): Promise<boolean> {
  if (opts.skipLibrary) return false;
  const typedoc = await loadTypedoc();
  if (!typedoc) {
    warnings.push(
      'library: typedoc is not installed (npm install typedoc@0.28.20), so the library API pages were not built',
    );
    return false;
  }
  const fromSource = existsSync(join(ROOT, 'src', 'index.ts')) && existsSync(join(ROOT, 'tsconfig.json'));
  const entry = fromSource ? join(ROOT, 'src', 'index.ts') : join(ROOT, 'dist', 'src', 'index.d.ts');
  try {
    const app = await typedoc.Application.bootstrapWithPlugins({
      entryPoints: [entry],
      ...(fromSource
        ? { tsconfig: join(ROOT, 'tsconfig.json') }
        : {
            compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, types: ['node'] },
          }),
      name: 'execution-broker-toolkit',
      readme: 'none',
      skipErrorChecking: true,
      excludePrivate: true,
      excludeInternal: true,
      disableSources: true,
      logLevel: 'Error',
      validation: { notExported: false, invalidLink: false, notDocumented: false },
    });
    const project = await app.convert();
    if (!project) throw new Error('TypeDoc could not convert the entry point');
    await app.generateDocs(project, join(out, 'library'));
    // TypeDoc's pages point their icons at assets/icons.svg, which a browser refuses from file:// (one console
    // error per icon); assets/icons.js puts the same sprite into each page, so the in-page reference suffices.
    for (const file of readdirSync(join(out, 'library'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.html'),
    )) {
      const path = join(out, 'library', file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/href="(?:\.\.\/)*assets\/icons\.svg#/g, 'href="#'));
    }
  } catch (err) {
    warnings.push(`library: TypeDoc failed: ${(err as Error).message.split('\n')[0] ?? ''}`);
    return false;
  }
  pages.push('library/index.html');
  return true;
}

/** Builds the whole site; never throws for a missing optional part (it becomes a warning). */
export async function buildDocs(opts: BuildOptions = {}): Promise<BuildResult> {
  const out = resolve(opts.outDir ?? join(ROOT, 'docs-dist'));
  rmSync(out, { recursive: true, force: true });
  makeDirectories(out);
  const pages: string[] = [];
  const warnings: string[] = [];
  const toc = buildSpec(out, pages);
  await buildCoveragePage(out, pages, warnings);
  buildExamples(out, pages);
  await buildApi(out, opts, pages, warnings);
  const library = await buildLibrary(out, opts, pages, warnings);
  const index = `<h1 id="top">ExecutionBroker 1.0</h1>
<p>An IVOA standard for asking execution platforms where, and when, a piece of software could run — and for accepting one of their offers.</p>
<h2 id="specification">Specification</h2>
<ol>${toc.map((c) => `<li><a href="${c.file}">${esc(c.title.replace(/^\d+\s+/, ''))}</a></li>`).join('')}</ol>
<h2 id="more">Reference</h2>
<ul><li><a href="api.html">API reference</a> (from the OpenAPI description)</li>
${library ? '<li><a href="library/index.html">Library API</a>: the TypeScript package, from its types</li>' : ''}
<li><a href="coverage.html">Requirement coverage</a>: which rules and checks test each requirement</li>
<li><a href="examples/index.html">Examples</a> in YAML, JSON and XML</li></ul>`;
  writeFileSync(join(out, 'index.html'), page('Home', index, 0));
  pages.unshift('index.html');
  opts.log?.(`docs: ${pages.length} pages in ${relative(ROOT, out) || out}`);
  for (const w of warnings) opts.log?.(`docs: warning: ${w}`);
  return { outDir: out, pages, warnings };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildDocs({ skipApi: process.argv.includes('--skip-api'), log: (l) => process.stdout.write(`${l}\n`) }).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`docs: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
