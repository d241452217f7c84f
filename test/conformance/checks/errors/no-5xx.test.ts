import { testCheck } from '../../helpers/test-check.js';

testCheck('errors-no-5xx');
