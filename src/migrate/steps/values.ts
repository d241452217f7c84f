import { childPointer } from '../../util/pointer.js';
import type { MigrationStep } from '../types.js';
import { mappings } from '../walk.js';

/** Phase names of the draft text and their 1.0 names (DOMAIN.md §2.2). */
const PHASES: Readonly<Record<string, string>> = { READY: 'AVAILABLE', TEARDOWN: 'RELEASING', PEPARING: 'PREPARING' };

/** Volume modes of the draft text. */
const MODES: Readonly<Record<string, string>> = {
  rw: 'READWRITE',
  readwrite: 'READWRITE',
  'read-write': 'READWRITE',
  ro: 'READONLY',
  r: 'READONLY',
  readonly: 'READONLY',
  'read-only': 'READONLY',
};

/** `P1H`, `P30S`: the draft text's durations without the `T` ISO 8601 requires before hours and seconds. */
const DURATION_WITHOUT_T = /^P(\d+(?:\.\d+)?[HS])$/;

function rewritePath(path: string): string | undefined {
  if (path === 'state') return 'phase';
  if (path === '/state') return '/phase';
  return undefined;
}

/** Values whose spelling changed: phase names, volume modes, option/update paths, durations missing `T`. */
export const valueSpellings: MigrationStep = {
  slug: 'value-spelling',
  apply(root, ctx) {
    for (const { node, pointer } of mappings(root)) {
      const phase = node['phase'];
      if (typeof phase === 'string' && PHASES[phase.toUpperCase()] !== undefined) {
        node['phase'] = PHASES[phase.toUpperCase()];
        ctx.change(childPointer(pointer, 'phase'), `phase "${phase}" is "${String(node['phase'])}" in 1.0`);
      }
      const mode = node['mode'];
      if (typeof mode === 'string' && MODES[mode.toLowerCase()] !== undefined && mode !== MODES[mode.toLowerCase()]) {
        node['mode'] = MODES[mode.toLowerCase()];
        ctx.change(childPointer(pointer, 'mode'), `volume mode "${mode}" is "${String(node['mode'])}" in 1.0`);
      }
      const path = node['path'];
      const kind = node['kind'];
      if (typeof path === 'string' && typeof kind === 'string' && /-(update|option)$/.test(kind)) {
        const next = rewritePath(path);
        if (next !== undefined) {
          node['path'] = next;
          ctx.change(
            childPointer(pointer, 'path'),
            `${kind.endsWith('update') ? 'update' : 'option'} path "${path}" is "${next}" in 1.0`,
          );
        }
      }
      const duration = node['duration'];
      const m = typeof duration === 'string' ? DURATION_WITHOUT_T.exec(duration) : null;
      if (m) {
        node['duration'] = `PT${m[1]}`;
        ctx.change(childPointer(pointer, 'duration'), `duration "${String(duration)}" is not ISO 8601; "PT${m[1]}" is`);
      }
    }
  },
};
