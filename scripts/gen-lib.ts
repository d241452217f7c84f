/**
 * What every generator shares: a generator is a module `scripts/gen-<name>.ts`
 * whose `outputs()` returns every file it owns (path relative to the repository
 * root → content). `npm run gen` writes them (scripts/gen.ts); `npm run
 * check:generated` compares them with the committed copies (scripts/check-generated.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './schema-io.js';

/** Path relative to the repository root → content. */
export type Outputs = Map<string, string>;

export interface Generator {
  /** The npm script that runs it alone, e.g. `gen:xsd`. */
  name: string;
  /** The generator module, relative to the repository root. */
  script: string;
  outputs(): Promise<Outputs> | Outputs;
}

/** True when the module at `moduleUrl` is the process's entry point. */
export function isMain(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && resolve(process.argv[1] ?? '') === fileURLToPath(moduleUrl);
}

/** Writes every output under `root`, creating folders as needed. */
export function writeOutputs(outputs: Outputs, root: string = ROOT): void {
  for (const [rel, content] of outputs) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** The `main` of a generator module: writes its outputs, reports them, and turns an error into exit code 1. */
export function runGenerator(name: string, outputs: () => Promise<Outputs> | Outputs): void {
  Promise.resolve()
    .then(outputs)
    .then((files) => {
      writeOutputs(files);
      process.stdout.write(`${name}: wrote ${files.size} file(s)\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
