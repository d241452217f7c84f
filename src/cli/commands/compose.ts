import { writeFile } from 'node:fs/promises';
import { printable } from '../../util/index.js';
import { STDIN, readFinding, readNamedInput, writeFailure } from '../read-input.js';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import type { Finding } from '../../findings.js';
import { DEFAULT_MAX_BYTES, parse, type Format } from '../../parse/index.js';
import { serialize } from '../../serialize/index.js';
import { compose, type Fragment } from '../../compose/index.js';

interface ComposeOptions {
  output?: string;
  format?: Format;
}

async function readFragment(
  file: string,
  io: CliIO,
): Promise<{ fragment?: Fragment; format?: Format; findings: Finding[] }> {
  // The reader validate and offers use: `-` is standard input, and the same size limit holds for both.
  const read = await readNamedInput(file, io, DEFAULT_MAX_BYTES, { noun: 'input' });
  if (!read.ok) return { findings: [readFinding(file, read)] };
  const doc = parse(read.bytes, file === STDIN ? {} : { filename: file });
  const errors = doc.findings.filter((f) => f.level === 'error');
  if (doc.value === undefined || errors.length > 0) return { findings: errors.length > 0 ? errors : doc.findings };
  return { fragment: { value: doc.value, source: file }, ...(doc.format ? { format: doc.format } : {}), findings: [] };
}

function line(file: string | undefined, f: Finding): string {
  // File names and messages quote what the user or the file chose: no control character reaches the terminal.
  return `${printable(`${file ? `${file}: ` : ''}${f.pointer || '/'}: ${f.level} ${f.ruleId}: ${f.message}`)}\n`;
}

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('compose')
      .description(
        'merge request fragments of the developer, packager, publisher and user into one request (spec §3.1)',
      )
      .argument(
        '<fragments...>',
        'partial requests, in order of authority, or each naming its role in a root "role" member; - reads standard input',
      )
      .option('-o, --output <file>', 'write the merged request to a file instead of stdout')
      .addOption(
        new Option('--format <format>', 'format of the merged request (default: that of the first fragment)').choices([
          'yaml',
          'json',
          'xml',
        ]),
      )
      .addHelpText(
        'after',
        '\nA later role may narrow (raise a minimum, lower a maximum) and add, never widen or replace (EB-CUR-01…07).\nExit 0 when the merge is clean and the request valid, 1 on a violation or an invalid result, 2 for unreadable input.',
      )
      .action(async (files: string[], opts: ComposeOptions) => {
        if (files.filter((f) => f === STDIN).length > 1) {
          io.stderr('ebkit compose: EBK_USAGE: standard input (-) can be read only once\n');
          done(EXIT.USAGE);
          return;
        }
        const read = await Promise.all(files.map((f) => readFragment(f, io)));
        const unreadable = read.flatMap((r, i) => r.findings.map((f) => line(files[i], f)));
        if (unreadable.length > 0) {
          io.stderr(unreadable.join(''));
          done(
            read.some((r) => r.findings.some((f) => f.ruleId.startsWith('EBK_READ') || f.ruleId === 'EBK_TOO_LARGE'))
              ? EXIT.USAGE
              : EXIT.FINDINGS,
          );
          return;
        }
        const result = compose(read.map((r) => r.fragment as Fragment));
        io.stderr(result.order.map((o, i) => `${i + 1}. ${o.source}${o.role ? ` (${o.role})` : ''}\n`).join(''));
        io.stderr(result.findings.map((f) => line(undefined, f)).join(''));
        if (result.value !== undefined) {
          const text = serialize(result.value, opts.format ?? read[0]?.format ?? 'yaml', 'request');
          if (opts.output === undefined) io.stdout(text);
          else
            try {
              await writeFile(resolve(io.cwd, opts.output), text);
            } catch (err) {
              // A path the user named that cannot be written is theirs to fix, as for migrate -o.
              io.stderr(`ebkit compose: cannot write ${printable(opts.output)}: ${writeFailure(err)}\n`);
              done(EXIT.USAGE);
              return;
            }
        }
        done(result.findings.some((f) => f.level === 'error') ? EXIT.FINDINGS : EXIT.OK);
      });
  },
};
