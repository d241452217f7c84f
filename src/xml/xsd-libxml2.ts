/**
 * The in-process XSD engine: libxml2 compiled to WebAssembly (libxml2-wasm), loaded once per process, with the
 * toolkit's schema compiled once and kept. A warm check of a small document is a parse and a validation (well
 * under a millisecond), where xmllint-wasm starts a worker and recompiles the schema on every call (issue 14).
 */
import { setFlagsFromString } from 'node:v8';
import type { XsdError, XsdFile, XsdRun } from './xsd-run.js';

type Libxml2 = typeof import('libxml2-wasm');

/** What one loaded engine keeps: the library and the compiled schema. */
interface Engine {
  lib: Libxml2;
  validator: InstanceType<Libxml2['XsdValidator']>;
  options: number;
}

let engine: Promise<Engine> | undefined;

/**
 * Parser options for every document and for the schema: no network, no external entity or DTD loading
 * (XML_PARSE_NO_XXE), entities never substituted (no XML_PARSE_NOENT), line numbers past 65535 kept.
 */
function parseOptions(lib: Libxml2): number {
  const o = lib.ParseOption;
  return o.XML_PARSE_NONET | o.XML_PARSE_NO_XXE | o.XML_PARSE_BIG_LINES;
}

/** V8's own --wasm-tiering-budget (the same in the V8 of Node 20 and 22). */
const DEFAULT_TIERING_BUDGET = 1_800_000;
/**
 * libxml2's: about 33× V8's. Checking one small document never spends it; a batch of large ones does, and keeps
 * TurboFan's speed (never tiering up made a 1.3 MB document ~25% slower to check).
 */
const LIBXML2_TIERING_BUDGET = 60_000_000;

/**
 * Loads libxml2-wasm with a larger tier-up budget for its instance alone. V8 sets each wasm instance's budget when
 * it instantiates, so a budget raised around the import and put back after applies to libxml2 and to nothing
 * compiled later (undici's HTTP parser tiers up as before). With V8's budget, compiling the schema alone queued
 * TurboFan jobs for libxml2's functions, and a one-shot `ebkit validate x.xml` then waited ~200 ms at exit for them
 * to finish (bench:cli, the row without xmllint). A budget the user set on the command line is kept.
 */
async function importLibxml2(): Promise<Libxml2> {
  if (process.execArgv.some((a) => a.startsWith('--wasm-tiering-budget'))) return import('libxml2-wasm');
  setFlagsFromString(`--wasm-tiering-budget=${LIBXML2_TIERING_BUDGET}`);
  try {
    return await import('libxml2-wasm');
  } finally {
    setFlagsFromString(`--wasm-tiering-budget=${DEFAULT_TIERING_BUDGET}`);
  }
}

/** Loads libxml2-wasm and compiles `schemaText` on the first call; later calls share the same instance. */
export function libxml2Engine(schemaText: () => string): Promise<Engine> {
  engine ??= (async () => {
    const lib = await importLibxml2();
    const options = parseOptions(lib);
    // The schema document stays alive with the validator, which points into it.
    const schemaDoc = lib.XmlDocument.fromString(schemaText(), { option: options, url: 'execution-broker.xsd' });
    return { lib, validator: lib.XsdValidator.fromDoc(schemaDoc), options };
  })();
  // A failed load is not cached: the caller falls back, and the next call may try again.
  engine.catch(() => {
    engine = undefined;
  });
  return engine;
}

/** Whether the in-process engine is loaded (or loading), so a long-lived process keeps using it. */
export function libxml2Loaded(): boolean {
  return engine !== undefined;
}

function detailErrors(fileName: string, details: readonly { message: string; line: number }[]): XsdError[] {
  return details.map((d) => {
    const message = d.message.trim();
    return {
      rawMessage: `${fileName}:${d.line}: ${message}`,
      message,
      loc: d.line > 0 ? { fileName, lineNumber: d.line } : null,
    };
  });
}

/** Validates each file against the compiled schema, in this thread; errors are named by file as xmllint names them. */
export async function runLibxml2(files: readonly XsdFile[], schemaText: () => string): Promise<XsdRun> {
  const { lib, validator, options } = await libxml2Engine(schemaText);
  const errors: XsdError[] = [];
  for (const f of files) {
    let doc: InstanceType<Libxml2['XmlDocument']>;
    try {
      doc = lib.XmlDocument.fromString(f.contents, { option: options, url: f.fileName });
    } catch (e) {
      // Not well-formed: libxml2's parser errors, and no validation (as xmllint reports it).
      if (!(e instanceof lib.XmlLibError)) throw e;
      errors.push(...detailErrors(f.fileName, e.details.length > 0 ? e.details : [{ message: e.message, line: 0 }]));
      continue;
    }
    try {
      validator.validate(doc);
    } catch (e) {
      // Not valid (XmlValidateError), or refused by libxml2 (an XmlError, e.g. an entity reference it will not
      // expand): a verdict on this document, never on the batch; the summary line is xmllint's.
      if (!(e instanceof lib.XmlError)) throw e;
      const details = e instanceof lib.XmlValidateError ? e.details : [];
      errors.push(...detailErrors(f.fileName, details));
      const summary = details.length > 0 ? 'fails to validate' : 'validation generated an internal error';
      errors.push({ rawMessage: `${f.fileName} ${summary}`, message: `${f.fileName} ${summary}`, loc: null });
    } finally {
      doc.dispose();
    }
  }
  return { valid: errors.length === 0, errors };
}
