import { testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-illegal-update-cancelled');
