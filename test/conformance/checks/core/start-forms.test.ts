import { testBrokenFor, testCheck } from '../../helpers/test-check.js';

testCheck('core-start-forms');
// An offer outside the bare date's day misreads the date (EB-SCH-11); its syntax was read (EB-SCH-01).
testBrokenFor('core-start-forms', 'starts-a-day-late', 'EB-SCH-11');
