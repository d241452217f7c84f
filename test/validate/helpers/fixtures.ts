import { load } from 'js-yaml';
import { exampleText } from './corpus.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh copy of a valid corpus example, to mutate into a failing fixture. */
const cache = new Map<string, Json>();

export function example(file: string): Json {
  let doc = cache.get(file);
  if (!doc) {
    const text = exampleText(file, 'yaml');
    if (text === undefined) throw new Error(`missing example ${file}`);
    doc = load(text) as Json;
    cache.set(file, doc);
  }
  return structuredClone(doc);
}

export const request = (): Json => example('valid/request-docker-ports-volumes.yaml');
export const offerset = (): Json => example('valid/offerset-yes-three-offers.yaml');
export const session = (): Json => example('valid/session-offered.yaml');
export const accepted = (): Json => example('valid/session-accepted.yaml');
export const update = (): Json => example('valid/update-accept-enum-value.yaml');
