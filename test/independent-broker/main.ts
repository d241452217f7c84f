/**
 * Starts the independent broker by hand:
 *   npx tsx test/independent-broker/main.ts [--port 8080] [--mode working-group] [--offers 3]
 *     [--fast] [--fault NAME]...
 * --fast shortens every stage to half a second and offers to 3 s (for quick manual runs of the suite).
 */
import { parseArgs } from 'node:util';
import type { BrokerOptions } from './broker.js';
import { FAULTS, isFaultName, type FaultName } from './faults.js';
import { startBrokers } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    mode: { type: 'string', default: 'independent' },
    offers: { type: 'string' },
    fast: { type: 'boolean', default: false },
    fault: { type: 'string', multiple: true, default: [] },
  },
});
const faults: FaultName[] = [];
for (const f of values.fault) {
  if (!isFaultName(f)) {
    process.stderr.write(`unknown fault ${f}; known: ${Object.keys(FAULTS).join(', ')}\n`);
    process.exit(2);
  }
  faults.push(f);
}
if (values.mode !== 'independent' && values.mode !== 'working-group') {
  process.stderr.write(`--mode is independent or working-group, not ${values.mode}\n`);
  process.exit(2);
}
const options: BrokerOptions = { mode: values.mode, faults };
if (values.offers !== undefined) options.offers = Number(values.offers);
if (values.fast)
  options.timings = {
    offer: 3,
    accepted: 0.5,
    waiting: 0.5,
    preparing: 0.5,
    available: 0.5,
    running: 0.5,
    releasing: 0.5,
  };
if (values.fast) options.alignSeconds = 1;
const running = await startBrokers({ '': options }, Number(values.port));
process.stdout.write(`independent broker (${values.mode}) on ${running.url()}\n`);
