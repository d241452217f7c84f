import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { diffSchemas, diffText } from '../../spec-tools/diff.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';
import { printable } from '../../util/index.js';

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('diff')
      .description(
        'compare two schema versions (directories like schema/json, or bundled files); exit 1 when something breaks',
      )
      .argument('<old>', 'the older schema version')
      .argument('<new>', 'the newer schema version')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .action((oldPath: string, newPath: string, opts: { format: 'text' | 'json' }) => {
        const paths = [resolve(io.cwd, oldPath), resolve(io.cwd, newPath)];
        const missing = paths.find((p) => !existsSync(p));
        if (missing) {
          io.stderr(`ebkit diff: EBK_READ_FAILED: cannot read ${printable(missing)}: it does not exist\n`);
          done(EXIT.USAGE);
          return;
        }
        const result = diffSchemas(paths[0] as string, paths[1] as string);
        if (result.problems.length > 0) {
          // A file that cannot be read would show up as removed types: refuse instead.
          io.stderr(result.problems.map((p) => `ebkit diff: EBK_READ_FAILED: ${p}\n`).join(''));
          done(EXIT.USAGE);
          return;
        }
        // Files that hold no schema type ($defs, definitions, components/schemas) are not schema versions:
        // '0 → 0 types, nothing breaks' would be a silent success on the wrong files.
        const empty = (
          [
            ['OLD', oldPath, result.summary.typesOld],
            ['NEW', newPath, result.summary.typesNew],
          ] as const
        ).filter(([, , types]) => types === 0);
        if (empty.length > 0) {
          for (const [side, path] of empty)
            io.stderr(
              `ebkit diff: EBK_READ_FAILED: ${side} ${path} holds no schema type ($defs, definitions or components/schemas); give a schema directory such as schema/json, or a bundled OpenAPI file\n`,
            );
          done(EXIT.USAGE);
          return;
        }
        if (opts.format === 'json') {
          const { problems: _problems, ...report } = result;
          io.stdout(JSON.stringify(report, null, 2) + '\n');
        } else io.stdout(diffText(result));
        done(result.summary.breaking > 0 ? EXIT.FINDINGS : EXIT.OK);
      });
  },
};
