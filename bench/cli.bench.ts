/**
 * npm run bench:cli — whole-process start-up of the built CLI, each row a ratio to its baseline measured in the
 * same run (issue 14):
 *
 *   ebkit --help               vs  node -e 0                        (target ≤ 2.0×)
 *   ebkit validate small.yaml  vs  node -e 0                        (target ≤ 1.8×)
 *   ebkit validate small.xml   vs  the same document as small.yaml  (target ≤ 1.3×)
 *   warm in-process XSD check of small.xml  vs  validateBytes of small.yaml in process  (target ≤ 5 ms)
 *
 * A and B run in turn (A B A B …) after a warm-up pair, the ratio is taken pair by pair, and the median of the
 * ratios is printed with the median wall times; BENCH_RUNS sets the number of pairs (default 9, at least 7).
 * Needs `npm run build` (it times dist/src/cli/bin.js, what `npx ebkit` runs; BENCH_CLI_BIN names another build's).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from '../src/serialize/index.js';
import { validateXsd, xsdEngine } from '../src/xml/index.js';
import { validateBytes } from '../src/validate/index.js';
import { makeOfferset } from './offerset-fixture.js';

const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 9));
const bin = process.env.BENCH_CLI_BIN ?? new URL('../dist/src/cli/bin.js', import.meta.url).pathname;
if (!existsSync(bin)) {
  console.error(`${bin} is not built: run npm run build first`);
  process.exit(2);
}

/** Wall ms of one process run; a non-zero exit is an error of the bench, not a figure. */
function time(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

interface Row {
  what: string;
  baseline: string;
  a: number;
  b: number;
  ratio: number;
  target: number;
}

function pair(what: string, a: string[], baseline: string, b: string[], target: number): Row {
  time(a);
  time(b);
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ta = time(a);
    const tb = time(b);
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  process.stderr.write('.');
  return { what, baseline, a: median(as), b: median(bs), ratio: median(ratios), target };
}

/** Median ms of `fn` over many calls after a warm-up: the in-process engines once loaded. */
async function warm(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < 21 * RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const dir = mkdtempSync(join(tmpdir(), 'ebkit-bench-cli-'));
try {
  const doc = makeOfferset(2);
  const yaml = join(dir, 'small.yaml');
  const xml = join(dir, 'small.xml');
  writeFileSync(yaml, serialize(doc, 'yaml', 'offerset'));
  writeFileSync(xml, serialize(doc, 'xml', 'offerset'));
  const cliEngine = xsdEngine();
  const rows = [
    pair('ebkit --help', [bin, '--help'], 'node -e 0', ['-e', '0'], 2.0),
    pair('ebkit validate small.yaml', [bin, 'validate', yaml], 'node -e 0', ['-e', '0'], 1.8),
    pair('ebkit validate small.xml', [bin, 'validate', xml], 'validate small.yaml', [bin, 'validate', yaml], 1.3),
  ];
  // In process: the default engine ends on libxml2-wasm; forced here so a native xmllint on PATH is not timed.
  process.env['EBKIT_XSD_ENGINE'] = 'libxml2';
  const xmlText = serialize(doc, 'xml', 'offerset');
  const yamlText = serialize(doc, 'yaml', 'offerset');
  const xsdMs = await warm(() => validateXsd(xmlText));
  const yamlMs = await warm(() => validateBytes(yamlText, { filename: 'small.yaml' }));
  process.stderr.write('\n');
  console.log(`whole-process wall time, medians of ${RUNS} paired runs (XSD engine of a CLI run: ${cliEngine})`);
  console.log(
    `${'command'.padEnd(27)} ${'ms'.padStart(7)}   ${'baseline'.padEnd(20)} ${'ms'.padStart(7)}   ratio   target`,
  );
  for (const r of rows) {
    console.log(
      `${r.what.padEnd(27)} ${r.a.toFixed(0).padStart(7)}   ${r.baseline.padEnd(20)} ${r.b.toFixed(0).padStart(7)}   ${r.ratio.toFixed(2).padStart(5)}×  ≤ ${r.target.toFixed(1)}× ${r.ratio <= r.target ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`in process, warm, medians of ${21 * RUNS} calls (XSD engine: ${xsdEngine()})`);
  console.log(
    `${'warm XSD check small.xml'.padEnd(27)} ${xsdMs.toFixed(2).padStart(7)}   ${'validateBytes yaml'.padEnd(20)} ${yamlMs.toFixed(2).padStart(7)}   ${(xsdMs / yamlMs).toFixed(2).padStart(5)}×  ≤ 5 ms ${xsdMs <= 5 ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
