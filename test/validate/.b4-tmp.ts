import { makeOfferset } from '../../bench/offerset-fixture.js';
import { defaultRules, validate } from '../../src/validate/index.js';
const v = JSON.parse(JSON.stringify(makeOfferset(1000)));
function time(f: () => void, n = 25): number { for (let i = 0; i < 3; i++) f(); const xs: number[] = []; for (let i = 0; i < n; i++) { const t = performance.now(); f(); xs.push(performance.now() - t); } xs.sort((a, b) => a - b); return xs[Math.floor(n / 4)]!; }
const walk = time(() => validate(v, { type: 'offerset', rules: [], schema: false }));
console.log('walk', walk.toFixed(2), 'all', time(() => validate(v, { type: 'offerset', schema: false })).toFixed(2));
for (const r of defaultRules) if (r.appliesTo.includes('offerset')) console.log(r.slug.padEnd(20), (time(() => validate(v, { type: 'offerset', rules: [r], schema: false })) - walk).toFixed(2));
