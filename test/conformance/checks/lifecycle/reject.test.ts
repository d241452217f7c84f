import { testBrokenFor, testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-reject');
// Wrong phase options are EB-LIFE-07's, not the first requirement the check lists.
testBrokenFor('lifecycle-reject', 'wrong-options', 'EB-LIFE-07');
