import type { Finding } from '../findings.js';
import { specFinding } from './finding.js';

/** One `[EB-XXX-nn]` in a chapter's prose, where it stands (1-based). */
export interface Citation {
  id: string;
  line: number;
  column: number;
}

/** A chapter of the standard's text as lint-spec reads it. */
export interface Chapter {
  file: string;
  text: string;
}

const CITATION = /\[(EB-[A-Z]+-\d{2})\]/g;
const FENCE = /^\s*(```|~~~)/;

/** The requirement IDs cited as `[EB-XXX-nn]` in a Markdown text, outside fenced code blocks, in order. */
export function citationsOf(markdown: string): Citation[] {
  const out: Citation[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (FENCE.test(text)) fenced = !fenced;
    else if (!fenced)
      for (const m of text.matchAll(CITATION)) if (m[1]) out.push({ id: m[1], line: i + 1, column: m.index + 2 });
  });
  return out;
}

/**
 * The register and the text agree: every ID a chapter cites is in the register (else a reader follows a citation to
 * nothing), and every register entry is cited by some chapter (else its statement has no place in the standard).
 * `registerLine` gives the line of an entry in the register file, so that finding points at it.
 */
export function checkCitations(
  chapters: readonly Chapter[],
  register: { file: string; ids: readonly string[]; registerLine: (id: string) => number | undefined },
): Finding[] {
  const known = new Set(register.ids);
  const cited = new Set<string>();
  const out: Finding[] = [];
  for (const { file, text } of chapters)
    for (const c of citationsOf(text)) {
      cited.add(c.id);
      if (!known.has(c.id))
        out.push(
          specFinding({
            ruleId: 'EBK_CITATION',
            message: `[${c.id}] is cited, but the register holds no requirement ${c.id}`,
            pointer: '',
            line: c.line,
            column: c.column,
            params: { file, id: c.id },
            rule: 'citations',
          }),
        );
    }
  for (const id of register.ids) {
    if (cited.has(id)) continue;
    const line = register.registerLine(id);
    out.push(
      specFinding({
        ruleId: 'EBK_CITATION',
        message: `${id} is in the register, but no chapter of the text cites it as [${id}]`,
        pointer: '',
        ...(line !== undefined ? { line, column: 1 } : {}),
        params: { file: register.file, id },
        rule: 'citations',
      }),
    );
  }
  return out;
}
