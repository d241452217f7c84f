import { testBrokenFor, testCheck } from '../../helpers/test-check.js';

testCheck('expiry-offers-expire');
// Wrong phase options are EB-LIFE-07's, not the first requirement the check lists.
testBrokenFor('expiry-offers-expire', 'wrong-options', 'EB-LIFE-07');
