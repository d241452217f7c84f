import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { DOCUMENT_VALIDATORS } from '../../src/validate/schema-validators.js';
const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds';
const base = load(readFileSync('spec/examples/valid/offerset-yes-three-offers.yaml', 'utf8').replaceAll('@K@', K)) as any;
const offers = [];
for (let i = 0; i < 1000; i++) { const o = structuredClone(base.offers[i % 2]); o.meta.uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`; o.meta.url = `https://b/sessions/${o.meta.uuid}`; offers.push(o); }
const doc = { ...base, offers };
const json = JSON.stringify(doc); const yaml = dump(doc);
function time(f: () => void, n = 15): number { f(); let best = Infinity; for (let i = 0; i < n; i++) { const t = performance.now(); f(); best = Math.min(best, performance.now() - t); } return best; }
for (const [fmt, text] of [['json', json], ['yaml', yaml]] as const) {
  const base = time(() => { const d = parse(text, { format: fmt }); DOCUMENT_VALIDATORS.offerset(d.value); });
  const full = time(() => { const r = validate(parse(text, { format: fmt })); if (!r.valid) throw new Error(JSON.stringify(r.findings.slice(0, 3))); });
  console.log(fmt, 'parse+ajv', base.toFixed(1), 'full', full.toFixed(1), 'ratio', (base / full).toFixed(2));
}
import { defaultRules } from '../../src/validate/index.js';
const d = parse(json, { format: 'json' });
console.log('findings', validate(d).findings.length);
const value = d.value;
console.log('walk+no rules', time(() => validate(value, { type: 'offerset', rules: [], schema: false })).toFixed(1));
console.log('schema only', time(() => validate(value, { type: 'offerset', rules: [] })).toFixed(1));
for (const r of defaultRules) console.log(r.slug, time(() => validate(value, { type: 'offerset', rules: [r], schema: false })).toFixed(1));
console.log('value: all rules + schema', time(() => validate(value, { type: 'offerset' })).toFixed(1));
console.log('value: all rules no schema', time(() => validate(value, { type: 'offerset', schema: false })).toFixed(1));
console.log('parse json only', time(() => parse(json, { format: 'json' })).toFixed(1));
console.log('ajv only', time(() => DOCUMENT_VALIDATORS.offerset(value)).toFixed(1));
console.log('full detect', time(() => validate(parse(json, { format: 'json' }))).toFixed(1));
