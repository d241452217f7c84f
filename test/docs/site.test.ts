/**
 * Opens the built documentation site in headless Debian chromium and checks that it renders
 * without console errors and that every in-page link resolves. No network is used: pages are
 * loaded from file:// and any request leaving the machine is aborted (and counted as an error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildDocs, type BuildResult } from '../../scripts/build-docs.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output');

/** Says why the browser test is skipped when chromium is missing (`npm test`'s pretest step installs it as root). */
function ensureChromium(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `${CHROMIUM} is missing: run npm test as root once (its pretest step, scripts/ensure-test-tools.mjs, installs it) or apt-get install chromium`;
}

let site: BuildResult;
let outDir: string;
let browser: Browser | undefined;
let skipReason: string | undefined;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'ebkit-docs-'));
  site = await buildDocs({ outDir });
  skipReason = ensureChromium();
  if (skipReason) {
    console.warn(`docs browser checks skipped: ${skipReason}`);
    return;
  }
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('docs site build', () => {
  it('writes the spec chapters, the coverage matrix, the examples and the API page', () => {
    for (const p of [
      'index.html',
      'coverage.html',
      'api.html',
      'examples/index.html',
      'spec/02-service-interaction.html',
    ])
      expect(existsSync(join(site.outDir, p)), p).toBe(true);
    expect(site.pages.filter((p) => p.startsWith('spec/'))).toHaveLength(6);
    expect(site.pages.filter((p) => /^examples\/(valid|invalid)\//.test(p)).length).toBeGreaterThanOrEqual(40);
    expect(site.warnings).toEqual([]);
  });
});

describe('docs site in chromium', () => {
  it('renders every page without console errors, and every in-page link resolves', async (ctx) => {
    if (!browser) return ctx.skip();
    const context = await browser.newContext();
    const errors: string[] = [];
    const broken: string[] = [];
    // Nothing may leave the machine: abort (and report) anything that is not a file.
    await context.route(/^(?!file:)/, async (route) => {
      errors.push(`network request to ${route.request().url()}`);
      await route.abort();
    });
    const tab = await context.newPage();
    let current = '';
    tab.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${current}: console: ${m.text()}`);
    });
    tab.on('pageerror', (e) => errors.push(`${current}: ${e.message}`));
    const targets = new Map<string, Set<string>>(); // page → fragments linked to it
    for (const rel of site.pages) {
      current = rel;
      await tab.goto(pathToFileURL(join(site.outDir, rel)).href, { waitUntil: 'load' });
      if (rel === 'api.html') {
        // Redoc renders client-side; it must show the operations.
        await tab.waitForSelector('text=/requests', { timeout: 20_000 });
        continue;
      }
      const hrefs = await tab.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs) {
        if (/^[a-z]+:/i.test(href)) continue; // absolute URLs point outside the site
        const [path = '', frag] = href.split('#');
        const target = path === '' ? join(site.outDir, rel) : resolve(dirname(join(site.outDir, rel)), path);
        if (!existsSync(target)) broken.push(`${rel} → ${href}`);
        else if (frag) targets.set(target, (targets.get(target) ?? new Set()).add(frag));
      }
    }
    for (const [target, frags] of targets) {
      if (!target.endsWith('.html')) continue;
      current = target;
      await tab.goto(pathToFileURL(target).href, { waitUntil: 'load' });
      const ids = new Set(await tab.$$eval('[id]', (els) => els.map((e) => e.id)));
      for (const f of frags)
        if (!ids.has(decodeURIComponent(f))) broken.push(`${target.slice(site.outDir.length)}#${f}`);
    }
    mkdirSync(OUTPUT, { recursive: true });
    await tab.goto(pathToFileURL(join(site.outDir, 'spec', '02-service-interaction.html')).href);
    await tab.locator('svg.state-diagram').screenshot({ path: join(OUTPUT, 'docs-lifecycle.png') });
    await tab.goto(pathToFileURL(join(site.outDir, 'index.html')).href);
    await tab.screenshot({ path: join(OUTPUT, 'docs-index.png') });
    await context.close();
    expect(errors).toEqual([]);
    expect(broken).toEqual([]);
    expect(existsSync(join(OUTPUT, 'docs-index.png'))).toBe(true);
  }, 240_000);

  it('draws the lifecycle diagram as an inline SVG with every phase', async (ctx) => {
    if (!browser) return ctx.skip();
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(join(site.outDir, 'spec', '02-service-interaction.html')).href);
    const labels = await tab.$$eval('svg.state-diagram .state text', (ts) => ts.map((t) => t.textContent ?? ''));
    await tab.close();
    for (const phase of [
      'OFFERED',
      'ACCEPTED',
      'REJECTED',
      'EXPIRED',
      'WAITING',
      'PREPARING',
      'AVAILABLE',
      'RUNNING',
      'RELEASING',
      'COMPLETED',
      'FAILED',
      'CANCELLED',
    ])
      expect(labels, phase).toContain(phase);
  });
});
