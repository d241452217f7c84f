/**
 * fast-xml-parser, loaded on the first XML document only (a sync require, as xmlToObject is sync). The bundled CLI
 * (scripts/bundle-cli.mjs) swaps this module for one whose require names the copy inside the bundle, so an XML
 * validate compiles it from the bundle's code cache instead of loading the package.
 */
import { createRequire } from 'node:module';

export type Fxp = typeof import('fast-xml-parser');

let loaded: Fxp | undefined;

export function fastXmlParser(): Fxp {
  loaded ??= createRequire(import.meta.url)('fast-xml-parser') as Fxp;
  return loaded;
}
