import type { DocumentType, Finding } from '../findings.js';
import { xmlToObject } from '../xml/index.js';
import { parseFinding } from './finding.js';
import { errorMessage } from '../util/index.js';

export interface XmlResult {
  value: unknown;
  findings: Finding[];
  docType?: DocumentType;
}

/** The XML mapping (and its DOCTYPE/entity/depth defences) lives once, in src/xml; this adapts its result. */
export function parseXml(text: string, maxDepth: number): XmlResult {
  try {
    const r = xmlToObject(text, { maxDepth });
    const out: XmlResult = { value: r.value, findings: r.findings };
    if (r.docType) out.docType = r.docType;
    return out;
  } catch (e) {
    return {
      value: undefined,
      findings: [parseFinding('EBK_SYNTAX', `The XML could not be read: ${errorMessage(e)}.`)],
    };
  }
}
