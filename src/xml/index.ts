/** The object ↔ XML mapping, implemented once (schema/xsd/README.md), and XSD validation. */
export { xmlToObject, buildXmlLocator, type XmlToObjectOptions, type XmlToObjectResult } from './from-xml.js';
export { objectToXml } from './to-xml.js';
export { EB_NS, EXT_NS, ROOTS, docTypeOfRoot } from './mapping.js';
export {
  validateXsd,
  validateXsdBatch,
  startXsd,
  xsdEngine,
  xsdPatternIsValid,
  xsdPatternAccepts,
  XSD_RULE_ID,
} from './validate-xsd.js';
