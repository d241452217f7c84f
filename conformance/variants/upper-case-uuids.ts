import type { Variant } from './variant.js';
import { startSessionEditor } from '../mutants/proxy.js';

/**
 * Writes each session's meta.uuid in upper case while its URL keeps the lower case (RFC 9562 §4: a UUID's hex
 * digits are the same in either case; a Java broker printing UUIDs one way and routing them another does this).
 */
const variant: Variant = {
  id: 'upper-case-uuids',
  description: "Writes meta.uuid in upper case; meta.url keeps the broker's lower case",
  start: () =>
    startSessionEditor((s) => {
      const meta = s['meta'];
      if (meta && typeof meta === 'object' && typeof (meta as Record<string, unknown>)['uuid'] === 'string') {
        const m = meta as Record<string, unknown>;
        m['uuid'] = String(m['uuid']).toUpperCase();
      }
    }),
};

export default variant;
