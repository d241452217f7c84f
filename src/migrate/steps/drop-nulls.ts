import { childPointer } from '../../util/pointer.js';
import type { MigrationStep } from '../types.js';
import { mappings } from '../walk.js';

/**
 * An extension member (`x-vendor`, `urn:…`, `ext:…`): its content is its owner's, where a null may mean something,
 * so it is carried over as it is.
 */
const isExtension = (key: string): boolean => /^x-/i.test(key) || key.includes(':');

/**
 * The Java broker (Jackson) writes an absent member as `null` (`meta.name: null`, `message: null`); 1.0 has no
 * nullable member, so a null is dropped: the member was absent. Not inside an extension member.
 */
export const dropNulls: MigrationStep = {
  slug: 'drop-null',
  apply(root, ctx) {
    for (const { node, pointer } of mappings(root, '', isExtension)) {
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
