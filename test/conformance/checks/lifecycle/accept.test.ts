import { testBrokenFor, testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-accept');
// Wrong phase options are EB-LIFE-07's, not the first requirement the check lists.
testBrokenFor('lifecycle-accept', 'wrong-options', 'EB-LIFE-07');
