import { wrapperOf } from '../../validate/generations.js';
import type { MigrationStep } from '../types.js';

/**
 * `{update: {…}}`, `{request: {…}}`, `{response: {…}}`, `{offer: {…}}`: earlier generations wrapped the whole
 * document in one root key; 1.0 documents have no wrapper.
 */
export const unwrapEnvelope: MigrationStep = {
  slug: 'unwrap-envelope',
  apply(root, ctx) {
    const wrapped = wrapperOf(root);
    if (!wrapped) return;
    delete root[wrapped.key];
    Object.assign(root, wrapped.inner);
    ctx.change(
      '',
      `unwrapped the "${wrapped.key}" envelope of ${wrapped.generation}; 1.0 ${wrapped.type} documents have no wrapper`,
    );
  },
};
