import { SESSION_PHASES } from '../../model/kinds.js';
import { childPointer } from '../../util/pointer.js';
import type { MigrationStep } from '../types.js';
import { isObj, mappings, renameMember } from '../walk.js';

// 1.0's phases and the pre-1.0 names of the migration's phase step: a `state` holding one of them is a phase.
const PHASE_VALUES = new Set<string>([...SESSION_PHASES, 'INITIALIZING', 'READY', 'TEARDOWN']);

/**
 * Members 1.0 renamed: `computer` → `compute`; `state` → `phase` on sessions and components (only when it holds a
 * phase name, so an unrelated `state` member is left alone). Runs first, so later pointers name 1.0 paths.
 */
export const memberNames: MigrationStep = {
  slug: 'member-name',
  apply(root, ctx) {
    for (const { node, pointer } of mappings(root)) {
      if (node['computer'] !== undefined && node['compute'] === undefined) {
        renameMember(node, 'computer', 'compute');
        ctx.change(childPointer(pointer, 'compute'), '"computer" is called "compute" in 1.0');
      }
      const state = node['state'];
      if (node['phase'] === undefined && typeof state === 'string' && PHASE_VALUES.has(state.toUpperCase())) {
        renameMember(node, 'state', 'phase');
        ctx.change(childPointer(pointer, 'phase'), '"state" is called "phase" in 1.0');
      }
    }
  },
};

/** A component's bare `name` (2025-04 generation) → `meta.name`; after `older-kind`, which makes `kind` known. */
export const componentNames: MigrationStep = {
  slug: 'component-name',
  apply(root, ctx) {
    for (const { node, pointer } of mappings(root)) {
      const name = node['name'];
      if (typeof node['kind'] === 'string' && typeof name === 'string') {
        const meta = node['meta'];
        if (meta === undefined || (isObj(meta) && meta['name'] === undefined)) {
          delete node['name'];
          node['meta'] = { ...(isObj(meta) ? meta : {}), name };
          ctx.change(
            childPointer(childPointer(pointer, 'meta'), 'name'),
            'a component\'s "name" lives in "meta.name" in 1.0',
          );
        }
      }
    }
  },
};
