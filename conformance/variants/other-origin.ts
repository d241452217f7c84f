import { createServer } from 'node:net';
import type { Variant } from './variant.js';
import { startEmbeddedBroker } from '../embedded.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const addr = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return typeof addr === 'object' && addr ? addr.port : 0;
}

/**
 * Names itself by another origin than the one the run was given (a canonical host name): Location, meta.url
 * and the VOSI access URLs say http://localhost:P while the run targets http://127.0.0.1:P. The user vouches
 * for that origin with --allow-origin, and the suite then follows it like the target's own.
 */
const variant: Variant = {
  id: 'other-origin',
  description: 'Hands out URLs on another origin of the same service (run with --allow-origin)',
  start: async () => {
    const port = await freePort();
    const alias = `http://localhost:${port}`;
    const broker = await startEmbeddedBroker(undefined, { publicUrl: alias, host: '127.0.0.1', port });
    return { url: `http://127.0.0.1:${port}`, run: { allowedOrigins: [alias] }, close: () => broker.close() };
  },
};

export default variant;
