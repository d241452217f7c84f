import { STDIN, readFailure, readFinding, readNamedInput } from '../read-input.js';
import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { DOCUMENT_TYPES, isDocumentType, type DocumentType, type Finding } from '../../findings.js';
import { DEFAULT_MAX_BYTES, formatFromFilename, parse, sniffFormat } from '../../parse/index.js';
import { decode, declaredCharset } from '../../parse/decode.js';
import { startXsd } from '../../xml/index.js';
import { compare, detectDocumentType, validate, validateBytes } from '../../validate/index.js';
import { summarize, validationJUnit, writeJson, writeSarif, writeText, type FileReport } from '../../report/index.js';

const FORMATS = ['text', 'json', 'junit', 'sarif'] as const;
type ReportFormat = (typeof FORMATS)[number];

export interface ValidateCliOptions {
  format: ReportFormat;
  type?: string;
  against?: string;
  maxBytes?: string;
}

/** A failure that ends the command with exit 2 and one line on stderr (no stack trace). */
class UsageError {
  constructor(readonly message: string) {}
}

/** How validate names what it reads in its messages, and the flag that raises the limit. */
const NAMING = { noun: 'input', limitHint: '; see --max-bytes' } as const;

async function readInput(name: string, io: CliIO, maxBytes: number): Promise<Buffer> {
  const read = await readNamedInput(name, io, maxBytes, NAMING);
  if (!read.ok) throw new UsageError(read.message);
  return read.bytes;
}

function parseMaxBytes(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_BYTES;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new UsageError(
      `--max-bytes must be a whole number of bytes from 1 to ${MAX_BYTES_CEILING} (64 MiB), got "${raw.slice(0, 40)}"`,
    );
  }
  if (Number(raw) > MAX_BYTES_CEILING)
    throw new UsageError(
      `--max-bytes may be at most ${MAX_BYTES_CEILING} (64 MiB): a document is parsed whole, with its positions, in memory, and one past that takes gigabytes and minutes; got ${raw}`,
    );
  return Number(raw);
}

/**
 * The most --max-bytes may allow. Parsing keeps the text, the value and a position index at once (about 9× the
 * bytes of RSS measured on a 600 MB file, which took 5 GB and never finished), and V8 holds no string past 512 MB.
 */
const MAX_BYTES_CEILING = 64 * 1024 * 1024;

const A_DOCUMENT: Record<DocumentType, string> = {
  request: 'a request',
  offerset: 'an offer set',
  session: 'a session',
  update: 'an update',
  error: 'an error document',
};

/** Reads and checks the request that --against names; every offer set is compared with it. */
async function loadAgainst(name: string, io: CliIO, maxBytes: number): Promise<unknown> {
  const doc = parse(await readInput(name, io, maxBytes), { filename: name, maxBytes });
  if (doc.value === undefined) {
    const why = doc.findings[0]?.message ?? 'it could not be parsed';
    throw new UsageError(`--against ${name}: ${why}`);
  }
  // The schema requires little of a request, so an offer set would pass as one and compare nothing.
  const type = detectDocumentType(doc.value);
  if (type !== undefined && type !== 'request')
    throw new UsageError(`--against ${name}: it is ${A_DOCUMENT[type]}, not a request`);
  const result = validate(doc, { type: 'request' });
  if (!result.valid) throw new UsageError(`--against ${name}: the request is not valid (run ebkit validate ${name})`);
  return doc.value;
}

function positioned(
  findings: Finding[],
  locate: (p: string) => { line: number; column: number } | undefined,
): Finding[] {
  return findings.map((f) => {
    const pos = locate(f.pointer);
    return pos ? { ...f, line: pos.line, column: pos.column } : f;
  });
}

function render(format: ReportFormat, files: FileReport[], color: boolean): string {
  switch (format) {
    case 'json':
      return writeJson(files);
    case 'junit':
      return validationJUnit(files);
    case 'sarif':
      return writeSarif(files);
    default:
      return writeText(files, { color });
  }
}

/**
 * For an XML document, starts its XSD check before validateBytes parses it: a native xmllint then runs beside the
 * parse and the JSON Schema stage instead of after them. The text is decoded as parse decodes it, so the
 * validateXsd call inside validateBytes finds the check by its text; input parse will refuse is left alone.
 */
function startXsdAhead(bytes: Buffer, filename: string | undefined, maxBytes: number): void {
  const { text, findings } = decode(bytes, maxBytes, declaredCharset(bytes, undefined));
  if (findings.length > 0 || text.trim() === '') return;
  if ((formatFromFilename(filename) ?? sniffFormat(text)) === 'xml') startXsd(text);
}

/** Runs `ebkit validate` and returns the exit code: 0 clean, 1 an error-level finding, 2 usage or input problem. */
export async function runValidate(inputs: string[], opts: ValidateCliOptions, io: CliIO): Promise<number> {
  try {
    if (inputs.length === 0) throw new UsageError('name at least one file, or - for standard input');
    if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
    let type: DocumentType | undefined;
    if (opts.type !== undefined) {
      if (!isDocumentType(opts.type))
        throw new UsageError(`--type must be one of ${DOCUMENT_TYPES.join(', ')}, got "${opts.type}"`);
      type = opts.type;
    }
    const maxBytes = parseMaxBytes(opts.maxBytes);
    const request = opts.against === undefined ? undefined : await loadAgainst(opts.against, io, maxBytes);

    const files: FileReport[] = [];
    let unreadable = 0;
    for (const name of inputs) {
      const read = await readNamedInput(name, io, maxBytes, NAMING);
      if (!read.ok) {
        // One unreadable file is a finding for that file; the rest of the batch is still validated.
        unreadable++;
        io.stderr(`ebkit validate: ${read.message}\n`);
        files.push({
          path: name,
          format: undefined,
          type: undefined,
          valid: false,
          findings: [readFinding(name, read)],
        });
        continue;
      }
      const bytes = read.bytes;
      const filename = name === STDIN ? undefined : name;
      startXsdAhead(bytes, filename, maxBytes);
      const result = await validateBytes(bytes, { filename, maxBytes, type });
      let findings = result.findings;
      if (request !== undefined && result.type === 'offerset' && result.document.value !== undefined) {
        const doc = result.document;
        findings = [...findings, ...positioned(compare(request, doc.value), (p) => doc.locate(p))];
      }
      files.push({
        path: name,
        format: result.format,
        type: result.type,
        // The result's verdict also counts errors past those listed.
        valid: result.valid && !findings.some((f) => f.level === 'error'),
        findings,
      });
    }
    const color = io.isTTY && !io.env.NO_COLOR && opts.format === 'text';
    io.stdout(render(opts.format, files, color));
    if (unreadable > 0) return EXIT.USAGE;
    return summarize(files).errors > 0 || files.some((f) => !f.valid) ? EXIT.FINDINGS : EXIT.OK;
  } catch (err) {
    const message = err instanceof UsageError ? err.message : `internal error: ${readFailure(err)}`;
    io.stderr(`ebkit validate: ${message}\n`);
    return EXIT.USAGE;
  }
}

export const command: CommandModule = {
  register(program, io, done) {
    program
      .command('validate')
      .description("check ExecutionBroker documents (JSON, YAML or XML) against the schema and the standard's rules")
      .argument('<files...>', 'documents to check; - reads standard input')
      .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
      .addOption(new Option('--type <type>', 'document type (detected when absent)').choices(DOCUMENT_TYPES))
      .option('--against <file>', 'compare each offer set with this request (EB-OFF-01, -05, -12, -19)')
      .option('--max-bytes <n>', `largest input accepted, in bytes (default ${DEFAULT_MAX_BYTES})`)
      .addHelpText(
        'after',
        '\nExit 0 when no document has an error-level finding (warnings and infos allowed), 1 when one has, 2 for usage\nerrors or an input that could not be read (missing, a directory, larger than --max-bytes); the other inputs are\nstill checked and reported.',
      )
      .action(async (files: string[], opts: ValidateCliOptions) => {
        done(await runValidate(files, opts, io));
      });
  },
};
