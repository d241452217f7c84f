import { testCheck } from '../../helpers/test-check.js';

testCheck('errors-impossible-date');
