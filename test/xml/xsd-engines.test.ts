import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/findings.js';

const hasNative = (process.env['PATH'] ?? '').split(delimiter).some((d) => d !== '' && existsSync(join(d, 'xmllint')));

/** The validator module as loaded under one engine (it picks its engine once per process, so a fresh load). */
async function engine(name: 'native' | 'wasm' | 'libxml2') {
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

const strip = (fs: Finding[][]) =>
  fs.map((f) => f.map(({ ruleId, level, message, line }) => ({ ruleId, level, message, line })));

describe('libxml2-wasm in process and xmllint-wasm give the same XSD findings', () => {
  it('on every XML example, one by one and as one batch', async () => {
    const wasm = await engine('wasm');
    const wasmBatch = strip(await wasm.validateXsdBatch(examples));
    const inProcess = await engine('libxml2');
    const batch = strip(await inProcess.validateXsdBatch(examples));
    const one = strip(await Promise.all(examples.map((x) => inProcess.validateXsd(x))));
    expect(wasmBatch.flat().length).toBeGreaterThan(0);
    expect(batch).toEqual(wasmBatch);
    // One by one, every document is document-0.xml: the same findings once the name is set aside.
    const unnamed = (fs: ReturnType<typeof strip>) =>
      fs.map((f) => f.map((x) => ({ ...x, message: x.message.replace(/document-\d+\.xml/, 'document.xml') })));
    expect(unnamed(one)).toEqual(unnamed(batch));
  }, 120_000);

  it('without EBKIT_XSD_ENGINE a process ends on the in-process engine', async () => {
    vi.resetModules();
    vi.stubEnv('EBKIT_XSD_ENGINE', '');
    const mod = await import('../../src/xml/validate-xsd.js');
    for (let i = 0; i < 9; i++) await mod.validateXsd(examples[0]!);
    expect(mod.xsdEngine()).toBe('libxml2');
  });

  it('an unknown EBKIT_XSD_ENGINE is refused by name', async () => {
    vi.resetModules();
    vi.stubEnv('EBKIT_XSD_ENGINE', 'java');
    const mod = await import('../../src/xml/validate-xsd.js');
    expect(() => mod.xsdEngine()).toThrow(/EBKIT_XSD_ENGINE must be one of libxml2, native, wasm/);
  });
});

// xmllint-wasm starts a worker and compiles the XSD per call, so the whole corpus one by one takes tens of seconds
// on a loaded machine: these two cases get a longer timeout than the suite's default.
describe('native xmllint and xmllint-wasm give the same XSD findings', () => {
  it.skipIf(!hasNative)(
    'on every XML example, one by one and as one batch',
    async () => {
      const wasm = await engine('wasm');
      const wasmBatch = strip(await wasm.validateXsdBatch(examples));
      const wasmOne = strip(await Promise.all(examples.map((x) => wasm.validateXsd(x))));
      const native = await engine('native');
      const nativeBatch = strip(await native.validateXsdBatch(examples));
      const nativeOne = strip(await Promise.all(examples.map((x) => native.validateXsd(x))));
      expect(wasmBatch.flat().length).toBeGreaterThan(0);
      expect(nativeBatch).toEqual(wasmBatch);
      expect(nativeOne).toEqual(wasmOne);
    },
    120_000,
  );

  it.skipIf(!hasNative)('the native run refuses a DOCTYPE before libxml2 and never fetches or expands', async () => {
    const native = await engine('native');
    const bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]><r>&x;</r>';
    const [f] = await native.validateXsdBatch([bomb]);
    expect(f?.map((x) => x.ruleId)).toEqual(['EBK_DOCTYPE']);
  });

  it.skipIf(!hasNative)(
    'a document that is not well-formed gets the same placed findings from every engine, not a crash',
    async () => {
      const ns = 'http://www.ivoa.net/xml/ExecutionBroker/v1.0';
      const broken = [
        `<?xml version="1.0"?>\n<offers-request xmlns="${ns}">\n<executable kind="urn:x">\n<name>&foo;</name></executable></offers-request>\n`,
        `<?xml version="1.0"?>\n<offers-request xmlns="${ns}">\n\n<executable kind="urn:x"><name>&#1;</name></executable></offers-request>\n`,
        `<?xml version="1.0"?>\n<offers-request xmlns="${ns}"><executable kind="uri:a<b"/></offers-request>\n`,
      ];
      const native = strip(await (await engine('native')).validateXsdBatch(broken));
      const wasm = strip(await (await engine('wasm')).validateXsdBatch(broken));
      expect(native.map((fs) => fs.map((f) => [f.ruleId, f.line]))).toEqual([
        [['EB-XML-01', 4]],
        [['EB-XML-01', 4]],
        [['EBK_SYNTAX', 2]],
      ]);
      expect(native[0]![0]!.message).toBe("XSD: Entity 'foo' not defined");
      expect(native.flat().some((f) => /exited|\^/.test(f.message))).toBe(false);
      expect(native).toEqual(wasm);
      expect(strip(await (await engine('libxml2')).validateXsdBatch(broken))).toEqual(wasm);
    },
  );

  it('EBKIT_XSD_ENGINE=wasm always uses xmllint-wasm', async () => {
    const wasm = await engine('wasm');
    expect(wasm.xsdEngine()).toBe('wasm');
  });

  it.skipIf(!hasNative)(
    'startXsd spawns xmllint before it returns, and validateXsd of the same text takes that run',
    async () => {
      const native = await engine('native');
      // xsd-native.ts requires node:child_process (not an import), so a spy on the module object sees its calls.
      const childProcess = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
      const spawned = vi.spyOn(childProcess, 'execFile');
      try {
        const invalid = examples.find((x) => x.includes('QUANTUM')) ?? examples[examples.length - 1]!;
        native.startXsd(invalid);
        expect(spawned).toHaveBeenCalledTimes(1);
        const taken = await native.validateXsd(invalid);
        expect(spawned).toHaveBeenCalledTimes(1);
        const fresh = await native.validateXsd(invalid);
        expect(spawned).toHaveBeenCalledTimes(2);
        expect(taken).toEqual(fresh);
        // Another text never takes it: a check started for one document is no verdict on another.
        native.startXsd(examples[0]!);
        await native.validateXsd(invalid);
        expect(spawned).toHaveBeenCalledTimes(4);
      } finally {
        spawned.mockRestore();
      }
    },
  );
});
