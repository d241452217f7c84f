/**
 * npm run bench:cli — whole-process start-up of the built CLI, each row a ratio to its baseline measured in the
 * same run (issue 14):
 *
 *   ebkit --help               vs  node -e 0                        (target ≤ 2.0×)
 *   ebkit validate small.yaml  vs  node -e 0                        (target ≤ 1.8×)
 *   ebkit validate small.xml   vs  the same document as small.yaml  (target ≤ 1.3×), with the CLI's default XSD
 *                              engine (native xmllint when it is on PATH) and again as without it (libxml2-wasm)
 *   warm in-process XSD check of small.xml  vs  validateBytes of small.yaml in process  (target ≤ 5 ms)
 *
 * A and B run in turn after a warm-up pair, A first in one pair and B first in the next (A B B A …, so a drift of
 * the machine's load weighs on both alike); the ratio is taken pair by pair, and the median of the ratios is
 * printed with its interquartile range (how stable the figure is) and the median wall times. BENCH_RUNS sets the
 * number of pairs (default 15, at least 7); the load average before and after is printed with the table.
 * Needs `npm run build` (it times dist/src/cli/bin.js, what `npx ebkit` runs; BENCH_CLI_BIN names another build's).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from '../src/serialize/index.js';
import { validateXsd, xsdEngine } from '../src/xml/index.js';
import { validateBytes } from '../src/validate/index.js';
import { makeOfferset } from './offerset-fixture.js';

const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 15));
const bin = process.env.BENCH_CLI_BIN ?? new URL('../dist/src/cli/bin.js', import.meta.url).pathname;
if (!existsSync(bin)) {
  console.error(`${bin} is not built: run npm run build first`);
  process.exit(2);
}

/** Wall ms of one process run; a non-zero exit is an error of the bench, not a figure. */
function time(args: string[], env?: Record<string, string>): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore', ...(env ? { env: { ...process.env, ...env } } : {}) });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

/** The q-quantile of xs (nearest rank): 0.5 the median, 0.25 and 0.75 the quartiles. */
const quantile = (xs: number[], q: number): number =>
  [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const median = (xs: number[]): number => quantile(xs, 0.5);
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Row {
  what: string;
  baseline: string;
  a: number;
  b: number;
  ratio: number;
  /** Quartiles of the pair-by-pair ratios. */
  q1: number;
  q3: number;
  target: number;
}

function pair(
  what: string,
  a: string[],
  baseline: string,
  b: string[],
  target: number,
  envA?: Record<string, string>,
): Row {
  time(a, envA);
  time(b);
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = time(a, envA);
      tb = time(b);
    } else {
      tb = time(b);
      ta = time(a, envA);
    }
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  process.stderr.write('.');
  return {
    what,
    baseline,
    a: median(as),
    b: median(bs),
    ratio: median(ratios),
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    target,
  };
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
  const loadBefore = load();
  const rows = [
    pair('ebkit --help', [bin, '--help'], 'node -e 0', ['-e', '0'], 2.0),
    pair('ebkit validate small.yaml', [bin, 'validate', yaml], 'node -e 0', ['-e', '0'], 1.8),
    pair('ebkit validate small.xml', [bin, 'validate', xml], 'validate small.yaml', [bin, 'validate', yaml], 1.3),
    // What a machine without Debian's xmllint gets: libxml2-wasm loaded and the XSD compiled in this one process.
    pair('  the same, no xmllint', [bin, 'validate', xml], 'validate small.yaml', [bin, 'validate', yaml], 1.3, {
      EBKIT_XSD_ENGINE: 'libxml2',
    }),
  ];
  // In process: the default engine ends on libxml2-wasm; forced here so a native xmllint on PATH is not timed.
  process.env['EBKIT_XSD_ENGINE'] = 'libxml2';
  const xmlText = serialize(doc, 'xml', 'offerset');
  const yamlText = serialize(doc, 'yaml', 'offerset');
  const xsdMs = await warm(() => validateXsd(xmlText));
  const yamlMs = await warm(() => validateBytes(yamlText, { filename: 'small.yaml' }));
  process.stderr.write('\n');
  console.log(`whole-process wall time, medians of ${RUNS} paired runs (XSD engine of a CLI run: ${cliEngine})`);
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${load()} after; ${cpus().length} cores`);
  console.log(
    `${'command'.padEnd(27)} ${'ms'.padStart(7)}   ${'baseline'.padEnd(20)} ${'ms'.padStart(7)}   ratio   ${'IQR'.padEnd(11)}   target`,
  );
  for (const r of rows) {
    const iqr = `${r.q1.toFixed(2)}–${r.q3.toFixed(2)}`;
    console.log(
      `${r.what.padEnd(27)} ${r.a.toFixed(0).padStart(7)}   ${r.baseline.padEnd(20)} ${r.b.toFixed(0).padStart(7)}   ${r.ratio.toFixed(2).padStart(5)}×  ${iqr.padEnd(11)}   ≤ ${r.target.toFixed(1)}× ${r.ratio <= r.target ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`in process, warm, medians of ${21 * RUNS} calls (XSD engine: ${xsdEngine()})`);
  console.log(
    `${'warm XSD check small.xml'.padEnd(27)} ${xsdMs.toFixed(2).padStart(7)}   ${'validateBytes yaml'.padEnd(20)} ${yamlMs.toFixed(2).padStart(7)}   ${(xsdMs / yamlMs).toFixed(2).padStart(5)}×  ≤ 5 ms ${xsdMs <= 5 ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
