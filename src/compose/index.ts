/**
 * `compose`: spec/03 §3.1. Partial requests written by the developer, packager, publisher and user merge into one
 * execution request by component name; a later role may narrow or add, never widen or replace (EB-CUR-01…07).
 */
import type { Finding } from '../findings.js';
import { validate } from '../validate/index.js';
import { crossedRanges, MergeContext, mergeValue } from './merge.js';
import { isRole, ROLES, type Role } from './roles.js';

export { ROLES, isRole, type Role } from './roles.js';

export interface Fragment {
  /** The fragment as parsed. */
  readonly value: unknown;
  /** Where it came from (a file name), for messages. */
  readonly source: string;
}

export interface ComposeResult {
  /** The merged request; undefined when a fragment was not a mapping. */
  readonly value: Record<string, unknown> | undefined;
  /** The order the fragments were applied in, with their roles. */
  readonly order: readonly { source: string; role: Role | undefined }[];
  /** EB-CUR-… violations, then the validator's errors on the merged request (EB-CUR-01). */
  readonly findings: readonly Finding[];
}

function roleOf(value: Record<string, unknown>): Role | undefined | 'invalid' {
  if (!('role' in value)) return undefined;
  return isRole(value['role']) ? value['role'] : 'invalid';
}

function usage(message: string, pointer = ''): Finding {
  return { ruleId: 'EB-CUR-07', level: 'error', message, pointer };
}

/** Merges fragments; never throws. */
export function compose(fragments: readonly Fragment[]): ComposeResult {
  const findings: Finding[] = [];
  const entries: { source: string; role: Role | undefined; body: Record<string, unknown> }[] = [];
  for (const f of fragments) {
    if (typeof f.value !== 'object' || f.value === null || Array.isArray(f.value)) {
      findings.push(usage(`${f.source} is not a mapping, so it is no fragment of a request`));
      continue;
    }
    const { role: _role, ...body } = f.value as Record<string, unknown>;
    const role = roleOf(f.value as Record<string, unknown>);
    if (role === 'invalid') {
      findings.push(
        usage(
          `${f.source}: role ${JSON.stringify((f.value as Record<string, unknown>)['role'])} is none of ${ROLES.join(', ')}`,
          '/role',
        ),
      );
      continue;
    }
    entries.push({ source: f.source, role, body });
  }
  if (findings.length > 0) return { value: undefined, order: [], findings };
  const marked = entries.filter((e) => e.role !== undefined).length;
  if (marked > 0 && marked < entries.length) {
    const unmarked = entries.filter((e) => e.role === undefined).map((e) => e.source);
    return {
      value: undefined,
      order: [],
      findings: [
        usage(
          `some fragments name their role and ${unmarked.join(', ')} do not; name a role in every fragment, or in none (then the order given is the order of authority)`,
        ),
      ],
    };
  }
  // Array.prototype.sort is stable: fragments of one role keep the order given.
  const ordered =
    marked > 0 ? [...entries].sort((a, b) => ROLES.indexOf(a.role as Role) - ROLES.indexOf(b.role as Role)) : entries;
  let merged: Record<string, unknown> = {};
  const owners = new Map<string, string>();
  for (const entry of ordered) {
    const ctx = new MergeContext(owners, { label: entry.role ? `the ${entry.role} (${entry.source})` : entry.source });
    merged = mergeValue(merged, entry.body, '', ctx) as Record<string, unknown>;
    findings.push(...ctx.findings);
  }
  findings.push(...crossedRanges(merged));
  const invalid = validate(merged, { type: 'request' }).findings.filter((f) => f.level === 'error');
  if (invalid.length > 0) {
    findings.push(
      {
        ruleId: 'EB-CUR-01',
        level: 'error',
        message: `the merged request is not a valid execution request (${invalid.length} error(s) follow)`,
        pointer: '',
      },
      ...invalid,
    );
  }
  return { value: merged, order: ordered.map((e) => ({ source: e.source, role: e.role })), findings };
}
