import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
const K = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds';
const base = load(readFileSync('spec/examples/valid/offerset-yes-three-offers.yaml', 'utf8').replaceAll('@K@', K)) as any;
const offers = [];
for (let i = 0; i < 1000; i++) { const o = structuredClone(base.offers[i % 2]); o.meta.uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`; o.meta.url = `https://b/sessions/${o.meta.uuid}`; offers.push(o); }
const json = JSON.stringify({ ...base, offers });
for (let i = 0; i < 40; i++) validate(parse(json, { format: 'json' }));
