/** The shell commands README.md shows, exactly as written, block by block. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '../..');

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Each command as a user would paste it: continuation lines joined, the trailing `# comment` removed. */
  readonly commands: readonly string[];
}

/** A comment starts at a `#` preceded by whitespace and not inside quotes (enough for README shell lines). */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

export function readmeBlocks(file = join(REPO, 'README.md')): ReadmeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(sh|bash|shell)\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    const commands: string[] = [];
    let pending = '';
    for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) {
      const text = stripComment(lines[i] ?? '');
      if (text.endsWith('\\')) {
        pending += text.slice(0, -1);
        continue;
      }
      const command = (pending + text).trim();
      pending = '';
      if (command) commands.push(command);
    }
    blocks.push({ line: start, commands });
  }
  return blocks;
}
