import { LineCounter, parseDocument, isSeq } from 'yaml';
import { parseSpecYaml } from './yaml.js';
import { errorMessage, isObject } from '../util/index.js';

/**
 * Reads and checks spec/requirements.yaml and renders src/model/requirements.ts from it.
 * Kept apart from the script so the freshness test and lint-spec can call it directly.
 */
export const REQUIREMENT_LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;
export const REQUIREMENT_ORIGINS = ['as-written', 'desc', 'schema', 'derived', 'legacy', 'new'] as const;
/** Sections of our own specification text; `section` must be one of these. */
export const SPEC_SECTIONS = [
  '1',
  '2',
  '2.1',
  '2.2',
  '2.3',
  '2.4',
  '2.5',
  '3',
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '3.5',
  '3.6',
  '3.7',
  '3.8',
  '4',
  '5',
  '6',
  '6.1',
  '6.2',
  '6.3',
  '6.4',
] as const;

export interface RegisterEntry {
  id: string;
  level: (typeof REQUIREMENT_LEVELS)[number];
  statement: string;
  section: string;
  source: string;
  origin: (typeof REQUIREMENT_ORIGINS)[number];
  untestable?: string;
}

export interface RegisterResult {
  entries: RegisterEntry[];
  /** One line per problem, "file:line: where: what" (the line when known); empty when the register is sound. */
  problems: string[];
  /** The same problems, each with the 1-based line of the entry it is about (none for the file as a whole). */
  located: RegisterProblem[];
  /** Every well-formed ID the register holds, once each, defective entries' included. */
  ids: string[];
  /** The 1-based line where the (first) entry of this ID starts in the register text. */
  lineOf: (id: string) => number | undefined;
}

export interface RegisterProblem {
  message: string;
  line?: number;
}

const ID = /^EB-[A-Z]+-\d{2}$/;
const KEYS = new Set(['id', 'level', 'statement', 'section', 'source', 'origin', 'untestable']);

/** Parses the register text; never throws, every defect becomes a problem line. */
export function readRegister(text: string, name = 'requirements.yaml'): RegisterResult {
  const located: RegisterProblem[] = [];
  const whole = (message: string): RegisterResult => result(name, [], [{ message }], new Map(), () => undefined);
  let doc: unknown;
  try {
    doc = parseSpecYaml(text, { uniqueKeys: true });
  } catch (err) {
    return whole(`${name}: not valid YAML (${errorMessage(err).split('\n')[0]})`);
  }
  const list = isObject(doc) ? doc['requirements'] : undefined;
  if (!Array.isArray(list)) return whole(`${name}: top-level "requirements" list missing`);
  // Lines cost a second parse: made only when a problem or a caller asks where an entry stands.
  let lines: (number | undefined)[] | undefined;
  const lineAt = (i: number): number | undefined => (lines ??= itemLines(text))[i];
  const idIndex = new Map<string, number>();
  const seen = new Set<string>();
  const entries: RegisterEntry[] = [];
  const problemAt: number[] = [];
  list.forEach((item: unknown, i) => {
    const where = `requirements[${i}]`;
    const problem = (message: string): void => {
      located.push({ message });
      problemAt.push(i);
    };
    if (!isObject(item)) {
      problem(`${where}: not a mapping`);
      return;
    }
    const str = (k: string): string | undefined => (typeof item[k] === 'string' ? item[k] : undefined);
    const id = str('id');
    if (id && ID.test(id) && !idIndex.has(id)) idIndex.set(id, i);
    const at = id ? `${where} (${id})` : where;
    for (const k of Object.keys(item)) if (!KEYS.has(k)) problem(`${at}: unknown key "${k}"`);
    if (!id || !ID.test(id)) problem(`${at}: id missing or not of the form EB-AREA-nn`);
    else if (seen.has(id)) problem(`${at}: duplicate id`);
    else seen.add(id);
    const level = str('level');
    if (!level || !(REQUIREMENT_LEVELS as readonly string[]).includes(level))
      problem(`${at}: level must be MUST, SHOULD or MAY`);
    const origin = str('origin');
    if (!origin || !(REQUIREMENT_ORIGINS as readonly string[]).includes(origin))
      problem(`${at}: origin must be one of ${REQUIREMENT_ORIGINS.join(', ')}`);
    const section = str('section');
    if (!section || !(SPEC_SECTIONS as readonly string[]).includes(section))
      problem(`${at}: section not in the outline`);
    const statement = str('statement');
    if (!statement?.trim()) problem(`${at}: statement missing`);
    const source = str('source');
    if (!source?.trim()) problem(`${at}: source missing`);
    const untestable = item['untestable'];
    if (untestable !== undefined && (typeof untestable !== 'string' || !untestable.trim()))
      problem(`${at}: untestable must be a non-empty reason`);
    if (id && level && origin && section && statement && source) {
      const entry: RegisterEntry = {
        id,
        level: level as RegisterEntry['level'],
        statement: statement.trim(),
        section,
        source: source.trim(),
        origin: origin as RegisterEntry['origin'],
      };
      if (typeof untestable === 'string' && untestable.trim()) entry.untestable = untestable.trim();
      entries.push(entry);
    }
  });
  located.forEach((p, k) => {
    const line = lineAt(problemAt[k] ?? -1);
    if (line !== undefined) p.line = line;
  });
  return result(name, entries, located, idIndex, lineAt);
}

function result(
  name: string,
  entries: RegisterEntry[],
  located: RegisterProblem[],
  idIndex: Map<string, number>,
  lineAt: (index: number) => number | undefined,
): RegisterResult {
  return {
    entries,
    located,
    problems: located.map((p) => (p.line === undefined ? p.message : `${name}:${p.line}: ${p.message}`)),
    ids: [...idIndex.keys()],
    lineOf: (id) => {
      const i = idIndex.get(id);
      return i === undefined ? undefined : lineAt(i);
    },
  };
}

/** The 1-based line where each item of the top-level `requirements` list starts. */
function itemLines(text: string): (number | undefined)[] {
  const counter = new LineCounter();
  const seq = parseDocument(text, { lineCounter: counter }).get('requirements', true);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => {
    const start = (item as { range?: [number, number, number] }).range?.[0];
    return start === undefined ? undefined : counter.linePos(start).line;
  });
}

/** The text of src/model/requirements.ts for the given register entries (deterministic). */
export function renderRequirementsModule(entries: readonly RegisterEntry[]): string {
  const body = entries.map((e) => `  ${JSON.stringify(e)},`).join('\n');
  return `// GENERATED by scripts/gen-requirements.ts from spec/requirements.yaml. Do not edit; run npm run gen:requirements.
import { LEVEL_RANK, type Level } from './level.js';

export type RequirementLevel = ${REQUIREMENT_LEVELS.map((l) => `'${l}'`).join(' | ')};
export type RequirementOrigin = ${REQUIREMENT_ORIGINS.map((l) => `'${l}'`).join(' | ')};

export interface Requirement {
  readonly id: string;
  readonly level: RequirementLevel;
  /** One sentence, our own wording. */
  readonly statement: string;
  /** Section of our specification text (spec/*.md). */
  readonly section: string;
  readonly source: string;
  readonly origin: RequirementOrigin;
  /** Why neither a rule nor a check can decide it; absent when testable. */
  readonly untestable?: string;
}

export const REQUIREMENTS = [
${body}
] as const satisfies readonly Requirement[];

export type RequirementId = (typeof REQUIREMENTS)[number]['id'];

/** Severity a finding gets from its requirement's level (a rule may only lower it). */
export const LEVEL_SEVERITY: Readonly<Record<RequirementLevel, Level>> = { MUST: 'error', SHOULD: 'warning', MAY: 'info' };

const BY_ID: ReadonlyMap<string, Requirement> = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** The requirement with this ID, or undefined for an unknown ID (e.g. an EBK_* toolkit code). */
export function requirementById(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

export function isRequirementId(id: string): id is RequirementId {
  return BY_ID.has(id);
}

/**
 * The level of a finding against \`id\`: its requirement's MUST, SHOULD or MAY (an unknown ID, such as an EBK_*
 * toolkit code, is an error), lowered to \`lower\` when that is less serious, never raised.
 */
export function findingLevel(id: string, lower?: Level): Level {
  const req = BY_ID.get(id);
  const level = req ? LEVEL_SEVERITY[req.level] : 'error';
  return lower !== undefined && LEVEL_RANK[lower] > LEVEL_RANK[level] ? lower : level;
}
`;
}
