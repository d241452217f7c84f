import { testCheck } from '../../helpers/test-check.js';

testCheck('negotiation-yaml-in-out');
