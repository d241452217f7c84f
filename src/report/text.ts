import { compareFindings, type Finding } from '../findings.js';
import { plural, summarize, type FileReport } from './types.js';
import { printable } from '../util/index.js';

export interface TextOptions {
  /** ANSI colours; the caller decides (TTY and NO_COLOR). */
  color?: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1 } as const;

/**
 * Compiler-style lines, `path:line:column level ruleId message`, that editors
 * and CI annotators understand, then a one-line summary.
 */
export function writeText(files: readonly FileReport[], opts: TextOptions = {}): string {
  const paint = (code: keyof typeof ANSI, s: string): string => (opts.color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  const levelColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  const out: string[] = [];
  for (const file of files) {
    for (const f of [...file.findings].sort(compareFindings)) {
      const where = location(file.path, f);
      out.push(
        `${paint('bold', where)} ${paint(levelColor[f.level], f.level)} ${paint('dim', f.ruleId)} ${oneLine(f.message)}`,
      );
    }
  }
  const s = summarize(files);
  const invalid = s.files - s.valid;
  const counts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.infos > 0) counts.push(plural(s.infos, 'info'));
  const verdict =
    invalid === 0 ? paint('green', `${s.valid} valid`) : `${s.valid} valid, ${paint('red', `${invalid} invalid`)}`;
  out.push(`${plural(s.files, 'file')}: ${verdict}; ${counts.join(', ')}`);
  return out.join('\n') + '\n';
}

function location(rawPath: string, f: Finding): string {
  const path = printable(rawPath);
  if (f.line === undefined) return path;
  return f.column === undefined ? `${path}:${f.line}` : `${path}:${f.line}:${f.column}`;
}

/** A finding must stay on its own line, whatever its message holds. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
