/** Public API of the toolkit. Each stage re-exports its own entry point. */
export * from './findings.js';
export * from './errors.js';
export { TOOLKIT_VERSION, STANDARD_VERSION } from './version.js';
