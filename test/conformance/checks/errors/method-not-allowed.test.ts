import { testCheck } from '../../helpers/test-check.js';

testCheck('errors-method-not-allowed');
