/** Writing documents in JSON, YAML or XML, and choosing the format from HTTP headers. */
import type { DocumentType } from '../findings.js';
import { objectToXml } from '../xml/index.js';
import type { Format } from './media-types.js';
import { dumpYaml } from './yaml.js';

export { MEDIA_TYPES, FORMAT_MEDIA_TYPES, formatOfMediaType, type Format } from './media-types.js';
export { negotiateResponseFormat, responseMediaType, formatFromContentType, invalidQualities } from './negotiate.js';
export { dumpYaml, YAML_DUMP_OPTIONS } from './yaml.js';

/**
 * Serializes a document. JSON is indented by two spaces; YAML has no anchors
 * or aliases (a shared object is written twice) and quotes strings a YAML 1.1
 * reader would take for booleans; XML follows schema/xsd/README.md.
 */
export function serialize(value: unknown, format: Format, docType: DocumentType): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(value, null, 2) ?? 'null'}\n`;
    case 'yaml':
      return dumpYaml(value);
    case 'xml':
      return objectToXml(value, docType);
  }
}
