/**
 * Every generator, in the order `npm run gen` runs them (a later one may read
 * what an earlier one wrote: the model before the validators, the mapping's XSD
 * before the examples). `npm run check:generated` compares all their outputs.
 */
import type { Generator } from './gen-lib.js';
import * as examples from './gen-examples.js';
import * as importBoundaries from './gen-import-boundaries.js';
import * as indexes from './gen-indexes.js';
import * as knownKinds from './gen-known-kinds.js';
import * as openapi from './gen-openapi-bundle.js';
import * as reportSchema from './gen-report-schema.js';
import * as requirements from './gen-requirements.js';
import * as types from './gen-types.js';
import * as validators from './gen-validators.js';
import * as xsd from './gen-xsd.js';

export const GENERATORS: readonly Generator[] = [
  { name: 'gen:requirements', script: 'scripts/gen-requirements.ts', outputs: requirements.outputs },
  { name: 'gen:types', script: 'scripts/gen-types.ts', outputs: types.outputs },
  { name: 'gen:validators', script: 'scripts/gen-validators.ts', outputs: validators.outputs },
  { name: 'gen:known-kinds', script: 'scripts/gen-known-kinds.ts', outputs: knownKinds.outputs },
  { name: 'gen:xsd', script: 'scripts/gen-xsd.ts', outputs: xsd.outputs },
  { name: 'gen:examples', script: 'scripts/gen-examples.ts', outputs: () => examples.outputs() },
  { name: 'gen:openapi', script: 'scripts/gen-openapi-bundle.ts', outputs: openapi.outputs },
  { name: 'gen:report-schema', script: 'scripts/gen-report-schema.ts', outputs: reportSchema.outputs },
  { name: 'gen:indexes', script: 'scripts/gen-indexes.ts', outputs: indexes.outputs },
  { name: 'gen:import-boundaries', script: 'scripts/gen-import-boundaries.ts', outputs: importBoundaries.outputs },
];
