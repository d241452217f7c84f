import { load, dump } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { DOCUMENT_VALIDATORS } from '../../src/validate/schema-validators.js';
const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds';
const base = load(readFileSync('spec/examples/valid/offerset-yes-three-offers.yaml', 'utf8').replaceAll('@K@', K)) as any;
const offers = [];
for (let i = 0; i < 1000; i++) { const o = structuredClone(base.offers[i % 2]); o.meta.uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`; o.meta.url = `https://b/sessions/${o.meta.uuid}`; offers.push(o); }
const doc = { ...base, offers };
const json = JSON.stringify(doc); const yaml = dump(doc);
function time(f: () => void, n = 10): number { f(); let best = Infinity; for (let i = 0; i < n; i++) { const t = performance.now(); f(); best = Math.min(best, performance.now() - t); } return best; }
for (let round = 0; round < 3; round++)
for (const [fmt, text] of [['json', json], ['yaml', yaml]] as const) {
  const b = time(() => { const d = parse(text, { format: fmt }); DOCUMENT_VALIDATORS.offerset(d.value); });
  const full = time(() => { const r = validate(parse(text, { format: fmt })); if (!r.valid) throw new Error('x'); });
  console.log(fmt, 'parse+ajv', b.toFixed(1), 'full', full.toFixed(1), 'ratio', (b / full).toFixed(2));
}
