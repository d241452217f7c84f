import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/findings.js';

const hasNative = (process.env['PATH'] ?? '').split(delimiter).some((d) => d !== '' && existsSync(join(d, 'xmllint')));

/** The validator module as loaded under one engine (it picks its engine once per process, so a fresh load). */
async function engine(name: 'native' | 'wasm') {
  vi.resetModules();
  vi.stubEnv('EBKIT_XSD_ENGINE', name);
  const mod = await import('../../src/xml/validate-xsd.js');
  expect(mod.xsdEngine()).toBe(name);
  return mod;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const dir = resolve(import.meta.dirname, '../../spec/examples');
const examples = ['valid', 'invalid'].flatMap((kind) =>
  readdirSync(join(dir, kind))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => readFileSync(join(dir, kind, f), 'utf8')),
);

describe('native xmllint and xmllint-wasm give the same XSD findings', () => {
  it.skipIf(!hasNative)('on every XML example, one by one and as one batch', async () => {
    const strip = (fs: Finding[][]) =>
      fs.map((f) => f.map(({ ruleId, level, message, line }) => ({ ruleId, level, message, line })));
    const wasm = await engine('wasm');
    const wasmBatch = strip(await wasm.validateXsdBatch(examples));
    const wasmOne = strip(await Promise.all(examples.map((x) => wasm.validateXsd(x))));
    const native = await engine('native');
    const nativeBatch = strip(await native.validateXsdBatch(examples));
    const nativeOne = strip(await Promise.all(examples.map((x) => native.validateXsd(x))));
    expect(wasmBatch.flat().length).toBeGreaterThan(0);
    expect(nativeBatch).toEqual(wasmBatch);
    expect(nativeOne).toEqual(wasmOne);
  });

  it.skipIf(!hasNative)('the native run refuses a DOCTYPE before libxml2 and never fetches or expands', async () => {
    const native = await engine('native');
    const bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]><r>&x;</r>';
    const [f] = await native.validateXsdBatch([bomb]);
    expect(f?.map((x) => x.ruleId)).toEqual(['EBK_DOCTYPE']);
  });

  it('EBKIT_XSD_ENGINE=wasm always uses xmllint-wasm', async () => {
    const wasm = await engine('wasm');
    expect(wasm.xsdEngine()).toBe('wasm');
  });
});
