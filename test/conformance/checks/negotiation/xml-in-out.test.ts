import { testCheck } from '../../helpers/test-check.js';

testCheck('negotiation-xml-in-out');
