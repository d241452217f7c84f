import { testCheck } from '../../helpers/test-check.js';

testCheck('negotiation-default-yaml');
