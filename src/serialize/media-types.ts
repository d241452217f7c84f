/** Media types of the three serializations, and which header values name them. */
export type Format = 'json' | 'yaml' | 'xml';

/** The media type written in Content-Type for each format. */
export const MEDIA_TYPES: Record<Format, string> = {
  json: 'application/json',
  yaml: 'application/yaml',
  xml: 'application/xml',
};

/** Every media type read as each format (besides the structured-syntax suffixes +json, +yaml, +xml). */
export const FORMAT_MEDIA_TYPES: Record<Format, readonly string[]> = {
  yaml: ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml', 'application/yml', 'text/yml'],
  json: ['application/json', 'text/json'],
  xml: ['application/xml', 'text/xml'],
};

/** Tie-break order: YAML first (EB-HTTP-03), then JSON, then XML. */
export const FORMAT_PREFERENCE: readonly Format[] = ['yaml', 'json', 'xml'];

/** The format a bare media type (no parameters, lower case) names, if any. */
export function formatOfMediaType(mediaType: string): Format | undefined {
  for (const f of FORMAT_PREFERENCE) if (FORMAT_MEDIA_TYPES[f].includes(mediaType)) return f;
  const slash = mediaType.indexOf('/');
  const plus = mediaType.lastIndexOf('+');
  if (slash > 0 && plus > slash) {
    const suffix = mediaType.slice(plus + 1);
    if (suffix === 'json' || suffix === 'yaml' || suffix === 'xml') return suffix;
  }
  return undefined;
}
