import { testCheck } from '../../helpers/test-check.js';

testCheck('core-direct-refused');
