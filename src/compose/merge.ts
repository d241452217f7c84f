import { childPointer } from '../util/pointer.js';
import { LEVEL_SEVERITY, requirementById, type RequirementId } from '../model/requirements.js';
import type { Finding } from '../findings.js';

import { isObject as isObj, type JsonRecord as Obj } from '../util/guards.js';

/**
 * One fragment's merge: who is writing (`later`, e.g. "the user (user.yaml)") and who wrote each value already
 * there (`owners`: JSON Pointer → label, kept across fragments), so a message names the role that fixed a value.
 */
export class MergeContext {
  readonly findings: Finding[] = [];
  constructor(
    readonly owners: Map<string, string>,
    readonly later: { readonly label: string },
  ) {}

  /** The label of whoever wrote the value at `pointer` (or the nearest enclosing one). */
  ownerOf(pointer: string): string {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const owner = this.owners.get(p);
      if (owner !== undefined) return owner;
      if (p === '') return 'an earlier role';
    }
  }

  added(pointer: string): void {
    this.owners.set(pointer, this.later.label);
  }

  violation(
    rule: { readonly requirement: RequirementId },
    pointer: string,
    message: string,
    params: Record<string, unknown>,
  ): void {
    const req = requirementById(rule.requirement);
    this.findings.push({
      ruleId: rule.requirement,
      level: req ? LEVEL_SEVERITY[req.level] : 'error',
      message,
      pointer,
      ...(req ? { specRef: req.section } : {}),
      params,
    });
  }
}

/** Arrays whose items are components matched by name (EB-CUR-01); costs and metrics match by kind and type. */
function itemKey(item: unknown): string | undefined {
  if (!isObj(item)) return undefined;
  const meta = item['meta'];
  if (isObj(meta) && typeof meta['name'] === 'string') return `name:${meta['name']}`;
  if (typeof item['kind'] === 'string' && typeof item['type'] === 'string')
    return `kind:${item['kind']} ${item['type']}`;
  return undefined;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function mergeArray(base: unknown[], next: unknown[], pointer: string, ctx: MergeContext): unknown[] {
  const keyed =
    (base.length > 0 && base.every((i) => itemKey(i) !== undefined)) || next.some((i) => itemKey(i) !== undefined);
  if (!keyed) {
    if (show(base) !== show(next)) {
      ctx.violation(
        { requirement: 'EB-CUR-03' },
        pointer,
        `${ctx.later.label} replaces ${show(base)} with ${show(next)}, which ${ctx.ownerOf(pointer)} fixed; a later role may only add what was absent`,
        { earlier: base, later: next },
      );
    }
    return base;
  }
  const out = [...base];
  for (const item of next) {
    const key = itemKey(item);
    const at = key === undefined ? -1 : out.findIndex((b) => itemKey(b) === key);
    if (at < 0) {
      out.push(item);
      ctx.added(childPointer(pointer, out.length - 1));
    } else out[at] = mergeValue(out[at], item, childPointer(pointer, at), ctx);
  }
  return out;
}

function mergeBound(base: Obj, next: Obj, bound: 'min' | 'max', pointer: string, ctx: MergeContext): void {
  const b = base[bound];
  const n = next[bound];
  if (typeof n !== 'number') return;
  if (typeof b !== 'number') {
    base[bound] = n;
    ctx.added(childPointer(pointer, bound));
    return;
  }
  const widens = bound === 'min' ? n < b : n > b;
  if (widens) {
    const verb = bound === 'min' ? 'lowers the minimum' : 'raises the maximum';
    ctx.violation(
      { requirement: 'EB-CUR-04' },
      childPointer(pointer, bound),
      `${ctx.later.label} ${verb} from ${b} to ${n}, which widens what ${ctx.ownerOf(childPointer(pointer, bound))} gave; a later role may only ${bound === 'min' ? 'raise a minimum' : 'lower a maximum'}`,
      { earlier: b, later: n },
    );
  } else if (n !== b) {
    base[bound] = n;
    ctx.added(childPointer(pointer, bound));
  }
}

function mergeObject(base: Obj, next: Obj, pointer: string, ctx: MergeContext): Obj {
  const out: Obj = { ...base };
  if (typeof base['kind'] === 'string' && typeof next['kind'] === 'string' && base['kind'] !== next['kind']) {
    ctx.violation(
      { requirement: 'EB-CUR-02' },
      childPointer(pointer, 'kind'),
      `${ctx.later.label} changes the kind from "${base['kind']}" to "${next['kind']}", which ${ctx.ownerOf(pointer)} gave; the later fragment is not merged here`,
      { earlier: base['kind'], later: next['kind'] },
    );
    return out;
  }
  for (const [key, value] of Object.entries(next)) {
    if ((key === 'min' || key === 'max') && typeof value === 'number') mergeBound(out, next, key, pointer, ctx);
    else out[key] = mergeValue(out[key], value, childPointer(pointer, key), ctx);
  }
  return out;
}

/** Merges what a later role wrote into what earlier roles wrote; `base` wins every conflict. */
export function mergeValue(base: unknown, next: unknown, pointer: string, ctx: MergeContext): unknown {
  if (base === undefined) {
    ctx.added(pointer);
    return next;
  }
  if (next === undefined) return base;
  if (Array.isArray(base) && Array.isArray(next)) return mergeArray(base, next, pointer, ctx);
  if (isObj(base) && isObj(next)) return mergeObject(base, next, pointer, ctx);
  if (show(base) !== show(next)) {
    ctx.violation(
      { requirement: 'EB-CUR-03' },
      pointer,
      `${ctx.later.label} replaces ${show(base)} with ${show(next)}, which ${ctx.ownerOf(pointer)} fixed; a later role may only add what was absent`,
      { earlier: base, later: next },
    );
  }
  return base;
}

/** Every `{min, max}` pair of the merged request whose minimum ended above its maximum (EB-CUR-05). */
export function crossedRanges(value: unknown, pointer = ''): Finding[] {
  const found: Finding[] = [];
  const visit = (v: unknown, p: string): void => {
    if (Array.isArray(v)) v.forEach((item, i) => visit(item, childPointer(p, i)));
    else if (isObj(v)) {
      if (typeof v['min'] === 'number' && typeof v['max'] === 'number' && v['min'] > v['max']) {
        const req = requirementById('EB-CUR-05');
        found.push({
          ruleId: 'EB-CUR-05',
          level: req ? LEVEL_SEVERITY[req.level] : 'error',
          message: `after merging, the minimum ${v['min']} is above the maximum ${v['max']}: no offer can meet both`,
          pointer: p,
          params: { min: v['min'], max: v['max'] },
        });
      }
      for (const [k, child] of Object.entries(v)) visit(child, childPointer(p, k));
    }
  };
  visit(value, pointer);
  return found;
}
