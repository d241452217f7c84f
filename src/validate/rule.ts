import type { DocumentType, Level } from '../findings.js';
import type { DocumentNodes } from './walker.js';
import type { RequirementId } from '../model/requirements.js';
import type { Format } from '../parse/types.js';

/** What a rule hands to `ctx.report`: never a severity, only an optional lowering. */
export interface RuleReport {
  /** One of the rule's `requirements`. */
  requirement: RequirementId;
  pointer: string;
  message: string;
  params?: Record<string, unknown>;
  /** Lowers the level derived from the requirement (never raises it). */
  lower?: Level;
}

export interface RuleContext {
  readonly type: DocumentType;
  readonly root: unknown;
  /** The nodes of the document, collected once by the walker. */
  readonly nodes: DocumentNodes;
  /** The text the document was parsed from, when validate was given the parsed document (for a quick look). */
  readonly source?: { readonly format: Format | undefined; readonly text: string };
  report(finding: RuleReport): void;
}

export interface Rule {
  /** Kebab-case name users configure the rule by. */
  readonly slug: string;
  /** Requirement IDs the rule can report. */
  readonly requirements: readonly RequirementId[];
  /** Document types the rule runs on. */
  readonly appliesTo: readonly DocumentType[];
  check(ctx: RuleContext): void;
}

/** Identity helper that gives rule files a checked shape. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
