import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';

export interface DocsOptions {
  out: string;
  skipApi?: boolean;
}

/** `ebkit docs`: the static site (spec, OpenAPI reference, library API, coverage, examples) from the package. */
export async function runDocs(opts: DocsOptions, io: CliIO): Promise<number> {
  const out = resolve(io.cwd, opts.out);
  // The build replaces the directory: never one that holds something other than an earlier site.
  if (
    existsSync(out) &&
    (!statSync(out).isDirectory() || (readdirSync(out).length > 0 && !existsSync(join(out, 'index.html'))))
  ) {
    io.stderr(
      `ebkit docs: ${opts.out} exists and is not an earlier docs site; name a new or empty directory with --out\n`,
    );
    return EXIT.USAGE;
  }
  try {
    // The builder ships as dist/scripts/build-docs.js; loaded only by this command (marked, the coverage matrix).
    const { buildDocs } = await import('../../../scripts/build-docs.js');
    const site = await buildDocs({ outDir: out, ...(opts.skipApi ? { skipApi: true } : {}) });
    for (const w of site.warnings) io.stderr(`ebkit docs: warning: ${w}\n`);
    io.stdout(`${site.pages.length} pages in ${site.outDir} (open index.html)\n`);
    return EXIT.OK;
  } catch (err) {
    io.stderr(
      `ebkit docs: cannot build the site in ${opts.out}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return EXIT.USAGE;
  }
}

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('docs')
      .description('build the documentation site (specification, API reference, library API, coverage, examples)')
      .option('--out <dir>', 'directory to write the site into (replaced)', 'docs-dist')
      .option('--skip-api', 'leave out the Redoc API page')
      .action(async (opts: DocsOptions) => {
        done(await runDocs(opts, io));
      });
  },
};
