/**
 * Issue 12: the package as a user gets it. The checkout is packed, the tarball installed into a fresh temporary
 * project (once, for every test here), and each promise of the README is exercised from there: the library
 * API in ESM and under `tsc --strict`, the bundled OpenAPI with Prism and openapi-typescript, the schemas
 * offline, every command, an install without the native SQLite module or redocly, the GitHub Action, and
 * `validate` batches with an unreadable file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cannedServer,
  cleanup,
  codeBlocks,
  ebkit,
  fixedFreePort,
  packAndInstall,
  ROOT,
  run,
  startLongRunning,
  stop,
  type Installed,
} from './helpers.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

let pkg: Installed;

beforeAll(async () => {
  pkg = await packAndInstall();
}, 300_000);

afterAll(() => cleanup(pkg));

/** Writes a file into the consumer project and returns its path. */
function write(rel: string, text: string): string {
  const path = join(pkg.project, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Every `// prints: …` line of a snippet must appear in what it printed. */
function expectPrints(snippet: string, stdout: string): void {
  const wanted = [...snippet.matchAll(/^\/\/ prints: (.*)$/gm)].map((m) => m[1]!);
  expect(wanted.length).toBeGreaterThan(0);
  for (const w of wanted) expect(stdout).toContain(w);
}

describe('the tarball', () => {
  it('holds LICENSE and every file the README and --help name, and no tests or sources', () => {
    for (const f of [
      'LICENSE',
      'README.md',
      'ARCHITECTURE.md',
      'broker.example.yaml',
      'conformance/README.md',
      // `ebkit aggregate --help` sends the reader there for the --config format.
      'src/aggregator/README.md',
      'action.yml',
      'action/run.mjs',
      'redocly.yaml',
      'schema/openapi/execution-broker.bundled.yaml',
      'schema/openapi/execution-broker.yaml',
      'schema/registry.json',
      'schema/xsd/execution-broker.xsd',
      'spec/requirements.yaml',
      'spec/examples/manifest.yaml',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/scripts/build-docs.js',
    ])
      expect(pkg.files, f).toContain(f);
    expect(
      pkg.files.filter((f) =>
        /^test\/|(^|\/)fixtures\/|\.test\.|^src\/(?!aggregator\/README\.md$)|^scripts\/|^bench\/|^conformance\/(?!README\.md$)|^dist\/conformance\/(variants\/|faults\.)/.test(
          f,
        ),
      ),
    ).toEqual([]);
    expect(pkg.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    // The CLI bundle's source map holds the whole source and its bundled dependencies (2.3 MB): the clone's, for
    // debugging the bundle, not the package's.
    expect(pkg.files).toContain('dist/src/cli/ebkit.cjs');
    expect(pkg.files).not.toContain('dist/src/cli/ebkit.cjs.map');
    // Figures for the report (npm pack --json): they are printed, not asserted (sizes are not behaviour).
    console.log(
      `package: ${pkg.files.length} files, tarball ${(pkg.size / 1024).toFixed(1)} kB, unpacked ${(pkg.unpackedSize / 1024 / 1024).toFixed(2)} MB`,
    );
  });

  it('typesVersions (for moduleResolution node10) names the types file of every exports subpath, and no other', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { types?: string }>;
      typesVersions: { '*': Record<string, string[]> };
    };
    const fromExports = Object.fromEntries(
      Object.entries(manifest.exports).flatMap(([k, v]) =>
        k !== '.' && typeof v === 'object' && v.types ? [[k.slice(2), [v.types.slice(2)]]] : [],
      ),
    );
    expect(manifest.typesVersions['*']).toEqual(fromExports);
  });

  it('installs on Node 20 without an EBADENGINE warning', () => {
    expect(pkg.installLog).not.toMatch(/EBADENGINE/);
  });
});

describe('1. library API from the package name', () => {
  it('every export is there in ESM, from the root and from each subpath', async () => {
    const script = write(
      'exports.mjs',
      `import * as root from 'execution-broker-toolkit';
import * as types from 'execution-broker-toolkit/types';
import * as parseMod from 'execution-broker-toolkit/parse';
import * as validateMod from 'execution-broker-toolkit/validate';
import * as report from 'execution-broker-toolkit/report';
import * as client from 'execution-broker-toolkit/client';
import * as broker from 'execution-broker-toolkit/broker';
import * as aggregator from 'execution-broker-toolkit/aggregator';
import * as conformance from 'execution-broker-toolkit/conformance';
import * as schemas from 'execution-broker-toolkit/schemas';
import request from 'execution-broker-toolkit/schema/json/request.schema.json' with { type: 'json' };
const want = {
  root: ['parse', 'validate', 'validateBytes', 'compare', 'writeText', 'writeJson', 'writeJUnit', 'writeSarif', 'renderHtml', 'renderBadge', 'writeBadgeJson',
    'BrokerClient', 'HttpClient', 'createBroker', 'startBroker', 'runConformance', 'ALL_CHECKS', 'writeJunitReport', 'REQUIREMENTS', 'requirementById',
    'KINDS', 'OPTION_KINDS', 'UPDATE_KINDS', 'KINDS_BY_TYPE', 'TOOLKIT_ERROR_CODES', 'serialize', 'loadSchemas', 'conformanceReportSchema',
    'createAggregator', 'startAggregator'],
  types: ['KINDS', 'OPTION_KINDS', 'UPDATE_KINDS', 'KINDS_BY_TYPE'],
  parseMod: ['parse'], validateMod: ['validate', 'validateBytes', 'compare', 'defineRule', 'defaultRules'],
  report: ['writeText', 'writeJson', 'writeJUnit', 'validationJUnit', 'writeSarif', 'renderHtml', 'renderBadge', 'writeBadgeJson', 'writeJunitReport', 'badgeEndpoint'],
  client: ['BrokerClient', 'HttpClient'], broker: ['createBroker', 'startBroker', 'ManualClock'],
  aggregator: ['createAggregator', 'startAggregator', 'loadAggregatorConfigFile', 'AggregatorConfigError'],
  conformance: ['runConformance', 'ALL_CHECKS', 'CHECK_CLASSES', 'writeJunitReport', 'renderHtml', 'renderBadge', 'writeBadgeJson'],
  schemas: ['loadSchemas', 'schemaFiles', 'conformanceReportSchema'],
};
const mods = { root, types, parseMod, validateMod, report, client, broker, aggregator, conformance, schemas };
const missing = Object.entries(want).flatMap(([m, names]) => names.filter((n) => mods[m][n] === undefined).map((n) => m + '.' + n));
console.log(JSON.stringify({ missing, requirements: root.REQUIREMENTS.length, requestId: request.$id, checks: root.ALL_CHECKS.length }));
`,
    );
    const r = await run(process.execPath, [script], { cwd: pkg.project });
    expect(r.stderr).not.toMatch(/Error/);
    const out = JSON.parse(r.stdout) as { missing: string[]; requirements: number; requestId: string; checks: number };
    expect(out.missing).toEqual([]);
    expect(out.requirements).toBeGreaterThan(50);
    expect(out.checks).toBeGreaterThan(20);
    expect(out.requestId).toMatch(/request\.schema\.json$/);
  });

  it('CommonJS can require() the root and a subpath (Node loads ESM from require, as the README says)', async () => {
    const script = write(
      'require.cjs',
      `const root = require('execution-broker-toolkit');
const { validate } = require('execution-broker-toolkit/validate');
const r = validate({ executable: 42 }, { type: 'request' });
console.log(JSON.stringify({ parse: typeof root.parse, valid: r.valid, errors: r.findings.filter((f) => f.level === 'error').length }));
`,
    );
    const r = await run(process.execPath, [script], { cwd: pkg.project });
    expect(r.stderr).not.toMatch(/Error/);
    expect(JSON.parse(r.stdout)).toMatchObject({ parse: 'function', valid: false });
    expect((JSON.parse(r.stdout) as { errors: number }).errors).toBeGreaterThan(0);
  });

  it('the README snippets run as written', async () => {
    const sections = ['## Use it as a library', '### Schemas offline, in an editor'];
    const snippets = sections.flatMap((h) => codeBlocks(README, h)).filter((b) => b.lang === 'js');
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    for (const [i, s] of snippets.entries()) {
      const r = await run(process.execPath, [write(`snippet-${i}.mjs`, s.text)], {
        cwd: pkg.project,
        timeoutMs: 90_000,
      });
      expect(r.stderr, s.text).toBe('');
      expect(r.code, s.text).toBe(0);
      expectPrints(s.text, r.stdout);
    }
  }, 120_000);

  it('a consumer compiles with tsc --strict: the README type snippet and every document type', async () => {
    const readmeTs = codeBlocks(README, '## Use it as a library').filter((b) => b.lang === 'ts');
    expect(readmeTs).toHaveLength(1);
    write('src/readme.ts', readmeTs[0]!.text);
    write(
      'src/consumer.ts',
      `import { KINDS, parse, validate, compare, createBroker, runConformance, BrokerClient, REQUIREMENTS, writeText, phaseUpdate, type ValidationResult, type RunReport, type Finding } from 'execution-broker-toolkit';
import type { ExecutionRequest, OfferSetResponse, AbstractExecutionSession, SimpleExecutionSession, ScheduledExecutionSession, AbstractUpdate, EnumValueUpdate,
  AbstractExecutable, JupyterNotebook, DockerContainer, AbstractComputeResource, AbstractStorageResource, AbstractDataResource, AbstractOption, AbstractCostItem,
  AbstractMetricItem, ErrorResponse, MessageItem } from 'execution-broker-toolkit/types';
import { startBroker, type BrokerOptions } from 'execution-broker-toolkit/broker';
import { ALL_CHECKS, type CheckResult } from 'execution-broker-toolkit/conformance';
import { startAggregator, type AggregatorOptions, type RunningAggregator } from 'execution-broker-toolkit/aggregator';

const notebook: JupyterNotebook = { kind: KINDS.JupyterNotebook, location: 'https://example.org/n.ipynb' };
const request: ExecutionRequest = { executable: notebook };
const result: ValidationResult = validate(parse('{}', { format: 'json' }), { type: 'request' });
const findings: Finding[] = [...result.findings, ...compare(request, {} as OfferSetResponse)];
function phaseOf(s: AbstractExecutionSession): string | undefined { return s.phase; }
const u: AbstractUpdate = { kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' } satisfies EnumValueUpdate;
// The update the library builds is one BrokerClient.update takes as it is.
const accept: AbstractUpdate = phaseUpdate('ACCEPTED');
const parts: [AbstractExecutable?, DockerContainer?, AbstractComputeResource?, AbstractStorageResource?, AbstractDataResource?, AbstractOption?, AbstractCostItem?, AbstractMetricItem?, ErrorResponse?, MessageItem?, SimpleExecutionSession?, ScheduledExecutionSession?] = [];
const opts: BrokerOptions = { db: ':memory:' };
async function main(): Promise<number> {
  const broker = await startBroker(opts);
  const answer = await new BrokerClient(broker.url).submit(request);
  const first = answer.ok ? answer.value.offers?.[0] : undefined;
  const report: RunReport = await runConformance({ target: broker.url, classes: ['vosi'] });
  const results: CheckResult[] = report.checks;
  const aggOptions: AggregatorOptions = { db: ':memory:', upstreams: [broker.url] };
  const agg: RunningAggregator = await startAggregator(aggOptions);
  await agg.close();
  await broker.close();
  void createBroker;
  return results.length + ALL_CHECKS.length + REQUIREMENTS.length + findings.length + parts.length + (first ? phaseOf(first)?.length ?? 0 : 0) + writeText([]).length + u.path.length + accept.path.length;
}
void main;
`,
    );
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: ['node'],
          skipLibCheck: true,
        },
        include: ['src'],
      }),
    );
    const r = await run(join(pkg.project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
      cwd: pkg.project,
      timeoutMs: 120_000,
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
    // And it does what it says: transpiled as written, it finds the notebook offers of a reference broker's set.
    write(
      'readme-run.mjs',
      `import ts from 'typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { BrokerClient, KINDS, startBroker } from 'execution-broker-toolkit';
writeFileSync('readme.mjs', ts.transpileModule(readFileSync('src/readme.ts', 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
const { notebookOffers } = await import('./readme.mjs');
const broker = await startBroker({ db: ':memory:' });
const client = new BrokerClient(broker.url);
const answer = await client.submit({ executable: { kind: KINDS.JupyterNotebook, location: 'https://example.org/n.ipynb' } });
const offers = answer.ok ? answer.value.offers ?? [] : [];
console.log('notebook offers', notebookOffers(answer.value).length, 'of', offers.length);
await client.close();
await broker.close();
`,
    );
    const ran = await run(process.execPath, ['readme-run.mjs'], { cwd: pkg.project, timeoutMs: 60_000 });
    expect(ran.stderr).toBe('');
    const found = /notebook offers (\d+) of (\d+)/.exec(ran.stdout);
    expect(found, ran.stdout).not.toBeNull();
    expect(Number(found![1])).toBeGreaterThan(0);
    expect(found![1]).toBe(found![2]);
    // The same consumer under the other resolutions a project may have: bundler, and node10 (subpaths through
    // typesVersions, since it reads no `exports`).
    for (const [module, moduleResolution] of [
      ['esnext', 'bundler'],
      ['esnext', 'node'],
    ]) {
      write(
        `tsconfig.${moduleResolution}.json`,
        JSON.stringify({
          extends: './tsconfig.json',
          compilerOptions: { module, moduleResolution },
        }),
      );
      const other = await run(
        join(pkg.project, 'node_modules', '.bin', 'tsc'),
        ['-p', `tsconfig.${moduleResolution}.json`],
        {
          cwd: pkg.project,
          timeoutMs: 120_000,
        },
      );
      expect(other.stdout + other.stderr, moduleResolution).toBe('');
      expect(other.code, moduleResolution).toBe(0);
    }
    // With the package's own declarations checked too (skipLibCheck off): they name no type of a package the
    // consumer does not have, such as the optional better-sqlite3 or its devDependency types.
    write(
      'tsconfig.libcheck.json',
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: false } }),
    );
    const libcheck = await run(join(pkg.project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.libcheck.json'], {
      cwd: pkg.project,
      timeoutMs: 120_000,
    });
    expect(libcheck.stdout + libcheck.stderr, 'skipLibCheck: false').toBe('');
    expect(libcheck.code).toBe(0);
    // A wrong use is caught: the types are real, not `any`.
    write(
      'src/wrong.ts',
      `import type { ExecutionRequest } from 'execution-broker-toolkit/types';\nexport const r: ExecutionRequest = { executable: 42 };\n`,
    );
    const wrong = await run(join(pkg.project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
      cwd: pkg.project,
      timeoutMs: 120_000,
    });
    rmSync(join(pkg.project, 'src', 'wrong.ts'));
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts.*TS2322/);
  }, 150_000);
});

describe('2. the bundled OpenAPI', () => {
  const bundlePath = (): string => join(pkg.pkg, 'schema', 'openapi', 'execution-broker.bundled.yaml');
  const KIND_SELECTED = [
    'AbstractExecutionSession',
    'AbstractExecutable',
    'AbstractComputeResource',
    'AbstractStorageResource',
    'AbstractDataResource',
    'AbstractUpdate',
    'AbstractOption',
    'AbstractCostItem',
    'AbstractMetricItem',
  ];

  it('is one file without external refs or $ids, with a discriminator mapping for every kind of schema/json and examples for every operation', async () => {
    const api = parseYaml(readFileSync(bundlePath(), 'utf8')) as Obj;
    const refs: string[] = [];
    const ids: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (isObj(n))
        for (const [k, v] of Object.entries(n)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else if (k === '$id') ids.push(String(v));
          else if (k !== 'examples' && k !== 'example') walk(v);
        }
    };
    walk(api);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((r) => !r.startsWith('#/components/'))).toEqual([]);
    expect(ids).toEqual([]);
    const components = api.components as { schemas: Record<string, Obj> };
    for (const r of refs)
      expect(
        r
          .split('/')
          .slice(1)
          .reduce<unknown>((o, k) => (isObj(o) ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), api),
        r,
      ).toBeDefined();
    // Drift against the installed JSON Schema: every kind of every dispatcher is in the mapping.
    const { dispatcherBranches } = await import('../../scripts/schema-io.js');
    let dispatchers = 0;
    for (const file of readdirSync(join(pkg.pkg, 'schema', 'json')).filter((f) => f.endsWith('.schema.json'))) {
      const schema = JSON.parse(readFileSync(join(pkg.pkg, 'schema', 'json', file), 'utf8')) as {
        $defs: Record<string, Obj>;
      };
      for (const [name, def] of Object.entries(schema.$defs)) {
        const d = dispatcherBranches(def as never);
        if (!d) continue;
        dispatchers++;
        const bundled = components.schemas[name] as {
          oneOf: unknown[];
          discriminator: { propertyName: string; mapping: Record<string, string> };
        };
        expect(bundled.discriminator.propertyName, name).toBe('kind');
        expect(Object.keys(bundled.discriminator.mapping).sort(), name).toEqual(d.kinds.map((k) => k.kind).sort());
        expect(bundled.oneOf, name).toHaveLength(d.kinds.length);
      }
    }
    expect(dispatchers).toBeGreaterThanOrEqual(KIND_SELECTED.length);
    const responses = (api.components as { responses: Record<string, Obj> }).responses;
    const hasExamples = (r: unknown): boolean => {
      const resp = isObj(r) && typeof r.$ref === 'string' ? responses[r.$ref.split('/').pop()!] : r;
      return (
        isObj(resp) &&
        isObj(resp.content) &&
        Object.values(resp.content).some((m) => isObj(m) && isObj(m.examples) && Object.keys(m.examples).length > 0)
      );
    };
    for (const [path, item] of Object.entries(api.paths as Record<string, Record<string, Obj>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!isObj(op) || !isObj(op.responses)) continue;
        expect(Object.values(op.responses).some(hasExamples), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('redocly lints it without errors, every example valid against its schema', async () => {
    // Redocly's own defaults: no-invalid-media-type-examples closes every subschema that names properties
    // (allowAdditionalProperties: false), which the bundle's if/then pairs must survive; no unused component.
    const config = join(pkg.work, 'redocly-bundle.yaml');
    writeFileSync(
      config,
      'extends:\n  - recommended\nrules:\n  security-defined: off\n  operation-2xx-response: off\n  no-invalid-media-type-examples: error\n  no-unused-components: error\n',
    );
    const bin = join(pkg.project, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const r = await run(process.execPath, [bin, 'lint', '--format=json', `--config=${config}`, bundlePath()], {
      cwd: pkg.work,
      env: { REDOCLY_TELEMETRY: 'off' },
      timeoutMs: 90_000,
    });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as {
      totals: { errors: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it('openapi-typescript gives every kind-selected type as a union of known types, never unknown', async () => {
    const out = join(pkg.work, 'openapi.ts');
    // Run outside the checkout: openapi-typescript reads a redocly.yaml it finds.
    const r = await run(join(ROOT, 'node_modules', '.bin', 'openapi-typescript'), [bundlePath(), '-o', out], {
      cwd: pkg.work,
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const ts = readFileSync(out, 'utf8');
    for (const name of KIND_SELECTED) {
      const line = new RegExp(`^\\s+${name}: (.+);$`, 'm').exec(ts)?.[1];
      expect(line, name).toBeDefined();
      expect(line, name).toMatch(/^components\["schemas"\]\["\w+"\](?: \| components\["schemas"\]\["\w+"\])*$/);
    }
  });

  it("Prism's proxy rejects a bad request and a bad response, and lets a good exchange through", async () => {
    const offerset = JSON.stringify(
      parseYaml(readFileSync(join(pkg.pkg, 'spec', 'examples', 'valid', 'offerset-yes-three-offers.yaml'), 'utf8')),
    );
    const upstream = await cannedServer((method, url) =>
      method === 'POST' && url === '/requests'
        ? { status: 200, body: offerset }
        : url.startsWith('/offersets/')
          ? { status: 200, body: JSON.stringify({ result: 'MAYBE', offers: 3 }) }
          : { status: 404, body: '{}' },
    );
    let prism: Awaited<ReturnType<typeof startLongRunning>> | undefined;
    try {
      prism = await startLongRunning(
        process.execPath,
        [
          join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js'),
          'proxy',
          bundlePath(),
          upstream.url,
          '--port',
          '0',
          '--host',
          '127.0.0.1',
          '--errors',
        ],
        pkg.work,
        /Prism is listening on (http:\/\/[\d.:]+)/,
        90_000,
      );
      const base = prism.match[1]!;
      const headers = { 'content-type': 'application/json', accept: 'application/json' };
      const good = await fetch(`${base}/requests`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          executable: {
            kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml',
            location: 'https://example.org/n.ipynb',
          },
        }),
      });
      expect(good.status, await good.clone().text()).toBe(200);
      const badRequest = await fetch(`${base}/requests`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ executable: 42 }),
      });
      expect(badRequest.status).toBe(422);
      expect(await badRequest.text()).toMatch(/executable/);
      const badResponse = await fetch(`${base}/offersets/0b7a2f3e-1c4d-4e5f-8a9b-0c1d2e3f4a5b`, { headers });
      expect(badResponse.status).toBe(500);
      expect(badResponse.headers.get('sl-violations') ?? '').toMatch(/result/);
    } finally {
      await stop(prism?.child);
      await new Promise((ok) => upstream.server.close(ok));
    }
  }, 150_000);
});

describe('3. schemas offline', () => {
  it("the README's editor associations name installed files whose relative $refs all resolve locally", () => {
    const blocks = codeBlocks(README, '### Schemas offline, in an editor');
    const settings = JSON.parse(blocks.find((b) => b.lang === 'json')!.text) as {
      'json.schemas': { url: string }[];
      'yaml.schemas': Record<string, string[]>;
    };
    const modeline = /\$schema=(\S+)/.exec(blocks.find((b) => b.lang === 'yaml')!.text)![1]!;
    const urls = [...settings['json.schemas'].map((s) => s.url), ...Object.keys(settings['yaml.schemas']), modeline];
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      expect(existsSync(file), file).toBe(true);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/"\$ref":\s*"([^"#]+)/g)) visit(resolve(dirname(file), m[1]!));
    };
    for (const u of urls) visit(resolve(pkg.project, u));
    expect(seen.size).toBeGreaterThan(5);
    for (const f of seen) expect(f.startsWith(join(pkg.pkg, 'schema', 'json'))).toBe(true);
  });

  it('schema/registry.json maps every $id to its installed file', () => {
    const registry = JSON.parse(readFileSync(join(pkg.pkg, 'schema', 'registry.json'), 'utf8')) as {
      schemas: Record<string, string>;
    };
    const files = readdirSync(join(pkg.pkg, 'schema', 'json')).filter((f) => f.endsWith('.schema.json'));
    expect(Object.keys(registry.schemas)).toHaveLength(files.length);
    for (const [id, rel] of Object.entries(registry.schemas))
      expect((JSON.parse(readFileSync(join(pkg.pkg, 'schema', rel), 'utf8')) as { $id: string }).$id).toBe(id);
  });

  it("the installed CLI's JSON report is valid against the report schema the package publishes", async () => {
    const conf = await ebkit(pkg, ['conformance', '--classes', 'vosi', '--report', 'r.json'], { timeoutMs: 60_000 });
    expect(conf.code, conf.stdout + conf.stderr).toBe(0);
    const script = write(
      'report-schema.mjs',
      `import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { conformanceReportSchema } from 'execution-broker-toolkit/schemas';
import fromFile from 'execution-broker-toolkit/schema/report/conformance-report.schema.json' with { type: 'json' };
const validate = new Ajv2020({ strict: true }).compile(conformanceReportSchema());
const report = JSON.parse(readFileSync('r.json', 'utf8'));
console.log(JSON.stringify({ valid: validate(report), errors: validate.errors, same: JSON.stringify(fromFile) === JSON.stringify(conformanceReportSchema()), checks: report.checks.length }));
`,
    );
    const r = await run(process.execPath, [script], { cwd: pkg.project });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, errors: null, same: true });
    expect((JSON.parse(r.stdout) as { checks: number }).checks).toBeGreaterThan(0);
  });
});

describe('4. every command from the package', () => {
  it('lint-spec runs with redocly, and without it says what to install and runs the rest', async () => {
    const withRedocly = await ebkit(pkg, ['lint-spec'], { timeoutMs: 120_000 });
    expect(withRedocly.code, withRedocly.stdout + withRedocly.stderr).toBe(0);
    expect(withRedocly.stdout).toMatch(/checks: .*redocly/);
    const redocly = join(pkg.project, 'node_modules', '@redocly');
    renameSync(redocly, `${redocly}-away`);
    try {
      const without = await ebkit(pkg, ['lint-spec'], { timeoutMs: 120_000 });
      expect(without.code, without.stdout + without.stderr).toBe(0);
      expect(without.stdout).toMatch(/EBK_OPTIONAL_MISSING/);
      expect(without.stdout).toMatch(/npm install @redocly\/cli@2\.77\.0/);
      expect(without.stdout).toMatch(/checks: .*examples/);
    } finally {
      renameSync(`${redocly}-away`, redocly);
    }
  }, 240_000);

  it('npx ebkit docs --out site builds the site from the installed package (README)', async () => {
    expect(README).toContain('npx ebkit docs --out site');
    const r = await run('npx', ['ebkit', 'docs', '--out', 'site'], { cwd: pkg.project, timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    for (const p of [
      'index.html',
      'api.html',
      'coverage.html',
      'examples/index.html',
      'spec/02-service-interaction.html',
    ])
      expect(existsSync(join(pkg.project, 'site', p)), p).toBe(true);
    expect(readFileSync(join(pkg.project, 'site', 'api.html'), 'utf8')).toMatch(/<redoc>/);
    expect(r.stderr).toMatch(/typedoc is not installed \(npm install typedoc@[\d.]+\)/);
    // The README says so too, with the same install command.
    const install = /npm install typedoc@[\d.]+/.exec(r.stderr)![0];
    expect(README).toContain(`\`${install}\``);
  }, 200_000);

  it('serve --help names broker.example.yaml, which is installed', async () => {
    const r = await ebkit(pkg, ['serve', '--help']);
    expect(r.stdout).toMatch(/broker\.example\.yaml/);
    expect(existsSync(join(pkg.pkg, 'broker.example.yaml'))).toBe(true);
  });
});

describe('5. without the native SQLite module', () => {
  it('validate, conformance (embedded broker in memory), diff and coverage run; serve --db FILE says what to install', async () => {
    // better-sqlite3 was installed with --ignore-scripts: present, but its native part never built.
    expect(existsSync(join(pkg.project, 'node_modules', 'better-sqlite3', 'package.json'))).toBe(true);
    const valid = join(pkg.pkg, 'spec', 'examples', 'valid', 'request-notebook-simple.yaml');
    expect((await ebkit(pkg, ['validate', valid])).code).toBe(0);
    const conf = await ebkit(pkg, ['conformance', '--classes', 'vosi,core', '--deadline', '60'], { timeoutMs: 90_000 });
    expect(conf.code, conf.stdout + conf.stderr).toBe(0);
    expect(conf.stdout).toMatch(/Every MUST check was judged and passed \(a partial run: classes vosi, core\)\./);
    expect((await ebkit(pkg, ['diff', join(pkg.pkg, 'schema', 'json'), join(pkg.pkg, 'schema', 'json')])).code).toBe(0);
    const cov = await ebkit(pkg, ['coverage']);
    expect(cov.code, cov.stderr).toBe(0);
    const failed = await ebkit(pkg, ['serve', '--db', 'broker.sqlite', '--port', '0']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/better-sqlite3, which could not be loaded .*npm install better-sqlite3/);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    // Absent altogether (an install with --omit=optional).
    rmSync(join(pkg.project, 'node_modules', 'better-sqlite3'), { recursive: true, force: true });
    const absent = await ebkit(pkg, ['serve', '--db', 'broker.sqlite', '--port', '0']);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(
      /better-sqlite3, which is not installed: install it with `npm install better-sqlite3`/,
    );
    // The aggregator loads it on demand too: its help, ':memory:' and a file that says what to install.
    const aggHelp = await ebkit(pkg, ['aggregate', '--help']);
    expect(aggHelp.code, aggHelp.stderr).toBe(0);
    expect(aggHelp.stdout).toMatch(/see src\/aggregator\/README\.md/);
    const aggFile = await ebkit(pkg, [
      'aggregate',
      '--db',
      'agg.sqlite',
      '--port',
      '0',
      '--upstream',
      'http://127.0.0.1:9',
    ]);
    expect(aggFile.code).toBe(2);
    expect(aggFile.stderr).toMatch(
      /^ebkit aggregate: --db agg\.sqlite: a database file needs the SQLite module better-sqlite3, which is not installed/,
    );
    expect(aggFile.stderr).not.toMatch(/\n\s+at /);
  }, 150_000);

  it('migrate and compose run from the package: an older-generation request becomes a valid 1.0 request, the four roles merge', async () => {
    const old = write(
      'old-request.yaml',
      [
        'executable:',
        '  type: "https://www.purl.org/ivoa.net/EB/schema/types/executable/jupyter-notebook-1.0"',
        '  name: "nb"',
        '  location: "https://example.org/nb.ipynb"',
        'computer:',
        '  type: "https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0"',
        '  name: "c"',
        '  cores: {min: 1, max: 2}',
        '',
      ].join('\n'),
    );
    const check = await ebkit(pkg, ['migrate', '--check', old]);
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toContain('/compute/kind');
    const migrated = await ebkit(pkg, ['migrate', old, '-o', join(pkg.project, 'new-request.yaml')]);
    expect(migrated.code, migrated.stdout + migrated.stderr).toBe(0);
    expect((await ebkit(pkg, ['validate', join(pkg.project, 'new-request.yaml')])).code).toBe(0);
    const fragments = ['1-developer', '2-packager', '3-publisher', '4-user'].map((f) =>
      join(pkg.pkg, 'spec', 'examples', 'compose', `${f}.yaml`),
    );
    const composed = await ebkit(pkg, ['compose', ...fragments, '--format', 'json']);
    expect(composed.code, composed.stderr).toBe(0);
    expect((JSON.parse(composed.stdout) as { compute: { cores: unknown } }).compute.cores).toEqual({ min: 4, max: 8 });
  }, 60_000);
});

describe('6. the GitHub Action and the README CI recipe', () => {
  it('the recipe starts the broker and runs the action, which writes the reports, the outputs and the job summary', async () => {
    const recipe = parseYaml(
      codeBlocks(README, '## In CI: a compliance badge').find((b) => b.lang === 'yaml')!.text,
    ) as { jobs: Record<string, { steps: Obj[] }> };
    const steps = Object.values(recipe.jobs)[0]!.steps;
    const action = steps.find((s) => s.uses === './') as { with: Record<string, string | number> };
    expect(action).toBeDefined();
    const serveStep = steps.find((s) => typeof s.run === 'string' && s.run.includes('ebkit serve')) as { run: string };
    // The recipe as written, on a free port instead of 8080 (other runs on this machine may hold it).
    const port = String(await fixedFreePort());
    const serveLine = serveStep.run.split('\n')[0]!.replace(/ &$/, '').replace('8080', port);
    const [npx, ...args] = serveLine.split(' ');
    const broker = await startLongRunning(npx!, args, pkg.project, /listening on (http:\/\/\S+)/);
    const summary = join(pkg.work, 'summary.md');
    const output = join(pkg.work, 'output.txt');
    const token = 'test-secret-token-0123456789';
    try {
      const waitLoop = serveStep.run.split('\n')[1]!.replace(/8080/g, port);
      expect((await run('bash', ['-c', waitLoop], { cwd: pkg.project })).code).toBe(0);
      const env: NodeJS.ProcessEnv = {
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        GITHUB_WORKSPACE: pkg.project,
      };
      for (const [k, v] of Object.entries(action.with))
        env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = String(v)
          .replace('8080', port)
          .replace('${{ secrets.BROKER_TOKEN }}', token);
      env.INPUT_CLASSES = 'vosi,core';
      const r = await run(process.execPath, [join(pkg.pkg, 'action', 'run.mjs')], {
        cwd: pkg.project,
        env,
        timeoutMs: 120_000,
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    } finally {
      await stop(broker.child);
    }
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(outputs.verdict).toBe('pass');
    expect(outputs['exit-code']).toBe('0');
    for (const k of ['report-json', 'junit', 'html', 'badge', 'badge-json']) {
      expect(existsSync(outputs[k]!), k).toBe(true);
      expect(readFileSync(outputs[k]!, 'utf8')).not.toContain(token);
    }
    // A partial run (vosi, core) claims only its classes: the badge names them, the summary does not say conformant.
    const report = JSON.parse(readFileSync(outputs['report-json']!, 'utf8')) as {
      summary: { mustPassed: number; mustTotal: number };
    };
    expect(report.summary.mustTotal).toBeGreaterThan(0);
    expect(report.summary.mustPassed).toBe(report.summary.mustTotal);
    const must = `${report.summary.mustTotal}/${report.summary.mustTotal} MUST`;
    expect(JSON.parse(readFileSync(outputs['badge-json']!, 'utf8'))).toEqual({
      schemaVersion: 1,
      label: 'ExecutionBroker',
      message: `vosi+core: ${must}`,
      color: '4c1',
    });
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(
      /^## ExecutionBroker conformance: every MUST check passed \(a partial run: classes vosi, core\)\n/,
    );
    expect(md).toMatch(/\| core \| \d+ \| 0 \|/);
  }, 180_000);

  it('against a broken broker the verdict is fail, and the summary lists the failed checks', async () => {
    const broken = await cannedServer(() => ({ status: 404, body: 'nothing here', type: 'text/plain' }));
    const summary = join(pkg.work, 'summary-fail.md');
    const output = join(pkg.work, 'output-fail.txt');
    try {
      const env = {
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        INPUT_URL: broken.url,
        INPUT_CLASSES: 'vosi',
        INPUT_DEADLINE: '30',
        INPUT_OUTPUT_DIR: 'broken-report',
      };
      const r = await run(process.execPath, [join(pkg.pkg, 'action', 'run.mjs')], {
        cwd: pkg.project,
        env,
        timeoutMs: 60_000,
      });
      expect(r.code).toBe(1);
    } finally {
      await new Promise((ok) => broken.server.close(ok));
    }
    expect(readFileSync(output, 'utf8')).toMatch(/^verdict=fail$/m);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/not conformant/);
    expect(md).toMatch(/\| vosi-[\w-]+ \| fail \| MUST \| EB-VOSI-\d\d/);
  }, 90_000);
});

describe('7. validate batches', () => {
  it('a missing file is an EBK_READ_FAILED finding for that file; the others are still validated', async () => {
    const good = join(pkg.pkg, 'spec', 'examples', 'valid', 'request-notebook-simple.yaml');
    const bad = join(pkg.pkg, 'spec', 'examples', 'invalid', 'request-min-greater-than-max.yaml');
    const r = await ebkit(pkg, ['validate', '--format', 'json', good, 'no-such-file.yaml', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read no-such-file\.yaml: no such file \(EBK_READ_FAILED\)/);
    const report = JSON.parse(r.stdout) as {
      files: { path: string; valid: boolean; findings: { ruleId: string }[] }[];
    };
    expect(report.files.map((f) => [f.path.split('/').pop(), f.valid])).toEqual([
      ['request-notebook-simple.yaml', true],
      ['no-such-file.yaml', false],
      ['request-min-greater-than-max.yaml', false],
    ]);
    expect(report.files[1]!.findings.map((f) => f.ruleId)).toEqual(['EBK_READ_FAILED']);
    expect(report.files[2]!.findings.map((f) => f.ruleId)).toContain('EB-DM-01');
  });
});
