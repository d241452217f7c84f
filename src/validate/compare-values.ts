import type { RuleReport } from './rule.js';
import { childPointer, isObject } from '../util/index.js';

/**
 * EB-OFF-19, values: an offer repeats what the request fixed in its executable and its data resources, so a broker
 * cannot answer with another image, notebook or data location under the requested names. The kind is the requested
 * one, and every value the request gives (its scalar leaves, deep; list items by place, so an offer may add items
 * after them but not drop or change one) is in the offer unchanged.
 *
 * Not compared, as the service fills them in: members the request leaves out or gives as null; the service's own
 * members of a component (`meta`, whose `name` is compared as the component's name, `phase`, `schedule`, `costs`,
 * `metrics`); a Docker port's `external` block (EB-DM-11; EB-OFF-20 rules on a client-set one) and a requested
 * `privileged: true` (EB-OFF-21 rules on it). An offer may leave out a whole member of a component, repeating it by
 * name and kind alone (as the corpus's offers do: offered as requested); a member it does give, it gives with every
 * value the request set in it.
 */
export function fixedValues(
  what: string,
  requested: unknown,
  offered: unknown,
  pointer: string,
  out: RuleReport[],
): void {
  if (!isObject(requested) || !isObject(offered)) return;
  const name = isObject(requested.meta) && typeof requested.meta.name === 'string' ? requested.meta.name : undefined;
  const label = name === undefined ? `the ${what}` : `the ${what} "${name}"`;
  if (typeof requested.kind === 'string' && offered.kind !== requested.kind) {
    out.push({
      requirement: 'EB-OFF-19',
      pointer: `${pointer}/kind`,
      message: `the offer gives ${label} kind ${shown(offered.kind)}, but the request asks for kind ${shown(requested.kind)}`,
      params: {
        component: what,
        name: name ?? null,
        member: '/kind',
        requested: requested.kind,
        offered: offered.kind ?? null,
      },
    });
    return; // another kind's members mean other things: comparing them would only add noise
  }
  const report = (at: string, want: unknown, got: unknown): void => {
    const member = at.slice(pointer.length);
    const where = member.slice(1);
    out.push({
      requirement: 'EB-OFF-19',
      pointer: at,
      message:
        got === undefined || got === null
          ? `the offer leaves out ${where} of ${label}, which the request sets to ${shown(want)}`
          : `the offer changes ${where} of ${label} from the requested ${shown(want)} to ${shown(got)}`,
      params: {
        component: what,
        name: name ?? null,
        member,
        requested: scalarOrNull(want),
        offered: scalarOrNull(got),
      },
    });
  };
  for (const [key, want] of Object.entries(requested)) {
    if (SERVICE_MEMBERS.has(key) || (key === 'privileged' && want === true)) continue;
    // A member left out of the offer is repeated as requested; one the offer gives is held to the request.
    if (offered[key] !== undefined && offered[key] !== null)
      walk(want, offered[key], childPointer(pointer, key), report);
  }
}

/** Members of a component the service writes, never held to the request (`kind` is compared on its own, first). */
const SERVICE_MEMBERS: ReadonlySet<string> = new Set(['kind', 'meta', 'phase', 'schedule', 'costs', 'metrics']);

type Report = (at: string, want: unknown, got: unknown) => void;

/** Holds `got` to every value `want` fixes, reporting the first place on each path where it does not. */
function walk(want: unknown, got: unknown, at: string, report: Report): void {
  if (want === null || want === undefined || !fixes(want)) return;
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return report(at, want, got);
    want.forEach((item, i) => walk(item, got[i], `${at}/${i}`, report));
  } else if (isObject(want)) {
    if (!isObject(got)) return report(at, want, got);
    for (const [key, value] of Object.entries(want)) {
      // A Docker port's external block is the service's (EB-DM-11); a client-set one is EB-OFF-20's business.
      if (key === 'external' && /\/network\/ports\/\d+$/.test(at)) continue;
      walk(value, got[key], childPointer(at, key), report);
    }
  } else if (got !== want) report(at, want, got);
}

/** Whether a requested value fixes anything: a scalar, or a list or mapping holding one. */
function fixes(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.some(fixes);
  if (isObject(v)) return Object.values(v).some(fixes);
  return true;
}

function scalarOrNull(v: unknown): unknown {
  return v === undefined || (typeof v === 'object' && v !== null) ? null : v;
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'a mapping';
  return JSON.stringify(v) ?? 'a value';
}
