import { testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-update-identifier');
