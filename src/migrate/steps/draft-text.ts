import { childPointer } from '../../util/pointer.js';
import type { MigrationStep, Obj, StepContext } from '../types.js';
import { isObj, mappings } from '../walk.js';

/** Quantities the text wrote as `{requested: {min, max, units}, offered: {…}}` (DOMAIN.md §2.2), 1.0's `{min, max}`. */
const QUANTITIES = ['cores', 'memory', 'size'] as const;
/** The unit 1.0 counts memory and storage in; cores have none. */
const GIB = /^gib$/i;
/** Members of the text generation with no 1.0 equivalent this step can derive: reported, left as they were. */
const TEXT_ONLY: Record<string, string> = {
  datetime: 'the text\'s "datetime" list has no 1.0 equivalent short of one schedule.requested; write it by hand',
  reasons: 'the text\'s "reasons" are 1.0\'s meta.messages (MessageItems), which need a kind and level',
  ident: 'the text\'s "ident" is 1.0\'s meta.uuid, which the broker assigns',
};

/**
 * The standard's text (2025-04, DOMAIN.md §2.2) held resources in `resources: {compute: [..], storage: [..]}`,
 * quantities as `{requested: {..}, offered: {..}}` and a Jupyter notebook's URL in `spec.notebook`; 1.0 has one
 * `compute`, lists `storage` and `data`, one `{min, max}` and `location`. Runs before the kind step, so the moved
 * components get 1.0 kinds too. What it cannot place is reported, never dropped: a request half-mapped would ask
 * for less than its author did and still validate.
 */
export const draftText: MigrationStep = {
  slug: 'draft-text',
  apply(root, ctx) {
    liftResources(root, ctx);
    for (const { node, pointer } of mappings(root)) {
      for (const q of QUANTITIES) quantity(node, q, childPointer(pointer, q), ctx);
      if (isObj(node['spec']) && (typeof node['type'] === 'string' || typeof node['kind'] === 'string'))
        specBlock(node, pointer, ctx);
    }
    for (const [key, why] of Object.entries(TEXT_ONLY))
      if (root[key] !== undefined) ctx.unmapped(childPointer('', key), `${why}; left as it was`);
  },
};

function liftResources(root: Obj, ctx: StepContext): void {
  const resources = root['resources'];
  if (!isObj(resources)) return;
  const left: Obj = {};
  for (const [key, list] of Object.entries(resources)) {
    const at = childPointer('/resources', key);
    const target = key === 'compute' ? 'compute' : key === 'storage' || key === 'data' ? key : undefined;
    if (target === undefined || !Array.isArray(list) || root[target] !== undefined) {
      ctx.unmapped(
        at,
        target === undefined
          ? `the text's resources.${key} has no 1.0 equivalent; left as it was`
          : !Array.isArray(list)
            ? `resources.${key} is not a list; left as it was`
            : `the document has both resources.${key} and ${target}; left as it was`,
      );
      left[key] = list;
    } else if (target === 'compute' && list.length !== 1) {
      ctx.unmapped(at, `resources.compute lists ${list.length} resources and a 1.0 request has one; left as it was`);
      left[key] = list;
    } else {
      root[target] = target === 'compute' ? list[0] : list;
      ctx.change(childPointer('', target), `resources.${key} moved to "${target}"`);
    }
  }
  if (Object.keys(left).length > 0) root['resources'] = left;
  else delete root['resources'];
}

function quantity(node: Obj, key: (typeof QUANTITIES)[number], at: string, ctx: StepContext): void {
  const value = node[key];
  if (!isObj(value) || (!isObj(value['requested']) && !isObj(value['offered']))) return;
  // An offer quotes what it offers; a request asks for what it requests.
  const from = isObj(value['offered']) ? 'offered' : 'requested';
  const chosen = value[from] as Obj;
  const units = chosen['units'];
  const { units: _units, ...range } = chosen;
  if (units !== undefined && (key === 'cores' || typeof units !== 'string' || !GIB.test(units))) {
    ctx.unmapped(
      at,
      `${key}.${from} is in ${JSON.stringify(units)}, and 1.0 counts ${key === 'cores' ? 'cores without a unit' : 'GiB'}; left as it was`,
    );
    return;
  }
  node[key] = range;
  // Both given: an offer's own quote is kept, and the request it answered is said to be left out, not lost silently.
  const both = from === 'offered' && value['requested'] !== undefined;
  ctx.change(
    at,
    `${key}.${from} is 1.0's ${key} {min, max}${both ? `; ${key}.requested (what the request asked) is not kept: an offer states what it offers` : ''}`,
  );
}

function specBlock(node: Obj, pointer: string, ctx: StepContext): void {
  const spec = node['spec'] as Obj;
  const kind = String(node['kind'] ?? node['type']);
  const left: Obj = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'notebook' && /jupyter/i.test(kind) && node['location'] === undefined && typeof value === 'string') {
      node['location'] = value;
      ctx.change(childPointer(pointer, 'location'), 'spec.notebook is 1.0\'s "location" of a Jupyter notebook');
    } else {
      ctx.unmapped(
        childPointer(childPointer(pointer, 'spec'), key),
        `spec.${key} has no 1.0 equivalent here; left as it was`,
      );
      left[key] = value;
    }
  }
  if (Object.keys(left).length > 0) node['spec'] = left;
  else delete node['spec'];
}
