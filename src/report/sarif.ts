import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TOOLKIT_ERROR_CODES } from '../errors.js';
import { LEVEL_SEVERITY, REQUIREMENTS, type Requirement } from '../model/requirements.js';
import { compareFindings, type Finding, type Level } from '../findings.js';
import { TOOLKIT_VERSION } from '../version.js';
import type { FileReport } from './types.js';

export interface SarifOptions {
  /** The requirement register; defaults to the generated one. */
  requirements?: readonly Requirement[];
  /** Where the tool is documented (tool.driver.informationUri). */
  informationUri?: string;
  /** The directory relative paths are relative to (run.originalUriBaseIds %SRCROOT%); defaults to the working directory. */
  srcRoot?: string;
}

/**
 * The base of every relative artifact URI (SARIF 2.1.0 §3.4.4: a relative reference SHOULD name one). Code-scanning
 * services (GitHub's among them) resolve %SRCROOT% against their checkout, so a path relative to it lands on the file.
 */
const SRCROOT = '%SRCROOT%';

const SARIF_LEVEL: Record<Level, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties?: Record<string, unknown>;
}

/**
 * SARIF 2.1.0 for code-scanning UIs: every requirement and toolkit code is a
 * rule (severity from the requirement's MUST/SHOULD/MAY), every finding a
 * result with its region and its JSON Pointer as the logical location.
 */
export function writeSarif(files: readonly FileReport[], opts: SarifOptions = {}): string {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const addRule = (rule: SarifRule): void => {
    if (index.has(rule.id)) return;
    index.set(rule.id, rules.length);
    rules.push(rule);
  };
  const register: readonly Requirement[] = opts.requirements ?? REQUIREMENTS;
  for (const r of register) {
    addRule({
      id: r.id,
      shortDescription: { text: r.statement },
      defaultConfiguration: { level: SARIF_LEVEL[LEVEL_SEVERITY[r.level]] },
      properties: {
        requirementLevel: r.level,
        section: r.section,
        ...(r.untestable ? { untestable: r.untestable } : {}),
      },
    });
  }
  for (const [code, text] of Object.entries(TOOLKIT_ERROR_CODES)) {
    addRule({
      id: code,
      shortDescription: { text },
      defaultConfiguration: { level: 'error' },
      properties: { toolkit: true },
    });
  }
  const results = files.flatMap((file) =>
    [...file.findings].sort(compareFindings).map((f) => {
      if (!index.has(f.ruleId)) {
        addRule({
          id: f.ruleId,
          shortDescription: { text: f.ruleId },
          defaultConfiguration: { level: SARIF_LEVEL[f.level] },
        });
      }
      return result(f, file.path, index.get(f.ruleId) ?? 0);
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ebkit',
            version: TOOLKIT_VERSION,
            semanticVersion: TOOLKIT_VERSION,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules,
          },
        },
        // our columns count UTF-16 code units, as JavaScript strings do
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(opts.srcRoot ?? process.cwd()) } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(f: Finding, path: string, ruleIndex: number): Record<string, unknown> {
  const physicalLocation: Record<string, unknown> = { artifactLocation: artifactLocation(path) };
  if (f.line !== undefined && f.line >= 1) {
    physicalLocation.region =
      f.column !== undefined && f.column >= 1 ? { startLine: f.line, startColumn: f.column } : { startLine: f.line };
  }
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[f.level],
    message: { text: f.message },
    locations: [{ physicalLocation, logicalLocations: [{ fullyQualifiedName: f.pointer, kind: 'value' }] }],
  };
  const properties: Record<string, unknown> = { pointer: f.pointer };
  if (f.rule) properties.rule = f.rule;
  if (f.specRef) properties.specRef = f.specRef;
  if (f.params) properties.params = f.params;
  out.properties = properties;
  return out;
}

/** Relative paths stay relative URI references, against %SRCROOT%; absolute ones become file: URIs. */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return { uri: pathToFileURL(p).href };
  return { uri: p.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** A directory as a file: URI ending in '/', as originalUriBaseIds requires. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}
