/** The conformance suite: checks, runner and types. */
export { ALL_CHECKS } from './checks/index.js';
export { runConformance, selectChecks, summarize, exitCodeOf } from './runner.js';
export type { RunOptions } from './runner.js';
export { PROBE_OWNED_HEADERS, runHeaders } from './lib/run-headers.js';
export * from './types.js';
