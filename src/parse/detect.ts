import type { Format } from './types.js';

/** Media type to format; structured suffixes (+json, +yaml, +xml) count. */
export function formatFromMediaType(mediaType: string | undefined): Format | undefined {
  if (!mediaType) return undefined;
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  if (essence === 'application/json' || essence.endsWith('+json')) return 'json';
  if (/^(application|text)\/(x-)?yaml$/.test(essence) || essence.endsWith('+yaml')) return 'yaml';
  if (essence === 'application/xml' || essence === 'text/xml' || essence.endsWith('+xml')) return 'xml';
  return undefined;
}

export function formatFromFilename(filename: string | undefined): Format | undefined {
  if (!filename) return undefined;
  const m = /\.([a-z]+)$/i.exec(filename);
  switch (m?.[1]?.toLowerCase()) {
    case 'json':
      return 'json';
    case 'yaml':
    case 'yml':
      return 'yaml';
    case 'xml':
      return 'xml';
    default:
      return undefined;
  }
}

/**
 * Guesses from the first significant character(s); control characters say
 * binary (undefined). A sniffed guess is never retried as another format, so a
 * JSON syntax error is reported as such.
 */
export function sniffFormat(text: string): Format | undefined {
  const m = /[^\s]/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  if (!m) return undefined;
  const head = text.slice(0, 512);
  if (/[\u0000-\u0008\u000e-\u001f]/.test(head)) return undefined;
  const c = m[0];
  if (c === '<') return 'xml';
  if (c === '[') return 'json';
  // `{"` opens a JSON object; `{a: 1}` is a YAML flow mapping
  if (c === '{') return /^\{\s*["}]/.test(text.slice(m.index, m.index + 64)) ? 'json' : 'yaml';
  return 'yaml';
}
