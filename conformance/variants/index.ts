/** Conformant brokers that differ from the reference one; the suite must not fail any of them. */
import type { Variant } from './variant.js';
import v0 from './ok-200.js';
import v1 from './empty-303.js';
import v2 from './relative-location.js';
import v3 from './slow-answers.js';
import v4 from './text-yaml.js';
import v5 from './long-lifetime.js';
import v6 from './single-offer.js';
import v7 from './slow-phases.js';
import v8 from './bearer-token.js';
import v9 from './other-origin.js';
import v10 from './busy-at-times.js';
import v11 from './component-schedules.js';
import v12 from './minutes-phases.js';
import v13 from './basic-auth.js';
import v14 from './no-xml-415-first.js';
import v15 from './no-xml-406-first.js';
import v16 from './extension-codes.js';
import v17 from './accept-shows-waiting.js';

export const VARIANTS: Variant[] = [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17];
export type { Variant } from './variant.js';
export { seeded } from './variant.js';
