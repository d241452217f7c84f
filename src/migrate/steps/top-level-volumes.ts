import { childPointer } from '../../util/pointer.js';
import type { MigrationStep, Obj, StepContext } from '../types.js';
import { isObj } from '../walk.js';

/** The one resource a mount of the 2025-11 generation names, or why there is none. */
function resourceOf(volume: Obj): string | { problem: string } {
  if (typeof volume['resource'] === 'string') return volume['resource'];
  const resources = volume['resources'];
  if (!Array.isArray(resources) || resources.length === 0) return { problem: 'it names no resource' };
  if (resources.length > 1) return { problem: `it names ${resources.length} resources and a 1.0 mount names one` };
  const only: unknown = resources[0];
  if (typeof only === 'string') return only;
  if (isObj(only) && isObj(only['meta']) && typeof only['meta']['name'] === 'string') return only['meta']['name'];
  return { problem: 'its resource is neither a name nor a named component' };
}

function toMount(volume: Obj, resource: string): Obj {
  const { resources: _resources, ...rest } = volume;
  return { ...rest, resource };
}

function moveVolumes(root: Obj, compute: Obj, volumes: unknown[], ctx: StepContext): void {
  const mounts = Array.isArray(compute['volumes']) ? [...(compute['volumes'] as unknown[])] : [];
  const left: unknown[] = [];
  volumes.forEach((volume, i) => {
    const at = childPointer('/volumes', i);
    const resource = isObj(volume) ? resourceOf(volume) : { problem: 'it is not a mapping' };
    if (typeof resource !== 'string' || !isObj(volume)) {
      ctx.unmapped(
        at,
        `the top-level volume cannot become a compute volume mount: ${typeof resource === 'string' ? 'it is not a mapping' : resource.problem}; left where it was`,
      );
      left.push(volume);
      return;
    }
    mounts.push(toMount(volume, resource));
    ctx.change(
      childPointer('/compute/volumes', mounts.length - 1),
      `top-level volume ${i} moved into compute.volumes, naming its resource "${resource}" in "resource"`,
    );
  });
  // Nothing moved and nothing there before: no empty list the input never had.
  if (mounts.length > 0 || Array.isArray(compute['volumes'])) compute['volumes'] = mounts;
  if (left.length > 0) root['volumes'] = left;
  else delete root['volumes'];
}

/**
 * The 2025-11 to 2026-05 generation listed volumes at the top level, each with `resources[]`; 1.0 mounts them in
 * `compute.volumes`, each naming one storage or data resource in `resource`. Without a compute resource to hold
 * them nothing is moved: creating one would invent a platform request the user never made.
 */
export const topLevelVolumes: MigrationStep = {
  slug: 'top-level-volumes',
  apply(root, ctx) {
    const volumes = root['volumes'];
    if (!Array.isArray(volumes)) return;
    const compute = root['compute'];
    if (!isObj(compute)) {
      ctx.unmapped(
        '/volumes',
        'top-level volumes belong in compute.volumes in 1.0, but the document has no compute resource to hold them; left where they were',
      );
      return;
    }
    moveVolumes(root, compute, volumes, ctx);
  },
};
