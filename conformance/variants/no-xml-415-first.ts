import type { Variant } from './variant.js';
import { startProxied } from '../mutants/proxy.js';
import { refuseXml } from './no-xml.js';

/** No XML; an XML body sent with Accept: application/xml gets 415, the order spec/06 §6.2 intends. */
const variant: Variant = {
  id: 'no-xml-415-first',
  description: 'No XML: 415 to XML bodies, checked before Accept (406)',
  start: () => startProxied({ request: refuseXml('415-first') }),
};

export default variant;
