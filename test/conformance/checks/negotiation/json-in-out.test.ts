import { testCheck } from '../../helpers/test-check.js';

testCheck('negotiation-json-in-out');
