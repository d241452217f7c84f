import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import type { Finding } from '../../findings.js';
import { DEFAULT_MAX_BYTES, formatFromFilename, parse } from '../../parse/index.js';
import { serialize, type Format } from '../../serialize/index.js';
import { validate } from '../../validate/index.js';
import { firstDifference } from '../../validate/pointer.js';
import { xmlToObject } from '../../xml/index.js';
import { migrate, type MigrationChange } from '../../migrate/index.js';
import { makeDirectories } from '../../util/fs.js';
import { STDIN, readFinding, readNamedInput, writeFailure } from '../read-input.js';
import { printable } from '../../util/index.js';

interface MigrateOptions {
  check?: boolean;
  output?: string;
  format: 'text' | 'json';
}

/** What happened to one input file. */
interface FileOutcome {
  file: string;
  changes: readonly MigrationChange[];
  /** Unmapped parts, parse problems, and validator errors of the migrated document. */
  findings: Finding[];
  /** The migrated document in the input's format; undefined when the input could not be read or parsed. */
  text: string | undefined;
}

/** Findings that mean an input was not read at all: a usage problem (exit 2), not a finding about a document. */
const UNREADABLE: ReadonlySet<string> = new Set(['EBK_READ_FAILED', 'EBK_TOO_LARGE']);

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `as`: the format to write in (from the output file's extension); the input's own format otherwise. */
async function migrateFile(file: string, io: CliIO, as?: Format): Promise<FileOutcome> {
  // The reader validate and offers use: `-` is standard input, and the same size limit holds for both.
  const read = await readNamedInput(file, io, DEFAULT_MAX_BYTES, { noun: 'input' });
  if (!read.ok) return { file, changes: [], text: undefined, findings: [readFinding(file, read)] };
  const doc = parse(read.bytes, file === STDIN ? {} : { filename: file });
  const parseErrors = doc.findings.filter((f) => f.level === 'error');
  if (doc.value === undefined || doc.format === undefined || parseErrors.length > 0) {
    return { file, changes: [], text: undefined, findings: parseErrors.length > 0 ? parseErrors : doc.findings };
  }
  const result = migrate(doc.value);
  const findings = [...result.findings];
  if (result.docType === undefined) {
    findings.push({
      ruleId: 'EBK_UNKNOWN_TYPE',
      level: 'error',
      message: 'after migration the document type still cannot be told',
      pointer: '',
    });
  } else {
    const check = validate(result.value, { type: result.docType });
    findings.push(...check.findings.filter((f) => f.level === 'error'));
  }
  const format = as ?? doc.format;
  const text =
    result.changes.length > 0 || format !== doc.format
      ? serialize(result.value, format, result.docType ?? 'request')
      : doc.text;
  // XML 1.0 cannot carry every string JSON and YAML can (a control character is written as U+FFFD): a result that
  // would not read back as the same document is not written, and the first place it changes is named (EB-XML-02).
  if (format === 'xml' && format !== doc.format) {
    const changedAt = firstDifference(result.value, xmlToObject(text).value);
    if (changedAt !== undefined) {
      findings.push({
        ruleId: 'EB-XML-02',
        level: 'error',
        message: `written as XML, the document would change at ${changedAt || '/'} (XML 1.0 cannot carry a control character or other value there); it was not written: keep it in ${doc.format.toUpperCase()}`,
        pointer: changedAt,
      });
      return { file, changes: result.changes, findings, text: undefined };
    }
  }
  return { file, changes: result.changes, findings, text };
}

function describe(outcome: FileOutcome): string {
  const lines = outcome.changes.map((c) => `${outcome.file}: ${c.pointer || '/'}: ${c.message} [${c.step}]`);
  for (const f of outcome.findings)
    lines.push(`${outcome.file}: ${f.pointer || '/'}: ${f.level} ${f.ruleId}: ${f.message}`);
  if (lines.length === 0) lines.push(`${outcome.file}: already a 1.0 document, nothing to change`);
  // File names and messages quote what the user or the file chose: no control character reaches the terminal.
  return lines.map(printable).join('\n') + '\n';
}

async function writeOutputs(outcomes: FileOutcome[], output: string, io: CliIO): Promise<void> {
  const target = resolve(io.cwd, output);
  if (outcomes.length === 1) {
    // No result (unreadable, or not writable as asked): nothing is made, and nothing there is overwritten.
    const text = outcomes[0]?.text;
    if (text !== undefined) await writeFile(target, text);
    return;
  }
  makeDirectories(target);
  for (const o of outcomes) if (o.text !== undefined) await writeFile(join(target, basename(o.file)), o.text);
}

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('migrate')
      .description("rewrite documents of older ExecutionBroker generations into 1.0 documents, in the input's format")
      .argument('<files...>', 'JSON, YAML or XML documents; - reads standard input')
      .option('--check', 'only report what would change; exit 1 when a file needs migrating')
      .option(
        '-o, --output <path>',
        'write the result here: a file for one input (in the format its extension names), a directory for several',
      )
      .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
      .addHelpText(
        'after',
        '\nWithout --check or -o, one input is written to stdout and the report to stderr.\nExit 0 when every result is a valid 1.0 document, 1 when something could not be mapped or is still invalid\n(or, with --check, when a file needs migrating), 2 for usage errors.',
      )
      .action(async (files: string[], opts: MigrateOptions) => {
        const usage = (text: string): void => {
          io.stderr(`ebkit migrate: EBK_USAGE: ${text}\n`);
          done(EXIT.USAGE);
        };
        if (files.filter((f) => f === STDIN).length > 1) return usage('standard input (-) can be read only once');
        // Each result in a directory is named after its input, and standard input has no name.
        if (!opts.check && files.length > 1 && files.includes(STDIN))
          return usage('standard input (-) has no name to write its result under in -o DIR; migrate it alone');
        if (!opts.check && opts.output === undefined && files.length > 1)
          return usage('several inputs need -o DIR (or --check)');
        // The format an output file's extension names (`-o result.json`), if any.
        const outputFormat = formatFromFilename(opts.output);
        if (
          files.length > 1 &&
          opts.output !== undefined &&
          outputFormat !== undefined &&
          !isDirectory(resolve(io.cwd, opts.output))
        )
          return usage(`-o ${printable(opts.output)} names a file, but ${files.length} inputs need a directory`);
        // An extension that names no format would be written in the input's format under a name that says otherwise.
        const extension = /\.([^./\\]+)$/.exec(opts.output ?? '')?.[1];
        if (
          files.length === 1 &&
          !opts.check &&
          opts.output !== undefined &&
          outputFormat === undefined &&
          extension !== undefined &&
          !isDirectory(resolve(io.cwd, opts.output))
        )
          return usage(
            `-o ${printable(opts.output)}: .${printable(extension)} names no format; end the file name in .json, .yaml, .yml or .xml (or leave the extension off to keep the input's format)`,
          );
        const as = files.length === 1 && !opts.check ? outputFormat : undefined;
        const outcomes: FileOutcome[] = [];
        for (const file of files) outcomes.push(await migrateFile(file, io, as));
        const unreadable = outcomes.some((o) => o.findings.some((f) => UNREADABLE.has(f.ruleId)));
        const report =
          opts.format === 'json'
            ? JSON.stringify(
                outcomes.map(({ text: _text, ...rest }) => rest),
                null,
                2,
              ) + '\n'
            : outcomes.map(describe).join('');
        const toStdout = opts.check === true || opts.output !== undefined;
        if (toStdout) io.stdout(report);
        else io.stderr(report);
        if (!opts.check) {
          if (opts.output !== undefined) {
            try {
              await writeOutputs(outcomes, opts.output, io);
            } catch (err) {
              // A path the user named that cannot be written is their problem to fix, not an internal error.
              io.stderr(`ebkit migrate: cannot write ${printable(opts.output)}: ${writeFailure(err)}\n`);
              done(EXIT.USAGE);
              return;
            }
          } else if (outcomes[0]?.text !== undefined) io.stdout(outcomes[0].text);
        }
        const failed = outcomes.some((o) => o.findings.some((f) => f.level === 'error'));
        const pending = opts.check === true && outcomes.some((o) => o.changes.length > 0);
        done(unreadable ? EXIT.USAGE : failed || pending ? EXIT.FINDINGS : EXIT.OK);
      });
  },
};
