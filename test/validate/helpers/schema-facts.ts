/** The repository root, for tests that read the schema or the examples. */
export { ROOT } from '../../../scripts/schema-io.js';
