import type { Finding, Level } from '../findings.js';
import { specFinding } from './finding.js';
import type { RequirementId } from '../model/requirements.js';
import { xsdPatternAccepts, xsdPatternIsValid } from '../xml/index.js';
import { stripAnchors } from './drift.js';
import { errorMessage, escapeToken, isObject } from '../util/index.js';

/**
 * EB-SCH-09: every pattern is a valid ECMAScript (`u`) and XSD regular expression, accepts the
 * examples written next to it, and the ISO 8601 patterns reject the forms the standard excludes.
 */
export interface PatternSite {
  pattern: string;
  file: string;
  pointer: string;
  /** Name of the schema or property that holds the pattern (probes are chosen by it). */
  name: string;
  examples: string[];
  /** XSD facets are unanchored; JSON Schema patterns are anchored by the writer. */
  dialect: 'json' | 'xsd';
}

/** Collects every string-valued `pattern` keyword of a JSON Schema / OpenAPI document. */
export function jsonPatternSites(doc: unknown, file: string): PatternSite[] {
  const out: PatternSite[] = [];
  const walk = (node: unknown, pointer: string, name: string, depth: number): void => {
    if (depth > 200) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, `${pointer}/${i}`, name, depth + 1));
      return;
    }
    if (!isObject(node)) return;
    if (typeof node['pattern'] === 'string') {
      const examples: string[] = [];
      if (Array.isArray(node['examples']))
        for (const e of node['examples']) if (typeof e === 'string') examples.push(e);
      if (typeof node['example'] === 'string') examples.push(node['example']);
      out.push({ pattern: node['pattern'], file, pointer: `${pointer}/pattern`, name, examples, dialect: 'json' });
    }
    for (const [k, v] of Object.entries(node)) {
      // The name of a schema is its key under $defs, components/schemas or properties.
      const parentKey = pointer.split('/').pop();
      const childName =
        parentKey === '$defs' || parentKey === 'schemas' || parentKey === 'properties' || parentKey === 'definitions'
          ? k
          : name;
      if (k === 'examples' || k === 'example' || k === 'enum' || k === 'const') continue;
      walk(v, `${pointer}/${escapeToken(k)}`, childName, depth + 1);
    }
  };
  walk(doc, '', '', 0);
  return out;
}

/** Collects the pattern facets of an XSD, named by their enclosing simple type. */
export function xsdPatternSites(text: string, file: string): PatternSite[] {
  const out: PatternSite[] = [];
  const re =
    /<(?:\w+:)?simpleType\b[^>]*\bname="([^"]+)"[\s\S]*?<\/(?:\w+:)?simpleType>|<(?:\w+:)?pattern\b[^>]*\bvalue="([^"]*)"/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) {
      for (const p of m[0].matchAll(/<(?:\w+:)?pattern\b[^>]*\bvalue="([^"]*)"/g)) {
        out.push({
          pattern: unescapeXml(p[1] ?? ''),
          file,
          pointer: `/simpleType[@name='${m[1]}']`,
          name: m[1],
          examples: [],
          dialect: 'xsd',
        });
      }
    } else if (m[2] !== undefined) {
      out.push({ pattern: unescapeXml(m[2]), file, pointer: '/pattern', name: '', examples: [], dialect: 'xsd' });
    }
  }
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

interface Probe {
  applies: RegExp;
  ruleId: RequirementId;
  accept: string[];
  reject: [string, string][];
}

/** Forms the standard requires (accept) or excludes (reject), chosen by the schema's name. */
export const PROBES: readonly Probe[] = [
  {
    applies: /interval/i,
    ruleId: 'EB-SCH-01',
    accept: ['2026-08-14T11:00:00Z/PT2H', '2026-08-14T11:00:00Z/2026-08-14T12:00:00Z', '2023-08-14/P1D'],
    reject: [
      ['PT2H/2026-08-14T12:00:00Z', 'a duration/end interval'],
      ['PT2H', 'a bare duration'],
      ['R2/2026-08-14T11:00:00Z/PT1H', 'a repeating interval'],
      ['2026-08-14T11:00:00Z/PT', 'an empty duration'],
    ],
  },
  {
    applies: /startrange/i,
    ruleId: 'EB-SCH-01',
    accept: ['2023-08-14T11:30Z', '2023-08-14', '2023-08-14T11:30Z/PT30M', '2023-08-14/P1D'],
    reject: [
      ['PT2H/2026-08-14T12:00:00Z', 'a duration/end interval'],
      ['PT2H', 'a bare duration'],
      ['R2/2026-08-14T11:00:00Z/PT1H', 'a repeating interval'],
      ['2026-08-14T11:00:00Z/PT', 'an empty duration'],
    ],
  },
  {
    applies: /duration/i,
    ruleId: 'EB-SCH-05',
    accept: ['PT1H', 'P1D', 'PT45S'],
    reject: [
      ['P1DT', 'a dangling T'],
      ['P', 'an empty duration'],
    ],
  },
  {
    applies: /instant/i,
    ruleId: 'EB-SCH-05',
    accept: ['2026-08-14T11:00:00Z'],
    reject: [['2026-08-14T11:00:00garbage', 'trailing text after the time']],
  },
];

function site(s: PatternSite): { file: string } {
  return { file: s.file };
}

function ecma(pattern: string): { re?: RegExp; error?: string } {
  try {
    return { re: new RegExp(pattern, 'u') };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

/** Checks the pattern sites; async because XSD validity is decided by libxml2. */
export async function checkPatterns(sites: readonly PatternSite[]): Promise<Finding[]> {
  const out: Finding[] = [];
  // `at` names the requirement as a `ruleId:` literal, which is how the coverage matrix finds what a linter reports.
  const add = (
    s: PatternSite,
    at: { ruleId: RequirementId; lower?: Level },
    message: string,
    params: Record<string, unknown> = {},
  ): void => {
    out.push(
      specFinding({
        ruleId: at.ruleId,
        ...(at.lower ? { lower: at.lower } : {}),
        message: `${s.name || s.pointer}: ${message}`,
        pointer: s.pointer,
        params: { ...site(s), pattern: s.pattern, ...params },
        rule: 'pattern',
      }),
    );
  };
  // libxml2 runs in a worker per call: ask once per distinct pattern, all at once.
  const xsdFormOf = (s: PatternSite): string => (s.dialect === 'xsd' ? s.pattern : stripAnchors(s.pattern));
  const forms = [...new Set(sites.map(xsdFormOf))];
  const validity = new Map(forms.map((f, i) => [f, i] as const));
  const valid = await Promise.all(forms.map((f) => xsdPatternIsValid(f)));
  const acceptKey = (s: PatternSite): string => `${xsdFormOf(s)}\u0000${s.examples.join('\u0000')}`;
  const withExamples = sites.filter((s) => s.examples.length > 0 && valid[validity.get(xsdFormOf(s)) ?? -1]);
  const acceptJobs = new Map<string, Promise<boolean[] | undefined>>();
  for (const s of withExamples)
    if (!acceptJobs.has(acceptKey(s))) acceptJobs.set(acceptKey(s), xsdPatternAccepts(xsdFormOf(s), s.examples));
  for (const s of sites) {
    const anchoredForEcma = s.dialect === 'xsd' ? `^(?:${s.pattern})$` : s.pattern;
    const xsdForm = xsdFormOf(s);
    const { re, error } = ecma(anchoredForEcma);
    if (error) {
      const atomic = s.pattern.includes('(?>');
      add(
        s,
        { ruleId: 'EB-SCH-09' },
        `not a valid ECMAScript regular expression with the u flag${atomic ? ' (it uses an atomic group "(?>", which ECMAScript does not have)' : ''}: ${error}`,
        {
          atomicGroup: atomic,
        },
      );
    }
    const xsdOk = valid[validity.get(xsdForm) ?? -1] === true;
    if (!xsdOk) add(s, { ruleId: 'EB-SCH-09' }, `not a valid XSD regular expression (as ${JSON.stringify(xsdForm)})`);
    if (s.dialect === 'json' && s.pattern.length > 0 && (!s.pattern.startsWith('^') || !s.pattern.endsWith('$'))) {
      add(
        s,
        { ruleId: 'EB-SCH-09', lower: 'warning' },
        'is not anchored with ^…$, so in JSON Schema it matches anywhere in the value while the XSD facet must match the whole value',
      );
    }
    // Examples written next to the pattern must pass it, in both dialects.
    if (re) {
      for (const ex of s.examples)
        if (!re.test(ex))
          add(s, { ruleId: 'EB-SCH-09' }, `rejects its own example ${JSON.stringify(ex)}`, {
            example: ex,
          });
    }
    if (xsdOk && s.examples.length > 0) {
      const verdicts = await acceptJobs.get(acceptKey(s));
      verdicts?.forEach((ok, i) => {
        if (!ok)
          add(
            s,
            { ruleId: 'EB-SCH-09' },
            `as an XSD pattern, rejects its own example ${JSON.stringify(s.examples[i])}`,
            { example: s.examples[i] },
          );
      });
    }
    // Semantic probes. An ECMAScript-invalid pattern is probed with atomic groups read as plain groups.
    const probeRe = re ?? ecma(anchoredForEcma.replace(/\(\?>/g, '(?:')).re;
    if (!probeRe) continue;
    const approx = re ? '' : ' (probed with "(?>" read as "(?:")';
    for (const probe of PROBES) {
      if (!probe.applies.test(s.name)) continue;
      for (const [value, what] of probe.reject) {
        if (probeRe.test(value))
          add(
            s,
            { ruleId: probe.ruleId },
            `accepts ${what}, ${JSON.stringify(value)}, which the standard excludes${approx}`,
            { value },
          );
      }
      for (const value of probe.accept) {
        if (!probeRe.test(value))
          add(s, { ruleId: probe.ruleId }, `rejects ${JSON.stringify(value)}, which the standard allows${approx}`, {
            value,
          });
      }
      for (const ex of s.examples) {
        const bad = probe.reject.find(([v]) => sameForm(v, ex));
        if (bad)
          add(s, { ruleId: probe.ruleId }, `gives ${JSON.stringify(ex)} as an example, but that is ${bad[1]}`, {
            example: ex,
          });
      }
      break;
    }
  }
  return out;
}

/** Whether an example has the same shape as a probe value (duration first, then a date). */
function sameForm(probe: string, example: string): boolean {
  if (probe.startsWith('PT2H/')) return /^P[^/]*\/\d/.test(example);
  if (probe.startsWith('R2/')) return /^R\d*\//.test(example);
  return false;
}
