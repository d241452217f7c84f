/**
 * Valid offer sets of any size for the benchmarks, built from the corpus
 * example: each offer is the example's first offer with its own uuid and
 * name, trimmed to the parts every offer needs (about 1.1 KB of JSON).
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

const EXAMPLE = new URL('../spec/examples/valid/offerset-yes-three-offers.yaml', import.meta.url);

interface Offer {
  meta: { uuid: string; name: string; url: string } & Record<string, unknown>;
  [key: string]: unknown;
}

export function makeOfferset(offers: number): Record<string, unknown> {
  const example = load(readFileSync(EXAMPLE, 'utf8')) as { offers: Offer[] } & Record<string, unknown>;
  const template = example.offers[0]!;
  const { storage: _s, data: _d, costs: _c, metrics: _m, ...core } = template;
  const compute = { ...(core.compute as Record<string, unknown>) };
  delete compute.volumes; // they name storage, which the trimmed offer leaves out
  const list: Offer[] = [];
  for (let i = 0; i < offers; i++) {
    const uuid = `6b1d0f8f-3a5c-4d2b-8e4f-${i.toString(16).padStart(12, '0')}`;
    list.push({
      ...structuredClone(core),
      compute: structuredClone(compute),
      meta: {
        ...structuredClone(template.meta),
        uuid,
        name: `offer-${i}`,
        url: `https://broker.example.org/sessions/${uuid}`,
      },
    });
  }
  return { ...example, offers: list };
}
