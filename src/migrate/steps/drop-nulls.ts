import { childPointer } from '../../util/pointer.js';
import type { MigrationStep } from '../types.js';
import { mappings } from '../walk.js';

/**
 * The Java broker (Jackson) writes an absent member as `null` (`meta.name: null`, `message: null`); 1.0 has no
 * nullable member, so a null is dropped: the member was absent.
 */
export const dropNulls: MigrationStep = {
  slug: 'drop-null',
  apply(root, ctx) {
    for (const { node, pointer } of mappings(root)) {
      for (const key of Object.keys(node)) {
        if (node[key] !== null) continue;
        delete node[key];
        ctx.change(
          childPointer(pointer, key),
          `"${key}" was null, which is how the Java broker writes an absent member; dropped`,
        );
      }
    }
  },
};
